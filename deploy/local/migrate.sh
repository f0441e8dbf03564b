#!/usr/bin/env bash
# `npm run db:migrate [-- --service <name>]`: the migration step for the local databases, as the schema
# owner (DATABASE_SERVER_URL, default the local postgres user), one service or all three. The services
# themselves never get the owner's URL (see start.sh). Runs the built entrypoint when there is one
# (`main.js --migrate-only`, what a deployment's job or init container runs), the sources otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."

services=(request survey evaluation)
if [[ ${1:-} == --service ]]; then
  [[ " ${services[*]} " == *" ${2:-} "* ]] || { echo "db:migrate: --service must be one of: ${services[*]}" >&2; exit 1; }
  services=("$2")
elif [[ $# -gt 0 ]]; then
  echo "usage: npm run db:migrate [-- --service <${services[*]// /|}>]" >&2
  exit 1
fi

for name in "${services[@]}"; do
  export DATABASE_MIGRATION_URL=${DATABASE_SERVER_URL:-postgres://postgres@127.0.0.1:5432}/pantau_$name
  if [[ -f dist/services/$name/main.js ]]; then
    node "dist/services/$name/main.js" --migrate-only
  else
    npx ts-node --transpile-only -r tsconfig-paths/register "services/$name/src/main.ts" --migrate-only
  fi
done

#!/usr/bin/env bash
# The contract gate run by `npm test`: buf lint, no breaking change against the main branch, and the
# committed TypeScript in libs/contracts/src/gen matching what the protos generate.
set -euo pipefail
cd "$(dirname "$0")/.."
buf=node_modules/.bin/buf

(cd proto && ../$buf lint)

# Against main as committed (the first commit of a contract has nothing to break). On a clone
# without a local main (a CI checkout of a branch), fetch it; without a remote, skip with a note.
against=""
if git rev-parse --verify --quiet main >/dev/null; then
  against=main
elif git rev-parse --verify --quiet origin/main >/dev/null; then
  against=origin/main
fi
if [[ -n $against ]] && git cat-file -e "$against:proto/buf.yaml" 2>/dev/null; then
  $buf breaking proto --against ".git#ref=$against,subdir=proto"
else
  echo "proto/check.sh: no main branch with proto/ to compare against; breaking-change check skipped" >&2
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd proto && ../$buf generate --template buf.gen.yaml -o "$scratch")
if ! diff -r "$scratch/gen" libs/contracts/src/gen >/dev/null; then
  diff -r "$scratch/gen" libs/contracts/src/gen | head -20 >&2
  echo "proto/check.sh: libs/contracts/src/gen is stale; run npm run proto:gen and commit it" >&2
  exit 1
fi
echo "proto: lint, breaking and generated code are clean"

#!/usr/bin/env bash
# Regenerates the TypeScript contracts in libs/contracts/src/gen from proto/.
# Generates into a scratch folder first so a concurrent reader never sees a half-empty gen/.
set -euo pipefail
cd "$(dirname "$0")"
out=../libs/contracts/src/gen
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
../node_modules/.bin/buf lint
../node_modules/.bin/buf generate --template buf.gen.yaml -o "$scratch"
rsync -a --delete --checksum "$scratch/gen/" "$out/"

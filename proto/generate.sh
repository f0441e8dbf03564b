#!/usr/bin/env bash
# Regenerates the TypeScript contracts in libs/contracts/src/gen from proto/.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf ../libs/contracts/src/gen
../node_modules/.bin/buf lint
../node_modules/.bin/buf generate

#!/usr/bin/env bash
# Checks the architecture rules on the code, then proves the rules are alive: the fixture that breaks
# them must be reported, rule by rule.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx depcruise --config .dependency-cruiser.js services libs
fixture_report=$(npx depcruise --config .dependency-cruiser.js --output-type err test/fixtures/dependency-rules 2>&1 || true)
for rule in domain-is-pure domain-no-node-io domain-imports-only-domain-and-contract-types kernel-imports-nothing; do
  if ! grep -q "$rule" <<<"$fixture_report"; then
    echo "dependency rule '$rule' no longer catches test/fixtures/dependency-rules: the rule is dead" >&2
    exit 1
  fi
done
echo "dependency rules: alive (fixture rejected by every domain and kernel rule)"

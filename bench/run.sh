#!/usr/bin/env bash
# Runs the issue-3 benchmarks, and without --quick the issue-20 proposals bench, one after another
# (never two heavy ones at once) and writes bench/results/latest.json plus a short table.
#   bench/run.sh [--quick] [--events N] [--relay-events N] [--proposal-seconds N] [--proposal-rate N] [--proposal-events N]
#   --quick          small sizes, under two minutes: what a smoke test uses (skips the proposals bench,
#                    whose service boot alone takes half a minute: run it with npm run bench:proposals -- --quick)
#   --events N       replay size (default 1,000,000; the full run uses 10,000,000)
#   --relay-events N events relayed and consumed (default 100,000; 5,000 with --quick)
#   --proposal-seconds N  seconds of source events for the proposal latency (default 60)
#   --proposal-rate N     source events per second meanwhile (default 100, the issue-20 target's rate)
#   --proposal-events N   backlog the proposal consumer and the runner no-op read (default 20,000)
# PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
# Kafka: KAFKA_BROKERS, else the local broker of deploy/local/kafka.sh (started if stopped, and
# stopped again at the end).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

args=("$@")
quick=0
while (($#)); do
  case $1 in
    --quick) quick=1; shift ;;
    --events | --relay-events | --proposal-seconds | --proposal-rate | --proposal-events)
      [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: $1 needs a positive integer" >&2; exit 2; }
      shift 2 ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

for tool in pgbench psql node; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool not found on PATH" >&2; exit 1; }
done

started_kafka=0
if [[ -z ${KAFKA_BROKERS:-} ]]; then
  if ! bash deploy/local/kafka.sh status >/dev/null 2>&1; then
    bash deploy/local/kafka.sh start
    started_kafka=1
  fi
fi
stop_kafka() { if ((started_kafka)); then bash deploy/local/kafka.sh stop || true; fi; }
trap stop_kafka EXIT

rm -f bench/results/*.tmp
ts_node=(node -r ts-node/register/transpile-only -r tsconfig-paths/register)
failed=()
benches=(append replay relay)
((quick)) || benches+=(proposals)
for bench in "${benches[@]}"; do
  "${ts_node[@]}" "bench/$bench.bench.ts" "${args[@]}" || failed+=("$bench")
done
"${ts_node[@]}" bench/support/report.ts "${args[@]}"
rm -f bench/results/*.tmp
if ((${#failed[@]})); then
  echo "run.sh: failed: ${failed[*]}" >&2
  exit 1
fi

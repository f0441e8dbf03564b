#!/usr/bin/env bash
# `npm stop`: stops the services started by `npm start` (SIGTERM: they finish the batch in flight),
# then the local Kafka broker. Data stays; `bash deploy/local/kafka.sh reset` deletes the broker's.
set -euo pipefail
cd "$(dirname "$0")/../.."
state=.local/run

for name in portal request survey evaluation; do
  pidfile=$state/$name.pid
  [[ -f $pidfile ]] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "stop: $name stopped"
  fi
  rm -f "$pidfile"
done

bash deploy/local/kafka.sh stop

#!/usr/bin/env bash
# `npm start`: the whole platform on this machine. Creates the databases, starts Apache Kafka (KRaft,
# from Maven Central jars), builds and starts the three services in the background, loads the demo
# city, and prints where everything listens. `npm stop` stops it all.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
state=.local/run
logs=.local/logs
mkdir -p "$state" "$logs"

services=(request:3001 survey:3002 evaluation:3003)

[[ -d node_modules ]] || { echo "start: dependencies are missing; run npm ci first" >&2; exit 1; }

node deploy/local/create-databases.js
bash deploy/local/kafka.sh start

echo "start: building the services"
npm run --silent build >"$logs/build.log" 2>&1 || { tail -n 30 "$logs/build.log" >&2; echo "start: build failed (full log: $logs/build.log)" >&2; exit 1; }

running() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

for entry in "${services[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  pidfile=$state/$name.pid
  if running "$pidfile"; then
    echo "start: $name already running (pid $(cat "$pidfile"))"
    continue
  fi
  NODE_ENV=${NODE_ENV:-development} \
  PORT=$port \
  DATABASE_URL=${DATABASE_SERVER_URL:-postgres://postgres@127.0.0.1:5432}/pantau_$name \
  KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092} \
  KAFKA_CLIENT_ID=pantau-$name \
  CORS_ORIGINS=${CORS_ORIGINS:-http://127.0.0.1:3000,http://localhost:3000} \
  KAFKAJS_NO_PARTITIONER_WARNING=1 \
    setsid node "$root/dist/services/$name/main.js" </dev/null >>"$logs/$name.log" 2>&1 &
  echo $! >"$pidfile"
done

for entry in "${services[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  for attempt in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then break; fi
    if ! running "$state/$name.pid"; then
      echo "start: $name exited; last lines of $logs/$name.log:" >&2
      tail -n 20 "$logs/$name.log" >&2
      exit 1
    fi
    [[ $attempt == 60 ]] && { echo "start: $name not ready after 60s (see $logs/$name.log)" >&2; exit 1; }
    sleep 1
  done
done

if [[ -f deploy/local/seed-demo.js ]]; then node deploy/local/seed-demo.js; fi

cat <<INFO

Pantau is running.
  request service     http://127.0.0.1:3001   OpenAPI http://127.0.0.1:3001/docs
  survey service      http://127.0.0.1:3002   OpenAPI http://127.0.0.1:3002/docs
  evaluation service  http://127.0.0.1:3003   OpenAPI http://127.0.0.1:3003/docs
  health              http://127.0.0.1:300{1,2,3}/health   metrics /metrics
  Kafka               127.0.0.1:9092 (log .local/kafka/single/server.log)
  logs                $logs/<service>.log
Stop everything with: npm stop
INFO

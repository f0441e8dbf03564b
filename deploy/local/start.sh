#!/usr/bin/env bash
# `npm start`: the whole platform on this machine. Creates the databases, starts Apache Kafka (KRaft,
# from Maven Central jars) and, unless REDIS_URL names another, Redis if it is not running, builds and
# starts the three services in the background, loads the demo city, and prints where everything
# listens. `npm stop` stops the services and Kafka (Redis, like PostgreSQL, is the machine's and stays).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
state=.local/run
logs=.local/logs
mkdir -p "$state" "$logs"

services=(request:3001 survey:3002 evaluation:3003)

# The dev issuer's secret: the services verify with it, seed-demo.js and `npm run dev-token` sign
# with it. The default is the published one from deploy/.env.example (refused in production).
export AUTH_DEV_SIGNING_SECRET=${AUTH_DEV_SIGNING_SECRET:-pantau-local-dev-signing-secret-not-for-production}

[[ -d node_modules ]] || { echo "start: dependencies are missing; run npm ci first" >&2; exit 1; }

node deploy/local/create-databases.js
bash deploy/local/kafka.sh start
# The services count their rate limits in Redis (REDIS_URL, this machine's by default).
[[ -n ${REDIS_URL:-} ]] || bash deploy/local/redis.sh

echo "start: building the services"
npm run --silent build >"$logs/build.log" 2>&1 || { tail -n 30 "$logs/build.log" >&2; echo "start: build failed (full log: $logs/build.log)" >&2; exit 1; }

running() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# The migration step, as the schema owner; the services below never get the owner's URL.
LOG_LEVEL=warn bash deploy/local/migrate.sh >>"$logs/migrate.log" 2>&1 || { tail -n 20 "$logs/migrate.log" >&2; echo "start: migrations failed (full log: $logs/migrate.log)" >&2; exit 1; }

for entry in "${services[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  pidfile=$state/$name.pid
  if running "$pidfile"; then
    echo "start: $name already running (pid $(cat "$pidfile"))"
    continue
  fi
  # The service connects as pantau_app, which cannot change or delete stored events and refuses to
  # start as anything more (see deploy/local/create-databases.js); the migration step above ran as the owner.
  env -u DATABASE_MIGRATION_URL \
  NODE_ENV=${NODE_ENV:-development} \
  PORT=$port \
  DATABASE_URL=${APP_DATABASE_SERVER_URL:-postgres://pantau_app@127.0.0.1:5432}/pantau_$name \
  AUTH_MODE=${AUTH_MODE:-dev} \
  KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092} \
  KAFKA_CLIENT_ID=pantau-$name \
  CORS_ORIGINS=${CORS_ORIGINS:-http://127.0.0.1:3000,http://localhost:3000} \
  TRUST_PROXY=${TRUST_PROXY:-loopback} \
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

# The portal last: the web app and the same-origin API in front of the services (which trust it by its
# address, TRUST_PROXY=loopback above, to read the citizen's address).
if running "$state/portal.pid"; then
  echo "start: portal already running (pid $(cat "$state/portal.pid"))"
else
  NODE_ENV=${NODE_ENV:-development} \
  PORT=3000 \
  AUTH_MODE=${AUTH_MODE:-dev} \
  REQUEST_SERVICE_URL=http://127.0.0.1:3001 \
  SURVEY_SERVICE_URL=http://127.0.0.1:3002 \
  EVALUATION_SERVICE_URL=http://127.0.0.1:3003 \
    setsid node "$root/dist/services/portal/main.js" </dev/null >>"$logs/portal.log" 2>&1 &
  echo $! >"$state/portal.pid"
fi
for attempt in $(seq 1 30); do
  if curl -fsS http://127.0.0.1:3000/health/ready >/dev/null 2>&1; then break; fi
  if ! running "$state/portal.pid"; then
    echo "start: portal exited; last lines of $logs/portal.log:" >&2
    tail -n 20 "$logs/portal.log" >&2
    exit 1
  fi
  [[ $attempt == 30 ]] && { echo "start: portal not ready after 30s (see $logs/portal.log)" >&2; exit 1; }
  sleep 1
done

cat <<INFO

Pantau is running.
  portal (web app)    http://127.0.0.1:3000   sign in: choose a demo user (Bagian Organisasi, operator SKPD,
                                              evaluator, auditor); citizens: /survei/<id>, /lacak
  request service     http://127.0.0.1:3001   OpenAPI http://127.0.0.1:3001/docs
  survey service      http://127.0.0.1:3002   OpenAPI http://127.0.0.1:3002/docs
  evaluation service  http://127.0.0.1:3003   OpenAPI http://127.0.0.1:3003/docs
  health              http://127.0.0.1:300{1,2,3}/health   metrics /metrics
  Kafka               127.0.0.1:9092 (log .local/kafka/single/server.log)
  logs                $logs/<service>.log
Sign in as a seeded user of the demo city (README "Signing in" lists them), e.g. the Disdukcapil operator:
  TOKEN=\$(npm run --silent dev-token -- operator-disdukcapil)
  curl -H "Authorization: Bearer \$TOKEN" 'http://127.0.0.1:3001/requests?unitId=disdukcapil'
Stop everything with: npm stop
INFO

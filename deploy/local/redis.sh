#!/usr/bin/env bash
# Makes sure a Redis answers on 127.0.0.1:$REDIS_PORT (default 6379), where the services count their
# rate limits: the machine's own when it runs (build machines and CI start one before anything else),
# else one started here from the machine's redis-server, keeping nothing on disk, as those machines run
# it. It is left running, like a machine's service; `redis-cli -p $REDIS_PORT shutdown nosave` stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${REDIS_PORT:-6379}
logs=${PANTAU_LOCAL_DIR:-.local}/logs

answers() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf 'PING\r\n' >&3
    IFS= read -r -t 2 reply <&3 && [[ $reply == +PONG* ]]
  ) 2>/dev/null
}

answers && exit 0
command -v redis-server >/dev/null || {
  echo "redis: nothing answers on 127.0.0.1:$port and redis-server is not installed (Debian: apt-get install redis-server)" >&2
  exit 1
}
mkdir -p "$logs"
echo "redis: starting redis-server on 127.0.0.1:$port (log $logs/redis.log)"
redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$port" --save "" --appendonly no --dir "$PWD/$logs" --logfile "$PWD/$logs/redis.log"
for _ in $(seq 1 20); do answers && exit 0; sleep 0.5; done
echo "redis: started, but nothing answers on 127.0.0.1:$port (see $logs/redis.log)" >&2
exit 1

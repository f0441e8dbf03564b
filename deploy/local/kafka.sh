#!/usr/bin/env bash
# Runs a real Apache Kafka broker (KRaft, no ZooKeeper) on this machine without Docker:
# the broker jars come from Maven Central via deploy/local/kafka/pom.xml and run with plain `java`.
# Everything it creates lives under $PANTAU_LOCAL_DIR/kafka (default <repo>/.local/kafka, git-ignored).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: deploy/local/kafka.sh <command>

Single broker (127.0.0.1:$KAFKA_PORT, default 9092; controller on KAFKA_PORT+1):
  fetch                 download the Kafka jars once (cached in .local/kafka/libs)
  start                 start in the background and wait until the broker answers
  stop                  SIGTERM, then SIGKILL after 30s
  status                exit 0 if running, 3 if stopped
  reset                 stop and delete all data

Three-broker cluster (brokers 127.0.0.1:19092-19094, controllers 19192-19194):
  cluster-start | cluster-stop | cluster-reset
  cluster-status        exit 0 if all nodes run, 1 if only some, 3 if none
  cluster-kill-node N   kill -9 node N (1-3), for fault tests
  cluster-start-node N  start node N again and wait until it answers

Kafka CLI from the same jars:
  run-class <main-class> [args...]
      e.g. run-class org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list

Environment: KAFKA_PORT, KAFKA_HEAP_OPTS (broker heap, e.g. "-Xms256m -Xmx512m"),
             PANTAU_LOCAL_DIR (default <repo>/.local)
EOF
}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
POM=$SCRIPT_DIR/kafka/pom.xml

LOCAL_DIR=${PANTAU_LOCAL_DIR:-$REPO_ROOT/.local}
KAFKA_DIR=$LOCAL_DIR/kafka
LIBS_DIR=$KAFKA_DIR/libs
LIBS_MARKER=$LIBS_DIR/.complete
TOOLS_LOG4J=$KAFKA_DIR/tools-log4j.properties
SINGLE_DIR=$KAFKA_DIR/single
CLUSTER_DIR=$KAFKA_DIR/cluster

KAFKA_PORT=${KAFKA_PORT:-9092}
SINGLE_HEAP=${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}
CLUSTER_HEAP=${KAFKA_HEAP_OPTS:--Xms256m -Xmx384m}
CLUSTER_NODES=(1 2 3)

START_TIMEOUT_S=90
STOP_TIMEOUT_S=30

# Same GC settings as Kafka's own bin/kafka-run-class.sh.
BROKER_JVM_OPTS=(-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
  -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true)
# CLI tools are short-lived: a small heap and C1-only JIT start noticeably faster.
TOOL_JAVA=(java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true
  "-Dlog4j.configuration=file:$TOOLS_LOG4J" -cp "$LIBS_DIR/*")

log() { printf 'kafka.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

now_ms() { local us=${EPOCHREALTIME/./}; echo $((us / 1000)); }
elapsed_since() { local ms=$(($(now_ms) - $1)); printf '%d.%01ds' $((ms / 1000)) $((ms % 1000 / 100)); }

require_cmd() { # command, package hint
  command -v "$1" >/dev/null 2>&1 ||
    die "'$1' not found on PATH. Install it, e.g.: apt-get install -y $2"
}

# ---------------------------------------------------------------- jars

# The marker holds the pom's checksum, so editing the pom (e.g. a new Kafka version) refetches.
libs_are_current() {
  [[ -f $LIBS_MARKER ]] && [[ $(<"$LIBS_MARKER") == "$(sha256sum <"$POM")" ]]
}

fetch_libs() {
  require_cmd java openjdk-17-jre-headless
  write_tools_log4j
  if libs_are_current; then return 0; fi
  require_cmd mvn "maven openjdk-17-jdk-headless"
  log "fetching Kafka jars from Maven Central into $LIBS_DIR (once; cached in ~/.m2) ..."
  # Download next to the target and swap in only when complete, so an interrupted
  # fetch never leaves a half-filled classpath behind.
  local tmp=$KAFKA_DIR/libs.tmp out
  rm -rf "$tmp"
  # Maven's output is only worth showing when it fails (even -q emits stray colour codes).
  if ! out=$(mvn -q -B -f "$POM" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$tmp" 2>&1); then
    printf '%s\n' "$out" >&2
    die "maven could not fetch the Kafka jars (is Maven Central reachable? output above)"
  fi
  sha256sum <"$POM" >"$tmp/.complete"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  log "fetched $(find "$LIBS_DIR" -name '*.jar' | wc -l) jars"
}

write_tools_log4j() {
  mkdir -p "$KAFKA_DIR"
  cat >"$TOOLS_LOG4J" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

# ---------------------------------------------------------------- node config

# A "node" is a directory holding server.properties, log4j.properties, pid, server.log,
# jvm.out (stdout/stderr, only interesting if the JVM dies before log4j is up) and data/.

write_log4j() { # node_dir
  cat >"$1/log4j.properties" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=$1/server.log
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
# Per-request and partition state-change lines would drown everything else.
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
EOF
}

common_props() { # node_dir node_id broker_port controller_port voters
  cat <<EOF
process.roles=broker,controller
node.id=$2
controller.quorum.voters=$5
listeners=PLAINTEXT://127.0.0.1:$3,CONTROLLER://127.0.0.1:$4
advertised.listeners=PLAINTEXT://127.0.0.1:$3
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$1/data
num.partitions=3
auto.create.topics.enable=true
delete.topic.enable=true
group.initial.rebalance.delay.ms=0
log.retention.hours=24
# After a kill -9 the controller keeps the dead incarnation registered until its session
# expires (default 9s), which delays the restart and, in the cluster, leader failover.
broker.session.timeout.ms=6000
broker.heartbeat.interval.ms=1500
EOF
}

write_single_config() {
  local controller_port=$((KAFKA_PORT + 1))
  mkdir -p "$SINGLE_DIR"
  write_log4j "$SINGLE_DIR"
  {
    common_props "$SINGLE_DIR" 1 "$KAFKA_PORT" "$controller_port" "1@127.0.0.1:$controller_port"
    cat <<EOF
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
EOF
  } >"$SINGLE_DIR/server.properties"
}

cluster_node_dir() { echo "$CLUSTER_DIR/node-$1"; }
cluster_broker_port() { echo $((19091 + $1)); }
cluster_controller_port() { echo $((19191 + $1)); }

cluster_voters() {
  local n voters=()
  for n in "${CLUSTER_NODES[@]}"; do voters+=("$n@127.0.0.1:$(cluster_controller_port "$n")"); done
  (IFS=,; echo "${voters[*]}")
}

write_cluster_config() { # node_id
  local dir
  dir=$(cluster_node_dir "$1")
  mkdir -p "$dir"
  write_log4j "$dir"
  {
    common_props "$dir" "$1" "$(cluster_broker_port "$1")" "$(cluster_controller_port "$1")" "$(cluster_voters)"
    cat <<EOF
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
EOF
  } >"$dir/server.properties"
}

# KRaft refuses to start on an unformatted log dir. All nodes of one cluster must be
# formatted with the same cluster id, hence the shared id file.
ensure_formatted() { # node_dir cluster_id_file
  [[ -f $1/data/meta.properties ]] && return 0
  if [[ ! -s $2 ]]; then
    "${TOOL_JAVA[@]}" kafka.tools.StorageTool random-uuid >"$2.tmp"
    mv "$2.tmp" "$2"
  fi
  "${TOOL_JAVA[@]}" kafka.tools.StorageTool format -t "$(<"$2")" -c "$1/server.properties" >/dev/null
}

# ---------------------------------------------------------------- processes

# Prints the broker pid if it is alive. Checking the command line guards against a
# stale pid file whose pid the kernel has since handed to an unrelated process.
node_pid() { # node_dir
  local pid
  pid=$(cat "$1/pid" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$1/server.properties" || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The socket is bound before the broker serves requests, so an open port is not
# enough: ask for the API versions through the real admin client.
broker_answers() { # port
  port_open "$1" &&
    timeout 20 "${TOOL_JAVA[@]}" kafka.admin.BrokerApiVersionsCommand \
      --bootstrap-server "127.0.0.1:$1" >/dev/null 2>&1
}

# server.log outlives restarts; remember where this launch began so a failure shows only
# its own lines, not the tail of an older run.
declare -A LOG_OFFSET=()

show_logs() { # node_dir
  local recent
  recent=$(tail -c +$((${LOG_OFFSET[$1]:-0} + 1)) "$1/server.log" 2>/dev/null | tail -n 40)
  [[ -n $recent ]] && { log "---- last lines of $1/server.log"; printf '%s\n' "$recent" >&2; }
  [[ -s $1/jvm.out ]] && { log "---- $1/jvm.out"; tail -n 40 "$1/jvm.out" >&2; }
  return 0
}

launch_node() { # node_dir heap_opts
  local heap
  read -ra heap <<<"$2"
  LOG_OFFSET[$1]=$(stat -c %s "$1/server.log" 2>/dev/null || echo 0)
  # setsid detaches the broker from the caller's terminal and process group, so Ctrl-C or a
  # closing shell does not take it down. Without job control the child is no group leader,
  # so setsid execs in place and $! is the JVM's pid. fd 9 is the command lock: the broker
  # must not inherit it.
  setsid java "${heap[@]}" "${BROKER_JVM_OPTS[@]}" \
    "-Dlog4j.configuration=file:$1/log4j.properties" -cp "$LIBS_DIR/*" \
    kafka.Kafka "$1/server.properties" </dev/null >"$1/jvm.out" 2>&1 9>&- &
  echo $! >"$1/pid"
}

wait_until_ready() { # node_dir port
  local deadline=$((SECONDS + START_TIMEOUT_S))
  until broker_answers "$2"; do
    if ! node_pid "$1" >/dev/null; then
      show_logs "$1"
      die "broker in $1 exited during startup (logs above)"
    fi
    if ((SECONDS >= deadline)); then
      show_logs "$1"
      die "broker on 127.0.0.1:$2 did not answer within ${START_TIMEOUT_S}s (still running as pid $(node_pid "$1"); logs above)"
    fi
    sleep 0.5
  done
}

# Launches the broker unless it already runs; does not wait.
start_node() { # node_dir port heap_opts cluster_id_file
  if node_pid "$1" >/dev/null; then return 0; fi
  rm -f "$1/pid"
  port_open "$2" && die "127.0.0.1:$2 is already taken by another process (not started by this script)"
  ensure_formatted "$1" "$4"
  launch_node "$1" "$3"
}

# SIGTERM lets Kafka shut down cleanly (no log recovery on the next start); SIGKILL is the fallback.
stop_nodes() { # node_dir...
  local dir pid pids=() deadline=$((SECONDS + STOP_TIMEOUT_S))
  for dir in "$@"; do
    pid=$(node_pid "$dir") || { rm -f "$dir/pid"; continue; }
    kill -TERM "$pid"
    pids+=("$pid")
  done
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "pid $pid ignored SIGTERM for ${STOP_TIMEOUT_S}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  for dir in "$@"; do rm -f "$dir/pid"; done
}

# ---------------------------------------------------------------- single broker

cmd_start() {
  local t0 pid
  t0=$(now_ms)
  if pid=$(node_pid "$SINGLE_DIR") && broker_answers "$KAFKA_PORT"; then
    echo "Kafka already running on 127.0.0.1:$KAFKA_PORT (pid $pid)"
    return 0
  fi
  fetch_libs
  write_single_config
  start_node "$SINGLE_DIR" "$KAFKA_PORT" "$SINGLE_HEAP" "$SINGLE_DIR/cluster.id"
  wait_until_ready "$SINGLE_DIR" "$KAFKA_PORT"
  echo "Kafka ready on 127.0.0.1:$KAFKA_PORT (pid $(node_pid "$SINGLE_DIR")) in $(elapsed_since "$t0"); log: $SINGLE_DIR/server.log"
}

cmd_stop() {
  stop_nodes "$SINGLE_DIR"
  echo "Kafka stopped"
}

cmd_status() {
  local pid
  if pid=$(node_pid "$SINGLE_DIR"); then
    echo "running (pid $pid, 127.0.0.1:$KAFKA_PORT)"
  else
    echo "stopped"
    return 3
  fi
}

cmd_reset() {
  stop_nodes "$SINGLE_DIR"
  rm -rf "$SINGLE_DIR"
  echo "Kafka stopped and its data deleted"
}

# ---------------------------------------------------------------- cluster

cluster_node_arg() { # raw argument
  [[ ${1:-} =~ ^[1-3]$ ]] || die "expected a node number 1-3, got '${1:-}'"
  echo "$1"
}

start_cluster_nodes() { # node_id...
  local n
  fetch_libs
  for n in "$@"; do
    write_cluster_config "$n"
    start_node "$(cluster_node_dir "$n")" "$(cluster_broker_port "$n")" "$CLUSTER_HEAP" "$CLUSTER_DIR/cluster.id"
  done
  # Wait only after launching all of them: a node cannot finish starting before the
  # controller quorum (2 of 3) is up.
  for n in "$@"; do
    wait_until_ready "$(cluster_node_dir "$n")" "$(cluster_broker_port "$n")"
  done
}

cluster_bootstrap() {
  local n servers=()
  for n in "${CLUSTER_NODES[@]}"; do servers+=("127.0.0.1:$(cluster_broker_port "$n")"); done
  (IFS=,; echo "${servers[*]}")
}

cmd_cluster_start() {
  local t0
  t0=$(now_ms)
  start_cluster_nodes "${CLUSTER_NODES[@]}"
  echo "Kafka cluster ready on $(cluster_bootstrap) in $(elapsed_since "$t0"); logs: $CLUSTER_DIR/node-N/server.log"
}

cmd_cluster_stop() {
  local n dirs=()
  for n in "${CLUSTER_NODES[@]}"; do dirs+=("$(cluster_node_dir "$n")"); done
  # All at once: stopping one by one would leave the last nodes without a controller quorum.
  stop_nodes "${dirs[@]}"
  echo "Kafka cluster stopped"
}

cmd_cluster_status() {
  local n pid running=0
  for n in "${CLUSTER_NODES[@]}"; do
    if pid=$(node_pid "$(cluster_node_dir "$n")"); then
      echo "node $n: running (pid $pid, 127.0.0.1:$(cluster_broker_port "$n"))"
      running=$((running + 1))
    else
      echo "node $n: stopped"
    fi
  done
  ((running == ${#CLUSTER_NODES[@]})) && return 0
  ((running == 0)) && return 3
  return 1
}

cmd_cluster_reset() {
  cmd_cluster_stop >/dev/null
  rm -rf "$CLUSTER_DIR"
  echo "Kafka cluster stopped and its data deleted"
}

cmd_cluster_kill_node() { # node_id
  local n pid dir
  n=$(cluster_node_arg "${1:-}")
  dir=$(cluster_node_dir "$n")
  if pid=$(node_pid "$dir"); then
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    echo "node $n (pid $pid) killed with SIGKILL"
  else
    echo "node $n was not running"
  fi
  rm -f "$dir/pid"
}

cmd_cluster_start_node() { # node_id
  local n t0
  n=$(cluster_node_arg "${1:-}")
  t0=$(now_ms)
  start_cluster_nodes "$n"
  echo "node $n ready on 127.0.0.1:$(cluster_broker_port "$n") in $(elapsed_since "$t0")"
}

# ---------------------------------------------------------------- main

cmd_run_class() {
  (($# > 0)) || die "run-class needs a main class, e.g. org.apache.kafka.tools.TopicCommand"
  libs_are_current || die "Kafka jars are missing: run '$0 fetch' first"
  write_tools_log4j
  exec "${TOOL_JAVA[@]}" "$@"
}

# One command at a time: two concurrent `start`s must not launch two brokers on one data dir.
take_lock() {
  mkdir -p "$KAFKA_DIR"
  exec 9>"$KAFKA_DIR/.lock"
  flock -w $((START_TIMEOUT_S * 3)) 9 || die "another kafka.sh command holds $KAFKA_DIR/.lock"
}

main() {
  local cmd=${1:-help}
  (($# > 0)) && shift
  # Read-only commands skip the lock so they answer at once even while a start is waiting.
  case $cmd in
    run-class) cmd_run_class "$@"; return ;;
    status) cmd_status; return ;;
    cluster-status) cmd_cluster_status; return ;;
    help | -h | --help) usage; return ;;
  esac
  take_lock
  case $cmd in
    fetch) fetch_libs && echo "Kafka jars ready in $LIBS_DIR" ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    reset) cmd_reset ;;
    cluster-start) cmd_cluster_start ;;
    cluster-stop) cmd_cluster_stop ;;
    cluster-reset) cmd_cluster_reset ;;
    cluster-kill-node) cmd_cluster_kill_node "$@" ;;
    cluster-start-node) cmd_cluster_start_node "$@" ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"

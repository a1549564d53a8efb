#!/usr/bin/env bash
# Every ssa command. Run ./run.sh help for the list.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
SSA_HOME="${SSA_HOME:-$ROOT/.ssa}"
export SSA_HOME
LOGS="$SSA_HOME/logs"
MVN="${SSA_MVN:-mvn}"
# Jar names carry no version (<finalName> in pom.xml).
APP_JAR="$ROOT/streaming-app/target/ssa-streaming-app-all.jar"
GEN_JAR="$ROOT/generator/target/ssa-generator-all.jar"
RECEIVER_JAR="$ROOT/receiver/target/ssa-receiver-all.jar"
BENCH_JAR="$ROOT/bench/target/ssa-bench.jar"
LAUNCHER_JAR="$ROOT/launcher/target/ssa-launcher.jar"
# The Spark jars spark-submit would provide, as the build lists them (streaming-app/pom.xml).
SPARK_CP_FILE="$ROOT/streaming-app/target/spark-classpath.txt"
CONF="${SSA_CONF:-$ROOT/conf/application.conf}"
LOG4J="$ROOT/conf/log4j2.properties"

say() { printf '[ssa] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

usage() {
  cat <<'USAGE'
usage: ./run.sh COMMAND [ARGS]

  demo                         build, start Cassandra, apply the schema, start the generator,
                               submit the job, serve the dashboard (its address is printed)
                               and print rollups every 5 s until Ctrl-C; SSA_DEMO_SOURCE=kafka
                               sends the events through the receiver and a local Kafka broker
                               (SSA_DEMO_SECONDS=N stops by itself after N seconds)
  test                         every gate and test: shellcheck, then mvn verify (formatter check,
                               javac lint, enforcer, architecture and unit tests, integration
                               tests against a real Cassandra node, started and stopped for the run)
  build                        compile and package the jars (skips tests)
  format                       rewrite every Java source in google-java-format style (the style
                               the build checks)
  shellcheck                   check every shell script with shellcheck (the first step of test)
  cassandra start|stop|status|reset
                               the local Cassandra 5.0 node (data under .ssa/cassandra)
  cluster start|stop|status|reset
                               a local cluster: three Cassandra nodes on 127.0.0.2-4 (512 MiB
                               heap each), an HDFS NameNode and DataNode (hdfs://127.0.0.1:8020),
                               a Spark master (spark://127.0.0.1:7077) and two workers; state
                               under .ssa/cluster; reset deletes its data
  cluster submit [SPARK OPTIONS] [-- JOB OPTIONS]
                               the job on that cluster, with conf/cluster.conf
  kafka start|stop|status|reset
                               a local Kafka broker (KRaft, one node, 512 MiB heap) on
                               127.0.0.1:9092, data under .ssa/kafka; reset deletes its topics
  schema                       create the keyspace and tables from cql/schema.cql
  generator [OPTIONS]          serve events on a TCP port (--help for its options)
  receiver                     take your own events in: POST http://127.0.0.1:8090/events and lines
                               on tcp 127.0.0.1:9191, published to the Kafka topic the job reads
                               (source.format = kafka): README, "Your own events"
  submit [SPARK OPTIONS] [-- JOB OPTIONS]
                               spark-submit the streaming job (uses $SPARK_HOME if set);
                               job options: -- --help
  incremental --id NAME --period MINUTE|HOUR|DAY|MONTH|YEAR [--look-back N] [--from TIME] [--to TIME]
                               spark-submit a re-summarization of the rollups from events_raw:
                               only what is new since the last run of NAME (see README)
  migrate [--copies URI]       bring a keyspace made by an older schema to the current one (stop
                               the job first): README, "Migrating a keyspace"
  bench incremental [DAYS...]  benchmark: cost of an incremental run vs days of history
  bench streaming [OPTIONS]    benchmark of the submitted job from outside: capacity, sustained
                               rate, latency, the driver-only ceiling, tuning (--help)
  bench sources [OPTIONS]      the same events drained through ssa-tcp and through Kafka
                               (--keys=50,5000 --lines=N --cap=N --label=NAME)
  cql "SELECT ..."             run one CQL statement in the job's keyspace, cqlsh-style output
  watch [SECONDS]              print each key's totals and newest minute every few seconds
  serve                        the dashboard and the query API over HTTP (read from Cassandra):
                               http://127.0.0.1:8088/ by default; README, "Dashboard and query API"

Settings: conf/application.conf (or SSA_CONF=FILE); environment variables such as
SSA_CASSANDRA_HOST, SSA_SOURCE_PORT, SSA_TRIGGER_INTERVAL override it (see reference.conf).
USAGE
}

# Java 17 flags Spark needs, kept once in pom.xml, one array element per flag.
java17_opens() {
  local flags
  flags="$(sed -n 's:.*<java17.opens>\(.*\)</java17.opens>.*:\1:p' "$ROOT/pom.xml")"
  [[ -n "$flags" ]] || die "no <java17.opens> in $ROOT/pom.xml"
  read -r -a JAVA17_OPENS <<<"$flags"
}

build() {
  # Maven leaves an unchanged jar as it was, so freshness is judged against a stamp of our own.
  local stamp="$SSA_HOME/build.stamp"
  if [[ -f "$APP_JAR" && -f "$GEN_JAR" && -f "$RECEIVER_JAR" && -f "$BENCH_JAR" && -f "$LAUNCHER_JAR" && -f "$SPARK_CP_FILE" \
      && -f "$stamp" ]] \
      && [[ -z "$(find "$ROOT/pom.xml" "$ROOT/cql" "$ROOT"/*/pom.xml "$ROOT"/*/src -newer "$stamp" -type f 2>/dev/null | head -1)" ]]; then
    return 0
  fi
  say "building (first time: Maven downloads Spark, a few minutes)"
  "$MVN" -f "$ROOT/pom.xml" -B -q -ntp package -DskipTests || die "the build failed (output above)"
  [[ -s "$SPARK_CP_FILE" ]] || die "the build did not list Spark's jars in $SPARK_CP_FILE"
  mkdir -p "$SSA_HOME"
  touch "$stamp"
}

# Runs a class of the app jar with Spark's jars beside it (logging, the driver, Spark itself).
app_java() {
  local main="$1"; shift
  java17_opens
  java "${JAVA17_OPENS[@]}" -Dlog4j.configurationFile="$LOG4J" \
    -cp "$APP_JAR:$(cat "$SPARK_CP_FILE")" "$main" "$@"
}

config_args() {
  if [[ -f "$CONF" ]]; then printf -- '--config\n%s\n' "$CONF"; fi
}

# Runs a subcommand of ssa.cli.Cql (schema, query, watch) with the job's settings.
cql_tool() {
  build
  local conf
  mapfile -t conf < <(config_args)
  app_java ssa.cli.Cql "$@" "${conf[@]}"
}

cmd_cql() {
  [[ $# -ge 1 ]] || die 'usage: ./run.sh cql "SELECT ..."'
  cql_tool query "$1"
}

cmd_serve() {
  build
  local conf
  mapfile -t conf < <(config_args)
  app_java ssa.serve.ServeMain "${conf[@]}"
}

cmd_generator() {
  build
  exec java -jar "$GEN_JAR" "$@"
}

# Settings come from the environment (SSA_KAFKA_*, SSA_RECEIVER_*) and -Dssa.receiver.* flags.
cmd_receiver() {
  build
  exec java -jar "$RECEIVER_JAR" "$@"
}

# spark-submit from $SPARK_HOME, or Spark's own SparkSubmit class from the jars Maven fetched:
# the same jar, the same flags. Usage: spark_submit CLASS [SPARK OPTIONS] -- [APP ARGS]
spark_submit() {
  local main="$1"; shift
  local spark_opts=(--class "$main" --name "ssa")
  while [[ $# -gt 0 && "$1" != "--" ]]; do spark_opts+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  if [[ " ${spark_opts[*]} " != *" --master "* ]]; then spark_opts=(--master "local[2]" "${spark_opts[@]}"); fi
  if [[ -n "${SPARK_HOME:-}" ]]; then
    exec "$SPARK_HOME/bin/spark-submit" \
      --driver-java-options "-Dlog4j.configurationFile=$LOG4J" \
      "${spark_opts[@]}" "$APP_JAR" "$@"
  fi
  java17_opens
  exec java "${JAVA17_OPENS[@]}" -Xmx"${SSA_DRIVER_MEMORY:-2g}" -Dlog4j.configurationFile="$LOG4J" \
    -cp "$(cat "$SPARK_CP_FILE")" org.apache.spark.deploy.SparkSubmit \
    "${spark_opts[@]}" "$APP_JAR" "$@"
}

# Usage: cmd_submit [SPARK OPTIONS] [-- JOB OPTIONS]
cmd_submit() {
  build
  mapfile -t conf < <(config_args)
  local spark_opts=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do spark_opts+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  spark_submit ssa.job.StreamingJobMain "${spark_opts[@]}" -- "${conf[@]}" "$@"
}

cmd_incremental() {
  build
  mapfile -t conf < <(config_args)
  spark_submit ssa.incremental.IncrementalMain -- "$@" "${conf[@]}"
}

# The local engines, run by the launcher module (ssa.launcher.LauncherMain): its settings are
# the SSA_CASSANDRA_* variables (README, "Local Cassandra").
launcher() {
  build
  java -Dssa.root="$ROOT" -cp "$LAUNCHER_JAR" ssa.launcher.LauncherMain "$@"
}

cassandra_start() { launcher cassandra start; }
cassandra_stop() { launcher cassandra stop; }
cassandra_status() { launcher cassandra status; }

# Runs a command with the local Cassandra node up: started for it, and stopped after, when it was
# not running already.
with_cassandra() {
  local started_here=0
  if ! cassandra_status >/dev/null 2>&1; then
    cassandra_start || die "the local Cassandra node did not start (see above)"
    started_here=1
  fi
  local rc=0
  "$@" || rc=$?
  if [[ $started_here == 1 ]]; then cassandra_stop || true; fi
  return $rc
}

cmd_bench() {
  local name="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$name" in
    incremental|streaming|sources) ;;
    *) die "usage: ./run.sh bench incremental|streaming|sources [ARGS] (see bench/README.md)" ;;
  esac
  build
  # The generator's plain jar: its shaded one carries a logging binding Spark already has.
  local gen_plain="$ROOT/generator/target/ssa-generator.jar"
  if [[ "$name" == streaming || "$name" == sources ]]; then
    # Drives the job from outside (run.sh submit of --app-root, default this checkout). Of the
    # job's classes the bench's JVM uses only the settings reader and session opener, so that it
    # logs in and encrypts as the job does; what it measures is the submitted job.
    # It runs for an hour from copies of these jars: a rebuild of this checkout meanwhile (a
    # probe's run.sh submit builds) rewrote the open jar and the bench died mid-run.
    local jars="$SSA_HOME/bench-jars/$$"
    mkdir -p "$jars"
    cp "$BENCH_JAR" "$gen_plain" "$APP_JAR" "$jars/"
    local cp spark_cp
    spark_cp="$(cat "$SPARK_CP_FILE")"
    cp="$jars/${BENCH_JAR##*/}:$jars/${gen_plain##*/}:$jars/${APP_JAR##*/}:$spark_cp"
    local rc=0
    if [[ "$name" == sources ]]; then
      # The same events through ssa-tcp and through the local Kafka broker (started if need be).
      local started_kafka=0
      if ! launcher kafka status >/dev/null 2>&1; then launcher kafka start; started_kafka=1; fi
      with_cassandra java -Xmx1g -Dlog4j.configurationFile="$LOG4J" -Dssa.root="$ROOT" -cp "$cp" \
        ssa.bench.SourceBench "$@" || rc=$?
      if [[ $started_kafka == 1 ]]; then launcher kafka stop || true; fi
    else
      local bench=(java -Xmx2g -Dlog4j.configurationFile="$LOG4J" -Dssa.root="$ROOT" -cp "$cp"
        ssa.bench.SubmittedStreamingBench "$@")
      if [[ " $* " == *" --help "* || " $* " == *" --cluster "* ]]; then
        # --cluster: the cluster (./run.sh cluster start) is what it measures, not the single node.
        "${bench[@]}" || rc=$?
      else
        with_cassandra "${bench[@]}" || rc=$?
      fi
    fi
    rm -rf "$jars"
    return $rc
  fi
  java17_opens
  with_cassandra java "${JAVA17_OPENS[@]}" -Xmx3g -Dlog4j.configurationFile="$LOG4J" \
    -cp "$BENCH_JAR:$gen_plain:$APP_JAR:$(cat "$SPARK_CP_FILE")" \
    ssa.bench.IncrementalBench "$@"
}

# Every shell script of the repository, relative to it: *.sh, and executables starting with #!...sh.
shell_scripts() {
  local file first
  while IFS= read -r -d '' file; do
    first=""
    if [[ "$file" != *.sh ]]; then IFS= read -r first <"$file" || true; fi
    if [[ "$file" == *.sh || "$first" =~ ^\#!.*[/\ ](ba|da|k)?sh([[:space:]]|$) ]]; then
      printf '%s\n' "${file#"$ROOT"/}"
    fi
  done < <(find "$ROOT" \( -name .git -o -name target -o -name .ssa -o -name node_modules \) -prune \
    -o -type f \( -name '*.sh' -o -perm -u+x \) -print0 | sort -z)
}

# Installs a Debian package the tests need when it is missing: as root (CI runs ./run.sh test as
# root on a fresh machine, with no stdin), else a message saying how.
apt_install() {
  local package="$1" why="$2"
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "$package is missing: installing the Debian package ($why)"
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get install -y -qq "$package" >/dev/null 2>&1 \
        || { apt-get update -qq && apt-get install -y -qq "$package" >/dev/null; }; } </dev/null; then
      die "apt-get could not install $package (output above)"
    fi
    return 0
  fi
  die "$package is not installed; $why. Install it (Debian/Ubuntu: sudo apt-get install $package)" \
    "and run again"
}

ensure_shellcheck() {
  command -v shellcheck >/dev/null 2>&1 && return 0
  apt_install shellcheck "./run.sh test checks every shell script with it"
  command -v shellcheck >/dev/null 2>&1 || die "apt-get ran, but there is still no shellcheck"
}

# The browser IT (DashboardIT) drives Chromium headless; SSA_CHROMIUM may name another binary.
ensure_chromium() {
  [[ -n "${SSA_CHROMIUM:-}" || -x /usr/bin/chromium ]] && return 0
  apt_install chromium "the dashboard's browser test runs it headless"
}

# The shell gate of ./run.sh test: shellcheck over every script, sourced files followed (-x).
cmd_shellcheck() {
  ensure_shellcheck
  local scripts
  mapfile -t scripts < <(shell_scripts)
  [[ ${#scripts[@]} -gt 0 ]] || die "found no shell scripts under $ROOT"
  say "shellcheck $(shellcheck --version | sed -n 's/^version: //p'): ${scripts[*]}"
  (cd "$ROOT" && shellcheck -x "${scripts[@]}") || die "shellcheck found problems (above)"
}

# Rewrites every Java source in google-java-format style, the style `mvn verify` checks.
cmd_format() {
  say "formatting every Java source with google-java-format (mvn spotless:apply)"
  "$MVN" -f "$ROOT/pom.xml" -B -q -ntp spotless:apply || die "the formatter failed (output above)"
}

# The test node runs with PasswordAuthenticator, so every test logs in as a real user would.
# The shell scripts are checked first; mvn verify then runs the other gates (formatter,
# javac lint, enforcer, architecture test) and every test.
cmd_test() {
  cmd_shellcheck
  ensure_chromium
  # The ITs start the local node themselves when none runs (LocalCassandraExtension), with a
  # login, and stop it after: the same as a plain `mvn verify`.
  "$MVN" -f "$ROOT/pom.xml" -B -ntp verify
}

# The job on the local cluster's Spark master, with conf/cluster.conf (checkpoint on its HDFS,
# keyspace at replication factor 3): ./run.sh submit with those, and executors that fit a worker.
cmd_cluster_submit() {
  CONF="${SSA_CONF:-$ROOT/conf/cluster.conf}"
  cmd_submit --master spark://127.0.0.1:7077 --executor-memory 768m --total-executor-cores 2 "$@"
}

# Rewrites the tables an older schema made (MigrateMain); the copies go under .ssa unless
# --copies says where.
cmd_migrate() {
  build
  mapfile -t conf < <(config_args)
  local copies=()
  if [[ " $* " != *" --copies "* ]]; then
    mkdir -p "$SSA_HOME/migration-copies"
    copies=(--copies "file://$SSA_HOME/migration-copies")
  fi
  spark_submit ssa.cli.MigrateMain -- "${conf[@]}" "${copies[@]}" "$@"
}

# What the demo started, for its clean-up; global because the EXIT trap runs after cmd_demo returns.
DEMO_STARTED_CASSANDRA=0 DEMO_STARTED_KAFKA=0
DEMO_GEN_PID="" DEMO_JOB_PID="" DEMO_WATCH_PID="" DEMO_SERVE_PID="" DEMO_RECEIVER_PID="" DEMO_BRIDGE_PID=""

demo_cleanup() {
  trap - INT TERM EXIT
  say "stopping the demo"
  local pid
  for pid in "$DEMO_WATCH_PID" "$DEMO_SERVE_PID" "$DEMO_JOB_PID" "$DEMO_BRIDGE_PID" \
      "$DEMO_RECEIVER_PID" "$DEMO_GEN_PID"; do
    [[ -n "$pid" ]] || continue
    # The watch runs in a subshell: stop its java child too.
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ $DEMO_STARTED_KAFKA == 1 ]]; then launcher kafka stop || true; fi
  if [[ $DEMO_STARTED_CASSANDRA == 1 ]]; then cassandra_stop || true; fi
}

# Waits up to 60 s for a log line matching a sed pattern with one group; prints the group.
await_log() {
  local log="$1" pattern="$2" found="" _
  for _ in $(seq 60); do
    found="$(sed -n "s/$pattern/\\1/p" "$log" 2>/dev/null | head -1)"
    [[ -n "$found" ]] && break
    sleep 1
  done
  printf '%s' "$found"
}

# SSA_DEMO_SOURCE=kafka: the generator's live stream goes line by line into the receiver's TCP
# port (bash's /dev/tcp, no nc needed), the receiver publishes it to a fresh topic of the local
# broker, and the job reads that topic.
demo_through_kafka() {
  if ! launcher kafka status >/dev/null 2>&1; then
    DEMO_STARTED_KAFKA=1
    launcher kafka start
  fi
  SSA_KAFKA_TOPIC="ssa-demo-$(date +%s)"
  export SSA_SOURCE_FORMAT=kafka SSA_KAFKA_TOPIC
  ( cmd_receiver ) </dev/null >"$LOGS/receiver.log" 2>&1 &
  DEMO_RECEIVER_PID=$!
  [[ -n "$(await_log "$LOGS/receiver.log" '^ssa receiver: \(.*\)')" ]] \
    || die "the receiver did not start: see $LOGS/receiver.log"
  say "receiver: lines on tcp 127.0.0.1:${SSA_RECEIVER_TCP_PORT:-9191} to topic $SSA_KAFKA_TOPIC (log: $LOGS/receiver.log)"
  (
    exec 3<>"/dev/tcp/127.0.0.1/${SSA_SOURCE_PORT:-9999}" 4<>"/dev/tcp/127.0.0.1/${SSA_RECEIVER_TCP_PORT:-9191}"
    cat <&3 >&4
  ) &
  DEMO_BRIDGE_PID=$!
}

cmd_demo() {
  local source="${SSA_DEMO_SOURCE:-ssa-tcp}"
  [[ "$source" == ssa-tcp || "$source" == kafka ]] \
    || die "SSA_DEMO_SOURCE must be ssa-tcp or kafka, was '$source'"
  build
  mkdir -p "$LOGS"
  trap demo_cleanup INT TERM EXIT
  if ! cassandra_status >/dev/null 2>&1; then
    DEMO_STARTED_CASSANDRA=1
    cassandra_start
  fi
  cql_tool schema
  local rate="${SSA_DEMO_RATE:-2000}"
  say "generator: ${rate} events/s on port ${SSA_SOURCE_PORT:-9999} (log: $LOGS/generator.log)"
  java -jar "$GEN_JAR" --rate "$rate" --port "${SSA_SOURCE_PORT:-9999}" \
    </dev/null >"$LOGS/generator.log" 2>&1 &
  DEMO_GEN_PID=$!
  if [[ "$source" == kafka ]]; then
    sleep 2   # the generator's port
    demo_through_kafka
  fi
  # A fresh generator starts its sequence at 0, so the demo's job starts from a fresh checkpoint.
  rm -rf "$SSA_HOME/demo/checkpoint"
  export SSA_CHECKPOINT_LOCATION="file://$SSA_HOME/demo/checkpoint"
  say "job: spark-submit on local[2], reading $source (log: $LOGS/job.log)"
  ( cmd_submit ) </dev/null >"$LOGS/job.log" 2>&1 &
  DEMO_JOB_PID=$!
  ( cmd_serve ) </dev/null >"$LOGS/serve.log" 2>&1 &
  DEMO_SERVE_PID=$!
  # ServeMain prints the address it bound, from the settings: wait for it rather than guess.
  local address
  address="$(await_log "$LOGS/serve.log" '^ssa serve: \(http[^ ]*\).*')"
  say "dashboard: open ${address:-(not up yet: see $LOGS/serve.log)} in a browser"
  say "rollups fill in below; Ctrl-C stops everything this demo started"
  cql_tool watch 5 &
  DEMO_WATCH_PID=$!
  if [[ -n "${SSA_DEMO_SECONDS:-}" ]]; then
    sleep "$SSA_DEMO_SECONDS"
  else
    wait "$DEMO_WATCH_PID" || true
  fi
}

main() {
  local cmd="${1:-help}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    demo) cmd_demo ;;
    test) cmd_test ;;
    build) build ;;
    format) cmd_format ;;
    shellcheck) cmd_shellcheck ;;
    cassandra)
      case "${1:-}" in
        start|stop|status|reset) launcher cassandra "$1" ;;
        *) die "usage: ./run.sh cassandra start|stop|status|reset" ;;
      esac ;;
    cluster)
      case "${1:-}" in
        start|stop|status|reset) launcher cluster "$1" ;;
        submit) shift; cmd_cluster_submit "$@" ;;
        *) die "usage: ./run.sh cluster start|stop|status|reset|submit" ;;
      esac ;;
    kafka)
      case "${1:-}" in
        start|stop|status|reset) launcher kafka "$1" ;;
        *) die "usage: ./run.sh kafka start|stop|status|reset" ;;
      esac ;;
    schema) cql_tool schema ;;
    generator) cmd_generator "$@" ;;
    receiver) cmd_receiver "$@" ;;
    submit) cmd_submit "$@" ;;
    incremental) cmd_incremental "$@" ;;
    migrate) cmd_migrate "$@" ;;
    bench) cmd_bench "$@" ;;
    cql) cmd_cql "$@" ;;
    watch) cql_tool watch "${1:-5}" ;;
    serve) cmd_serve ;;
    help|-h|--help) usage ;;
    *) usage; exit 2 ;;
  esac
}

main "$@"

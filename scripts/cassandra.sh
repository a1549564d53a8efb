#!/usr/bin/env bash
# shellcheck shell=bash
#
# Local single-node Apache Cassandra 5.0 for SSA (Simple Streaming Analytics).
#
# There is no Cassandra tarball/package on this kind of machine, so the node runs as a plain JVM
# from the Maven Central jars (org.apache.cassandra:cassandra-all, fetched by cassandra/pom.xml).
# Everything lives under ${SSA_HOME:-<repo root>/.ssa}/cassandra/ (git-ignored):
#   lib/ conf/cassandra.yaml conf/logback.xml data/ commitlog/ saved_caches/ hints/ cdc_raw/
#   logs/cassandra.log cassandra.pid cassandra.ports
#
# Use as a library (safe under `set -euo pipefail`, needs no stdin):
#   source scripts/cassandra.sh
#   cassandra_start            # idempotent; exports SSA_CASSANDRA_HOST / SSA_CASSANDRA_PORT
#   cassandra_status           # prints state; 0 running+CQL answers, 1 stopped, 2 alive but no CQL
#   cassandra_is_running       # quiet: 0 if our node answers CQL
#   cassandra_stop             # SIGTERM, up to 30 s, then SIGKILL; OK if not running
#   cassandra_reset            # stop + delete data dirs (keeps lib/)
#   cassandra_fetch [force]    # only fetch the jars (logs/fetch.log has Maven's output)
#   cassandra_log [N]          # last N log lines
# or directly:  scripts/cassandra.sh start|stop|restart|status|reset|fetch|log [N]
#
# Environment (all optional):
#   SSA_HOME                      state root (default <repo root>/.ssa)
#   SSA_CASSANDRA_PORT            CQL native port (default 9042)
#   SSA_CASSANDRA_STORAGE_PORT    internode port (default 7000)
#   SSA_CASSANDRA_JMX_PORT        JMX port, localhost only (default 7199, or the next free port
#                                 in 7199..7299 when 7199 is taken and this variable is unset)
#   SSA_CASSANDRA_HEAP            -Xms/-Xmx (default 1G)
#   SSA_CASSANDRA_START_TIMEOUT   seconds to wait for CQL (default 180)
#   SSA_CASSANDRA_STOP_TIMEOUT    seconds to wait after SIGTERM before SIGKILL (default 30)
#   SSA_CASSANDRA_JVM_OPTS        extra JVM options (word-split)
#   SSA_CASSANDRA_AUTH            none (default) or password: PasswordAuthenticator, with the
#                                 default superuser cassandra/cassandra
#   SSA_MVN                       Maven command used to fetch the jars (default mvn)
#   JAVA_HOME                     java to use ($JAVA_HOME/bin/java, else java on PATH)

# ---------------------------------------------------------------------------------------------
# Paths / settings (re-evaluated on every call so env changes after `source` take effect)
# ---------------------------------------------------------------------------------------------

_SSA_CASS_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
_SSA_CASS_REPO_ROOT="$(cd "${_SSA_CASS_SCRIPT_DIR}/.." && pwd -P)"

_cass_msg() { printf '[cassandra] %s\n' "$*" >&2; }

_cass_init() {
    local ssa_home="${SSA_HOME:-${_SSA_CASS_REPO_ROOT}/.ssa}"
    case "$ssa_home" in /*) ;; *) ssa_home="$PWD/$ssa_home" ;; esac
    CASS_HOME="${ssa_home%/}/cassandra"
    CASS_LIB="$CASS_HOME/lib"
    CASS_CONF="$CASS_HOME/conf"
    CASS_YAML="$CASS_CONF/cassandra.yaml"
    CASS_LOGBACK="$CASS_CONF/logback.xml"
    CASS_LOGS="$CASS_HOME/logs"
    CASS_LOG="$CASS_LOGS/cassandra.log"
    CASS_PIDFILE="$CASS_HOME/cassandra.pid"
    CASS_PORTSFILE="$CASS_HOME/cassandra.ports"
    CASS_POM="$_SSA_CASS_REPO_ROOT/cassandra/pom.xml"
    CASS_HOST="127.0.0.1"
    CASS_CQL_PORT="${SSA_CASSANDRA_PORT:-9042}"
    CASS_STORAGE_PORT="${SSA_CASSANDRA_STORAGE_PORT:-7000}"
    CASS_JMX_PORT="${SSA_CASSANDRA_JMX_PORT:-7199}"
    CASS_HEAP="${SSA_CASSANDRA_HEAP:-1G}"
    CASS_AUTH="${SSA_CASSANDRA_AUTH:-none}"
    CASS_START_TIMEOUT="${SSA_CASSANDRA_START_TIMEOUT:-180}"
    CASS_STOP_TIMEOUT="${SSA_CASSANDRA_STOP_TIMEOUT:-30}"
    if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
        CASS_JAVA="${JAVA_HOME}/bin/java"
    else
        CASS_JAVA="java"
    fi
}

# ---------------------------------------------------------------------------------------------
# Small helpers (all return 0/1, never trip `set -e` in the caller by themselves)
# ---------------------------------------------------------------------------------------------

# _cass_port_open HOST PORT -> 0 if something accepts TCP connections there.
_cass_port_open() {
    if command -v timeout >/dev/null 2>&1; then
        # shellcheck disable=SC2016 # $0 and $1 are the inner bash's arguments, expanded there.
        timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
    else
        (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
    fi
}

# _cass_cmdline PID -> prints the process command line (empty if gone).
_cass_cmdline() {
    if [[ -r "/proc/$1/cmdline" ]]; then
        tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true
    elif command -v ps >/dev/null 2>&1; then
        ps -o args= -p "$1" 2>/dev/null || true
    fi
}

# _cass_is_our_pid PID -> 0 if PID is alive and is the Cassandra JVM of *this* CASS_HOME.
_cass_is_our_pid() {
    local pid="$1" cmd
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    cmd="$(_cass_cmdline "$pid")"
    [[ -z "$cmd" ]] && return 0 # cannot inspect: trust kill -0
    [[ "$cmd" == *"-Dcassandra.config=file://${CASS_YAML}"* ]]
}

# _cass_pid -> prints the pid of our running node and returns 0, or returns 1.
_cass_pid() {
    local pid=""
    if [[ -f "$CASS_PIDFILE" ]]; then
        pid="$(tr -dc '0-9' 2>/dev/null <"$CASS_PIDFILE" || true)"
        if _cass_is_our_pid "$pid"; then
            printf '%s\n' "$pid"
            return 0
        fi
    fi
    # Pid file missing or stale: look for a JVM started with our (unique) config path.
    if [[ -d /proc ]]; then
        local f p
        while IFS= read -r f; do
            p="${f#/proc/}"
            p="${p%/cmdline}"
            if [[ "$p" != "$$" ]] && _cass_is_our_pid "$p"; then
                printf '%s\n' "$p" >"$CASS_PIDFILE" 2>/dev/null || true
                printf '%s\n' "$p"
                return 0
            fi
        done < <(grep -lsaF -- "-Dcassandra.config=file://${CASS_YAML}" /proc/[0-9]*/cmdline 2>/dev/null || true)
    fi
    return 1
}

# Ports of the running node (recorded at start) -> sets CASS_CQL_PORT / CASS_JMX_PORT / CASS_STORAGE_PORT.
_cass_load_ports() {
    [[ -f "$CASS_PORTSFILE" ]] || return 0
    local k v
    while IFS='=' read -r k v; do
        case "$k" in
            cql) [[ "$v" =~ ^[0-9]+$ ]] && CASS_CQL_PORT="$v" ;;
            jmx) [[ "$v" =~ ^[0-9]+$ ]] && CASS_JMX_PORT="$v" ;;
            storage) [[ "$v" =~ ^[0-9]+$ ]] && CASS_STORAGE_PORT="$v" ;;
        esac
    done <"$CASS_PORTSFILE"
    return 0
}

_cass_cql_ready() {
    _cass_port_open "$CASS_HOST" "$CASS_CQL_PORT"
}

# With PasswordAuthenticator, a node started on fresh data logs the default superuser's creation
# after CQL is up; until then every login fails. A node whose roles exist says nothing, so after
# 30 s of CQL without that line its roles are taken to exist.
_cass_auth_ready() {
    [[ "$CASS_AUTH" == password ]] || return 0
    [[ -f "$CASS_HOME/data/.ssa-auth-ready" ]] && return 0
    _CASS_CQL_UP_AT="${_CASS_CQL_UP_AT:-$SECONDS}"
    if grep -q "Created default superuser role" "$CASS_LOG" 2>/dev/null \
        || ((SECONDS - _CASS_CQL_UP_AT > 30)); then
        touch "$CASS_HOME/data/.ssa-auth-ready"
        return 0
    fi
    return 1
}

_cass_tail_log() {
    local n="${1:-40}"
    if [[ -f "$CASS_LOG" ]]; then
        _cass_msg "----- last $n lines of $CASS_LOG -----"
        tail -n "$n" "$CASS_LOG" >&2 || true
        _cass_msg "-----"
    else
        _cass_msg "(no log file at $CASS_LOG)"
    fi
}

_cass_rss_kb() {
    local pid="$1" rss=""
    if [[ -r "/proc/$pid/status" ]]; then
        rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
    elif command -v ps >/dev/null 2>&1; then
        rss="$(ps -o rss= -p "$pid" 2>/dev/null | tr -d ' ' || true)"
    fi
    printf '%s' "${rss:-?}"
}

_cass_lib_ok() {
    [[ -d "$CASS_LIB" ]] || return 1
    compgen -G "$CASS_LIB/cassandra-all-*.jar" >/dev/null || return 1
    # Re-fetch when cassandra/pom.xml changed since the jars were copied.
    [[ -f "$CASS_LIB/.pom.cksum" ]] || return 1
    [[ "$(cksum <"$CASS_POM")" == "$(cat "$CASS_LIB/.pom.cksum")" ]]
}

# ---------------------------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------------------------

# cassandra_fetch: download cassandra-all + runtime deps into lib/ (skipped when already there).
# `cassandra_fetch force` re-downloads.
cassandra_fetch() {
    _cass_init
    _cass_fetch "${1:-}"
}

_cass_fetch() {
    if [[ "${1:-}" != "force" ]] && _cass_lib_ok; then
        return 0
    fi
    local mvn="${SSA_MVN:-mvn}"
    if ! command -v "$mvn" >/dev/null 2>&1; then
        _cass_msg "ERROR: '$mvn' not found; Maven is needed to fetch the Cassandra jars (set SSA_MVN)."
        return 1
    fi
    if [[ ! -f "$CASS_POM" ]]; then
        _cass_msg "ERROR: $CASS_POM not found."
        return 1
    fi
    mkdir -p "$CASS_HOME" || return 1
    local tmp="$CASS_HOME/lib.tmp.$$" t0=$SECONDS
    rm -rf "$tmp"
    _cass_msg "Fetching Apache Cassandra jars (org.apache.cassandra:cassandra-all + runtime deps, ~66 MB)"
    _cass_msg "  with $mvn -f cassandra/pom.xml dependency:copy-dependencies into $CASS_LIB"
    _cass_msg "  (first time only; takes about a minute) ..."
    mkdir -p "$CASS_LOGS" || return 1
    local mvnlog="$CASS_LOGS/fetch.log"
    if ! "$mvn" -B -Dstyle.color=never -f "$CASS_POM" dependency:copy-dependencies \
        -DoutputDirectory="$tmp" -DincludeScope=runtime </dev/null >"$mvnlog" 2>&1; then
        rm -rf "$tmp"
        _cass_msg "ERROR: Maven could not fetch the Cassandra jars; last lines of $mvnlog:"
        tail -n 40 "$mvnlog" >&2 || true
        return 1
    fi
    if ! compgen -G "$tmp/cassandra-all-*.jar" >/dev/null; then
        rm -rf "$tmp"
        _cass_msg "ERROR: Maven finished but no cassandra-all jar was copied."
        return 1
    fi
    cksum <"$CASS_POM" >"$tmp/.pom.cksum"
    rm -rf "$CASS_LIB"
    mv "$tmp" "$CASS_LIB" || return 1
    local n
    n="$(find "$CASS_LIB" -name '*.jar' | wc -l | tr -d ' ')"
    _cass_msg "Fetched $n jars in $((SECONDS - t0))s."
}

# _cass_pick_jmx_port: keep 7199 unless it is taken (and SSA_CASSANDRA_JMX_PORT is not set).
_cass_pick_jmx_port() {
    if ! _cass_port_open 127.0.0.1 "$CASS_JMX_PORT"; then
        return 0
    fi
    if [[ -n "${SSA_CASSANDRA_JMX_PORT:-}" ]]; then
        _cass_msg "ERROR: JMX port $CASS_JMX_PORT (SSA_CASSANDRA_JMX_PORT) is already in use."
        return 1
    fi
    local p
    for ((p = 7200; p <= 7299; p++)); do
        if ! _cass_port_open 127.0.0.1 "$p"; then
            _cass_msg "JMX port 7199 is in use; using $p instead."
            CASS_JMX_PORT="$p"
            return 0
        fi
    done
    _cass_msg "ERROR: no free JMX port in 7199..7299 (set SSA_CASSANDRA_JMX_PORT)."
    return 1
}

_cass_authenticator() {
    case "$CASS_AUTH" in
        password) printf 'PasswordAuthenticator' ;;
        *) printf 'AllowAllAuthenticator' ;;
    esac
}

_cass_yaml_str() { # single-quoted YAML scalar
    printf "'%s'" "${1//\'/\'\'}"
}

_cass_write_config() {
    mkdir -p "$CASS_CONF" "$CASS_LOGS" "$CASS_HOME/data" "$CASS_HOME/commitlog" \
        "$CASS_HOME/saved_caches" "$CASS_HOME/hints" "$CASS_HOME/cdc_raw" || return 1
    cat >"$CASS_YAML" <<EOF
# Generated by scripts/cassandra.sh on every start -- edits here are overwritten.
# Single small local dev node for SSA.
cluster_name: 'ssa'
# Random tokens: the token allocator (allocate_tokens_for_local_replication_factor) would wait
# 30 s (ring delay) for schema agreement on first start of a seed node with no peers.
num_tokens: 16
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
endpoint_snitch: SimpleSnitch
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "127.0.0.1:${CASS_STORAGE_PORT}"
listen_address: 127.0.0.1
rpc_address: 127.0.0.1
storage_port: ${CASS_STORAGE_PORT}
native_transport_port: ${CASS_CQL_PORT}
start_native_transport: true

data_file_directories:
  - $(_cass_yaml_str "$CASS_HOME/data")
commitlog_directory: $(_cass_yaml_str "$CASS_HOME/commitlog")
saved_caches_directory: $(_cass_yaml_str "$CASS_HOME/saved_caches")
hints_directory: $(_cass_yaml_str "$CASS_HOME/hints")
cdc_raw_directory: $(_cass_yaml_str "$CASS_HOME/cdc_raw")

commitlog_sync: periodic
commitlog_sync_period: 10000ms
commitlog_segment_size: 32MiB
# Room for the memtables: a full commit log forces flushes of its own.
commitlog_total_space: 1024MiB
disk_failure_policy: stop
commit_failure_policy: stop
storage_compatibility_mode: CASSANDRA_4

# Keep a single small dev node light.
auto_snapshot: false
snapshot_before_compaction: false
hinted_handoff_enabled: false
# Memtables as large as Cassandra's default for a 1 GiB heap, cells off the heap: with 128 MiB on
# the heap events_raw flushed 3 MiB sstables every second at 25,000 events/s and 5,000 keys, and
# compacting them took half the node's CPU; 28 MiB flushes cut the node's CPU per event by a third.
memtable_allocation_type: offheap_objects
memtable_heap_space: 256MiB
memtable_offheap_space: 512MiB
key_cache_size: 16MiB
row_cache_size: 0MiB
counter_cache_size: 8MiB
file_cache_size: 64MiB
networking_cache_size: 16MiB
concurrent_compactors: 1
compaction_throughput: 64MiB/s
concurrent_reads: 8
concurrent_writes: 8
concurrent_counter_writes: 8
concurrent_materialized_view_writes: 2
native_transport_max_threads: 32
materialized_views_enabled: false
sasi_indexes_enabled: false
transient_replication_enabled: false
cdc_enabled: false
authenticator: $(_cass_authenticator)

# A 2-core box shared with Spark: be a bit more patient than the 2 s defaults.
read_request_timeout: 10000ms
range_request_timeout: 10000ms
write_request_timeout: 5000ms
counter_write_request_timeout: 5000ms
EOF
    cat >"$CASS_LOGBACK" <<'EOF'
<!-- Generated by scripts/cassandra.sh: INFO to stdout (redirected to logs/cassandra.log). -->
<configuration scan="false">
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder>
      <pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern>
    </encoder>
  </appender>
  <logger name="org.apache.cassandra" level="INFO"/>
  <logger name="com.thinkaurelius.thrift" level="ERROR"/>
  <logger name="io.netty" level="WARN"/>
  <logger name="net.openhft" level="WARN"/>
  <root level="INFO">
    <appender-ref ref="STDOUT"/>
  </root>
</configuration>
EOF
}

# _cass_java_opts -> fills array CASS_JAVA_OPTS
_cass_java_opts() {
    CASS_JAVA_OPTS=(
        "-Xms${CASS_HEAP}" "-Xmx${CASS_HEAP}"
        -XX:+UseG1GC -XX:MaxGCPauseMillis=300
        -XX:+PerfDisableSharedMem
        -XX:+ExitOnOutOfMemoryError
        "-XX:ErrorFile=${CASS_LOGS}/hs_err_%p.log"
        -Djava.net.preferIPv4Stack=true
        -Djava.awt.headless=true
        # Java 17 module flags (same set as Cassandra's jvm17-server.options)
        --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
        --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
        --add-exports java.base/sun.nio.ch=ALL-UNNAMED
        --add-exports java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED
        --add-exports java.rmi/sun.rmi.registry=ALL-UNNAMED
        --add-exports java.rmi/sun.rmi.server=ALL-UNNAMED
        --add-exports java.sql/java.sql=ALL-UNNAMED
        --add-exports java.base/java.lang.ref=ALL-UNNAMED
        --add-exports jdk.unsupported/sun.misc=ALL-UNNAMED
        --add-opens java.base/java.lang.module=ALL-UNNAMED
        --add-opens java.base/jdk.internal.loader=ALL-UNNAMED
        --add-opens java.base/jdk.internal.ref=ALL-UNNAMED
        --add-opens java.base/jdk.internal.reflect=ALL-UNNAMED
        --add-opens java.base/jdk.internal.math=ALL-UNNAMED
        --add-opens java.base/jdk.internal.module=ALL-UNNAMED
        --add-opens java.base/jdk.internal.util.jar=ALL-UNNAMED
        --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
        --add-opens java.base/sun.nio.ch=ALL-UNNAMED
        --add-opens java.base/java.io=ALL-UNNAMED
        --add-opens java.base/java.nio=ALL-UNNAMED
        --add-opens java.base/java.util.concurrent=ALL-UNNAMED
        --add-opens java.base/java.util=ALL-UNNAMED
        --add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED
        --add-opens java.base/java.lang=ALL-UNNAMED
        --add-opens java.base/java.math=ALL-UNNAMED
        --add-opens java.base/java.lang.reflect=ALL-UNNAMED
        --add-opens java.base/java.net=ALL-UNNAMED
        # Cassandra system properties
        "-Dcassandra.config=file://${CASS_YAML}"
        -Dcassandra-foreground=yes
        "-Dcassandra-pidfile=${CASS_PIDFILE}"
        "-Dcassandra.storagedir=${CASS_HOME}/data"
        "-Dcassandra.logdir=${CASS_LOGS}"
        "-Dlogback.configurationFile=${CASS_LOGBACK}"
        "-Dcassandra.jmx.local.port=${CASS_JMX_PORT}"
        -Djava.rmi.server.hostname=127.0.0.1
        # single node: do not wait for gossip to settle
        -Dcassandra.skip_wait_for_gossip_to_settle=0
        # with PasswordAuthenticator: create the default superuser at once, not after 10 s
        -Dcassandra.superuser_setup_delay_ms=0
    )
    if [[ -n "${SSA_CASSANDRA_JVM_OPTS:-}" ]]; then
        local extra
        read -r -a extra <<<"${SSA_CASSANDRA_JVM_OPTS}"
        CASS_JAVA_OPTS+=("${extra[@]}")
    fi
}

# _cass_wait_ready PID: wait for CQL; prints dots. 0 ready, 1 died/timed out.
_cass_wait_ready() {
    local pid="$1" t0=$SECONDS deadline=$((SECONDS + CASS_START_TIMEOUT))
    printf '[cassandra] Waiting for CQL on %s:%s (up to %ss) ' "$CASS_HOST" "$CASS_CQL_PORT" "$CASS_START_TIMEOUT" >&2
    while :; do
        if ! kill -0 "$pid" 2>/dev/null; then
            printf '\n' >&2
            _cass_msg "ERROR: Cassandra (pid $pid) exited during startup."
            rm -f "$CASS_PIDFILE"
            _cass_tail_log 40
            return 1
        fi
        if grep -q "Starting listening for CQL clients" "$CASS_LOG" 2>/dev/null && _cass_cql_ready \
            && _cass_auth_ready; then
            printf ' ready (%ss)\n' "$((SECONDS - t0))" >&2
            return 0
        fi
        if ((SECONDS >= deadline)); then
            printf '\n' >&2
            _cass_msg "ERROR: Cassandra did not answer CQL within ${CASS_START_TIMEOUT}s; stopping it (pid $pid)."
            _cass_tail_log 40
            _cass_kill "$pid"
            return 1
        fi
        printf '.' >&2
        sleep 1
    done
}

# _cass_kill PID: SIGTERM, wait up to CASS_STOP_TIMEOUT s, then SIGKILL.
_cass_kill() {
    local pid="$1" i
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < CASS_STOP_TIMEOUT * 2; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        _cass_msg "Still running after ${CASS_STOP_TIMEOUT}s; sending SIGKILL to $pid."
        kill -KILL "$pid" 2>/dev/null || true
        for ((i = 0; i < 20; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
    fi
    rm -f "$CASS_PIDFILE"
    ! kill -0 "$pid" 2>/dev/null
}

# cassandra_start: start the node (fetching jars if needed) and wait until CQL answers.
cassandra_start() {
    _cass_init
    local pid
    if pid="$(_cass_pid)"; then
        _cass_load_ports
        if _cass_cql_ready; then
            _cass_msg "Cassandra already running (pid $pid, CQL $CASS_HOST:$CASS_CQL_PORT)."
        else
            _cass_msg "Cassandra process $pid is running but CQL is not answering yet; waiting."
            _cass_wait_ready "$pid" || return 1
        fi
        export SSA_CASSANDRA_HOST="$CASS_HOST" SSA_CASSANDRA_PORT="$CASS_CQL_PORT"
        return 0
    fi
    rm -f "$CASS_PIDFILE"

    if ! command -v "$CASS_JAVA" >/dev/null 2>&1; then
        _cass_msg "ERROR: java not found (set JAVA_HOME or put a JDK 17 on PATH)."
        return 1
    fi
    local jver
    jver="$("$CASS_JAVA" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}' || true)"
    case "$jver" in
        11* | 17*) ;;
        *) _cass_msg "WARNING: Cassandra 5.0 supports Java 11/17; $CASS_JAVA is '${jver:-unknown}'." ;;
    esac

    # Refuse to start on busy ports (another Cassandra, another checkout, ...).
    if _cass_port_open "$CASS_HOST" "$CASS_CQL_PORT"; then
        _cass_msg "ERROR: port $CASS_HOST:$CASS_CQL_PORT is already in use by another process (not this node)."
        _cass_msg "       Stop it or pick another port with SSA_CASSANDRA_PORT=..."
        return 1
    fi
    if _cass_port_open "$CASS_HOST" "$CASS_STORAGE_PORT"; then
        _cass_msg "ERROR: storage port $CASS_HOST:$CASS_STORAGE_PORT is already in use; set SSA_CASSANDRA_STORAGE_PORT=..."
        return 1
    fi
    _cass_pick_jmx_port || return 1
    case "$CASS_AUTH" in
        none | password) ;;
        *) _cass_msg "ERROR: SSA_CASSANDRA_AUTH must be none or password, was '$CASS_AUTH'."; return 1 ;;
    esac

    _cass_fetch || return 1
    _cass_write_config || return 1
    _cass_java_opts

    # Fresh log per start (keep the previous one).
    if [[ -f "$CASS_LOG" ]]; then
        mv -f "$CASS_LOG" "$CASS_LOG.1" || true
    fi
    printf 'cql=%s\njmx=%s\nstorage=%s\n' "$CASS_CQL_PORT" "$CASS_JMX_PORT" "$CASS_STORAGE_PORT" >"$CASS_PORTSFILE"

    _cass_msg "Starting Cassandra (heap $CASS_HEAP, CQL $CASS_HOST:$CASS_CQL_PORT, JMX 127.0.0.1:$CASS_JMX_PORT) in $CASS_HOME"
    # The inner bash writes its own pid and then execs java, so the pid file holds the JVM pid
    # whichever way setsid/nohup fork. No stdin, output to the log, detached from our session.
    # shellcheck disable=SC2016 # $$, $0 and $@ are the inner bash's, expanded there.
    local launcher=(nohup bash -c 'echo $$ >"$0"; exec "$@"' "$CASS_PIDFILE"
        "$CASS_JAVA" "${CASS_JAVA_OPTS[@]}" -cp "$CASS_LIB/*" org.apache.cassandra.service.CassandraDaemon)
    local setsid_help=""
    if command -v setsid >/dev/null 2>&1; then
        setsid_help="$(setsid --help 2>&1 || true)"
    fi
    if [[ "$setsid_help" == *--fork* ]]; then
        (cd "$CASS_HOME" && setsid -f "${launcher[@]}" </dev/null >>"$CASS_LOG" 2>&1)
    elif command -v setsid >/dev/null 2>&1; then
        (cd "$CASS_HOME" && exec setsid "${launcher[@]}" </dev/null >>"$CASS_LOG" 2>&1) &
        disown "$!" 2>/dev/null || true
    else
        (cd "$CASS_HOME" && exec "${launcher[@]}" </dev/null >>"$CASS_LOG" 2>&1) &
        disown "$!" 2>/dev/null || true
    fi

    local i
    pid=""
    for ((i = 0; i < 50; i++)); do
        pid="$(tr -dc '0-9' 2>/dev/null <"$CASS_PIDFILE" || true)"
        [[ -n "$pid" ]] && break
        sleep 0.1
    done
    if [[ -z "$pid" ]]; then
        _cass_msg "ERROR: Cassandra did not start (no pid file)."
        _cass_tail_log 40
        return 1
    fi
    _cass_msg "Cassandra pid $pid; log: $CASS_LOG"
    _cass_wait_ready "$pid" || return 1
    export SSA_CASSANDRA_HOST="$CASS_HOST" SSA_CASSANDRA_PORT="$CASS_CQL_PORT"
    local rss
    rss="$(_cass_rss_kb "$pid")"
    [[ "$rss" =~ ^[0-9]+$ ]] && rss="$((rss / 1024)) MiB"
    _cass_msg "Cassandra is up: CQL $CASS_HOST:$CASS_CQL_PORT, pid $pid, RSS $rss."
    return 0
}

# cassandra_stop: SIGTERM, wait up to SSA_CASSANDRA_STOP_TIMEOUT (30 s), then SIGKILL. OK if not running.
cassandra_stop() {
    _cass_init
    local pid
    if ! pid="$(_cass_pid)"; then
        rm -f "$CASS_PIDFILE"
        _cass_msg "Cassandra is not running."
        return 0
    fi
    _cass_msg "Stopping Cassandra (pid $pid) ..."
    local t0=$SECONDS
    if _cass_kill "$pid"; then
        _cass_msg "Cassandra stopped ($((SECONDS - t0))s)."
        return 0
    fi
    _cass_msg "ERROR: could not stop Cassandra pid $pid."
    return 1
}

# cassandra_status: 0 = running and CQL answers, 1 = stopped, 2 = process alive but CQL not answering.
cassandra_status() {
    _cass_init
    local pid
    if ! pid="$(_cass_pid)"; then
        echo "cassandra: stopped (home $CASS_HOME)"
        return 1
    fi
    _cass_load_ports
    local size csize rss
    size="$(du -sh "$CASS_HOME/data" 2>/dev/null | awk '{print $1}' || true)"
    csize="$(du -sh "$CASS_HOME/commitlog" 2>/dev/null | awk '{print $1}' || true)"
    rss="$(_cass_rss_kb "$pid")"
    [[ "$rss" =~ ^[0-9]+$ ]] && rss="$((rss / 1024)) MiB"
    if _cass_cql_ready; then
        echo "cassandra: running (pid $pid, CQL $CASS_HOST:$CASS_CQL_PORT, JMX $CASS_JMX_PORT, RSS $rss, data ${size:-?}, commitlog ${csize:-?}, home $CASS_HOME)"
        return 0
    fi
    echo "cassandra: process running but CQL not answering (pid $pid, CQL $CASS_HOST:$CASS_CQL_PORT, log $CASS_LOG)"
    return 2
}

# cassandra_is_running: quiet check, 0 if our node is alive and answers CQL.
cassandra_is_running() {
    _cass_init
    _cass_pid >/dev/null || return 1
    _cass_load_ports
    _cass_cql_ready
}

# cassandra_reset: stop the node and delete all its data (keeps lib/ and logs).
cassandra_reset() {
    _cass_init
    cassandra_stop || return 1
    _cass_msg "Deleting Cassandra data under $CASS_HOME (data, commitlog, saved_caches, hints, cdc_raw)."
    rm -rf "$CASS_HOME/data" "$CASS_HOME/commitlog" "$CASS_HOME/saved_caches" \
        "$CASS_HOME/hints" "$CASS_HOME/cdc_raw" "$CASS_PORTSFILE"
}

# cassandra_log [N]: print the last N (default 40) log lines.
cassandra_log() {
    _cass_init
    [[ -f "$CASS_LOG" ]] && tail -n "${1:-40}" "$CASS_LOG"
    return 0
}

# ---------------------------------------------------------------------------------------------
# Direct execution
# ---------------------------------------------------------------------------------------------
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    case "${1:-}" in
        start) cassandra_start ;;
        stop) cassandra_stop ;;
        restart) cassandra_stop && cassandra_start ;;
        status) cassandra_status ;;
        reset) cassandra_reset ;;
        fetch) cassandra_fetch "${2:-}" ;;
        log) cassandra_log "${2:-40}" ;;
        *)
            echo "usage: $0 start|stop|restart|status|reset|fetch [force]|log [N]" >&2
            exit 64
            ;;
    esac
fi

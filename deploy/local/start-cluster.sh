#!/usr/bin/env bash
# Starts a Flink session cluster on this machine from Flink's Maven jars: one JobManager (REST API and web
# UI) and N TaskManager JVMs, configured by deploy/config.yaml, logging to $STATECAST_CLUSTER_DIR/log.
# Flink's bin/ scripts are not on Maven Central, so this does what they do: ask BashJavaUtils for the
# memory settings of each process and start the entry points with --configDir.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cluster-env.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../openblas-coretype.sh"

usage() {
    cat <<USAGE
Usage: start-cluster.sh [--taskmanagers N] [-Dkey=value ...]
Starts a Flink session cluster (a JobManager and N TaskManagers, default 1) on this machine and waits
until every TaskManager has registered. -D overrides a key of $CONF_DIR/config.yaml, e.g. -Drest.port=8082.
Flink's and ND4J's jars are fetched once with Maven into $LIB_DIR; logs go to $LOG_DIR.
Stop it with stop-cluster.sh. Exit codes: 0 up, 2 wrong usage, 3 a process did not start (see its log).
USAGE
}

taskmanagers=1
dynamic=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --taskmanagers) taskmanagers=${2:-}; shift 2 || { usage >&2; exit 2; } ;;
        -D?*) dynamic+=("$1"); shift ;;
        -D) dynamic+=("-D${2:-}"); shift 2 || { usage >&2; exit 2; } ;;
        -h|--help) usage; exit 0 ;;
        *) echo "start-cluster.sh: unknown argument '$1' (see: start-cluster.sh --help)" >&2; exit 2 ;;
    esac
done
if ! [[ $taskmanagers =~ ^[1-9][0-9]*$ ]]; then
    echo "start-cluster.sh: --taskmanagers must be a positive number, got '$taskmanagers'" >&2
    exit 2
fi

# The value of a configuration key: the last -D override, else config.yaml's (flat keys only).
conf_value() {
    local key=$1 value=""
    value=$(grep -E "^${key//./\\.}:" "$CONF_DIR/config.yaml" | tail -1 | sed -E 's/^[^:]+:[[:space:]]*//') || true
    for d in "${dynamic[@]+"${dynamic[@]}"}"; do
        [[ $d == "-D$key="* ]] && value=${d#"-D$key="}
    done
    echo "$value"
}

# The cluster's class path: Flink's jars and ND4J's (deploy/nd4j-lib.xml says why ND4J is not in the job
# jar), copied from Maven once per change of either pom or the parent pom (the versions).
fetch_lib() {
    local stamp pom
    stamp=$(cat "$LOCAL_DIR/flink-lib.xml" "$REPO_DIR/deploy/nd4j-lib.xml" "$REPO_DIR/pom.xml" \
        | sha256sum | cut -d' ' -f1)
    if [[ -f $LIB_DIR/.stamp && $(cat "$LIB_DIR/.stamp") == "$stamp" ]]; then
        return
    fi
    echo "Fetching Flink's and ND4J's jars into $LIB_DIR ..."
    rm -rf "$LIB_DIR"
    for pom in "$LOCAL_DIR/flink-lib.xml" "$REPO_DIR/deploy/nd4j-lib.xml"; do
        mvn -B -q -Dstyle.color=never ${STATECAST_MVN_OPTS:-} -f "$pom" dependency:copy-dependencies \
            -DincludeScope=runtime -DoutputDirectory="$LIB_DIR"
    done
    echo "$stamp" > "$LIB_DIR/.stamp"
}

# The memory flags of a process kind, from BashJavaUtils as in Flink's scripts: "JVM flags|-D settings".
resource_params() {
    local resources=$1 output
    output=$("$JAVA" -cp "$CLASSPATH" org.apache.flink.runtime.util.bash.BashJavaUtils "$resources" \
        --configDir "$CONF_DIR" "${dynamic[@]+"${dynamic[@]}"}" 2>&1) || {
        echo "start-cluster.sh: cannot compute the memory settings ($resources):" >&2
        echo "$output" >&2
        exit 3
    }
    grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$output" | cut -d: -f2- | paste -sd'|'
}

# Starts one JVM in the background with the flags of resource_params and, as Flink's scripts do,
# env.java.opts.all plus env.java.opts.<kind> (jobmanager or taskmanager).
start_jvm() {
    local name=$1 kind=$2 main=$3 params=$4
    # Word splitting of the flag lists is intended.
    # shellcheck disable=SC2086
    OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} nohup "$JAVA" ${params%%|*} $(conf_value env.java.opts.all) \
        $(conf_value "env.java.opts.$kind") \
        -Dlog.file="$LOG_DIR/$name.log" -Dlog4j.configurationFile="file:$CONF_DIR/log4j.properties" \
        -cp "$CLASSPATH" "$main" --configDir "$CONF_DIR" "${dynamic[@]+"${dynamic[@]}"}" ${params#*|} \
        >"$LOG_DIR/$name.out" 2>&1 </dev/null &
    echo $! >"$PID_DIR/$name.pid"
}

registered_taskmanagers() {
    curl -sf --max-time 2 "http://$rest_address:$rest_port/taskmanagers" \
        | grep -o '"id"' | wc -l || true
}

fail() {
    echo "start-cluster.sh: $1" >&2
    for log in "$LOG_DIR"/*.log; do
        [[ -f $log ]] && { echo "--- last lines of $log" >&2; tail -n 15 "$log" >&2; }
    done
    "$LOCAL_DIR/stop-cluster.sh" >&2 || true
    exit 3
}

for pid_file in "$PID_DIR"/*.pid; do
    if [[ -f $pid_file ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
        echo "start-cluster.sh: a cluster is already running from $RUN_DIR; stop it with stop-cluster.sh" >&2
        exit 2
    fi
done
fetch_lib
mkdir -p "$LOG_DIR" "$PID_DIR"
rm -f "$PID_DIR"/*.pid
CLASSPATH=$(find "$LIB_DIR" -name '*.jar' | sort | paste -sd:)
rest_address=$(conf_value rest.address)
rest_port=$(conf_value rest.port)

jm_params=$(resource_params GET_JM_RESOURCE_PARAMS)
tm_params=$(resource_params GET_TM_RESOURCE_PARAMS)
start_jvm jobmanager jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "$jm_params"
for i in $(seq 1 "$taskmanagers"); do
    start_jvm "taskmanager-$i" taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner "$tm_params"
done

deadline=$((SECONDS + ${STATECAST_START_TIMEOUT:-120}))
while [[ $(registered_taskmanagers) -lt $taskmanagers ]]; do
    for pid_file in "$PID_DIR"/*.pid; do
        kill -0 "$(cat "$pid_file")" 2>/dev/null || fail "$(basename "$pid_file" .pid) exited during start-up"
    done
    [[ $SECONDS -lt $deadline ]] || fail "$taskmanagers TaskManager(s) did not register within the time"
    sleep 1
done
echo "Flink session cluster up: web UI and REST API at http://$rest_address:$rest_port," \
    "$taskmanagers TaskManager(s) x $(conf_value taskmanager.numberOfTaskSlots) slots; logs in $LOG_DIR."

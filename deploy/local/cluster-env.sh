# Sourced by start-cluster.sh and stop-cluster.sh: where the local session cluster keeps its files.
#   STATECAST_FLINK_CONF_DIR  directory with config.yaml and log4j.properties  (default: deploy/)
#   STATECAST_CLUSTER_DIR     pid files and logs of a running cluster           (default: /tmp/statecast-flink)
#   STATECAST_FLINK_LIB       cache of Flink's and ND4J's jars        (default: ~/.cache/statecast/flink-lib)
#   STATECAST_MVN_OPTS        extra Maven flags for fetching the jars, e.g. -o  (default: none)
LOCAL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$LOCAL_DIR/../.." && pwd)
CONF_DIR=${STATECAST_FLINK_CONF_DIR:-$REPO_DIR/deploy}
RUN_DIR=${STATECAST_CLUSTER_DIR:-/tmp/statecast-flink}
LOG_DIR=$RUN_DIR/log
PID_DIR=$RUN_DIR/pids
LIB_DIR=${STATECAST_FLINK_LIB:-${XDG_CACHE_HOME:-$HOME/.cache}/statecast/flink-lib}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

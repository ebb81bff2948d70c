#!/usr/bin/env bash
# Runs a pipeline benchmark (PipelineBench by default, or RetrainBench) on the code of THIS checkout:
# packages schemas, model, jobs and bench (no install) and puts the reactor's jars on the classpath,
# never io.statecast snapshots from ~/.m2 (another checkout may have installed older code there).
#   bench/pipeline-bench.sh [PipelineBench|RetrainBench] [options, see --help]
# --job-cpus 0 --load-cpus 1 keeps the broker, producer and latency probe (a child JVM) off the jobs' CPU.
# JAVA_OPTS goes to the JVM, e.g. JAVA_OPTS="-Xms4g -Xmx4g -XX:StartFlightRecording=filename=/tmp/pb.jfr,settings=profile".
# The default sizes the heap as a task manager's (-Xms = -Xmx) and touches it at start: a heap growing during
# a run faults its new pages in on the job's CPU, which in a VM took seconds (latency-run backlogs of 1-1.5 s).
set -euo pipefail
cd "$(dirname "$0")/.."
main=PipelineBench
if [[ $# -gt 0 && $1 != -* ]]; then
    main=$1
    shift
fi
classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
# One reactor run: bench's classpath then names the freshly packaged module jars.
mvn -B -o -q -pl schemas,model,jobs,bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$classpath"
if grep -q '\.m2/repository/io/statecast/' "$classpath"; then
    echo "classpath names io.statecast jars from ~/.m2, not this checkout's: $(cat "$classpath")" >&2
    exit 2
fi
export OMP_NUM_THREADS=1
# shellcheck source=../deploy/openblas-coretype.sh
. deploy/openblas-coretype.sh
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset, OpenBLAS detects the CPU}"
echo "$(date -u +%FT%TZ) $(uptime)"
# shellcheck disable=SC2086
java ${JAVA_OPTS:--Xms4g -Xmx4g -XX:+AlwaysPreTouch} -cp "bench/target/classes:$(cat "$classpath")" "io.statecast.bench.pipeline.$main" "$@"
echo "$(date -u +%FT%TZ) $(uptime)"

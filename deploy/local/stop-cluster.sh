#!/usr/bin/env bash
# Stops the local session cluster that start-cluster.sh started (the processes in its pid files):
# SIGTERM, then SIGKILL for a process still alive after 30 s. Running jobs end without a savepoint:
# stop them first with `statecast cancel --savepoint DIR JOB_ID` to keep their state.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cluster-env.sh"

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    echo "Usage: stop-cluster.sh   stops the processes recorded in $PID_DIR"
    exit 0
fi
shopt -s nullglob
pid_files=("$PID_DIR"/*.pid)
if [[ ${#pid_files[@]} -eq 0 ]]; then
    echo "No local Flink cluster recorded in $PID_DIR."
    exit 0
fi
for pid_file in "${pid_files[@]}"; do
    kill "$(cat "$pid_file")" 2>/dev/null || true
done
for pid_file in "${pid_files[@]}"; do
    pid=$(cat "$pid_file")
    for _ in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "$(basename "$pid_file" .pid) ($pid) did not stop within 30 s; killing it" >&2
        kill -9 "$pid" 2>/dev/null || true
    fi
    echo "Stopped $(basename "$pid_file" .pid) ($pid)."
    rm -f "$pid_file"
done

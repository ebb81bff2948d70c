# Sourced by the launchers (statecast, bench/pipeline-bench.sh, deploy/local/start-cluster.sh).
# ND4J 1.0.0-M2.1 ships OpenBLAS 0.3.19, which does not recognise recent AVX-512 Xeons and falls back
# to its AVX2 (Haswell) kernels: on such CPUs its SkylakeX kernels run the engine's GEMMs about twice
# as fast (docs/benchmarks.md). Select them only when the CPU has every AVX-512 subset they use, and
# never override a value the user exported.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -r /proc/cpuinfo ]; then
    _flags=$(grep -m1 '^flags' /proc/cpuinfo)
    case "$_flags" in
        *avx512f*) case "$_flags" in *avx512bw*) case "$_flags" in *avx512dq*) case "$_flags" in *avx512vl*)
            export OPENBLAS_CORETYPE=SkylakeX ;; esac ;; esac ;; esac ;;
    esac
    unset _flags
fi

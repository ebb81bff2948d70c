package io.statecast.bench.pipeline;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The pipeline benchmarks' shared options: how many keys, the LSTM's size, the window. */
final class BenchShape {

    @Option(names = "--keys", defaultValue = "10000", description = "Series (keys). Default: ${DEFAULT-VALUE}.")
    int keys;

    @Option(names = "--hidden", defaultValue = "64", description = "LSTM hidden size. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--steps", defaultValue = "20", description = "Window steps n. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--windows", defaultValue = "3",
            description = "Windows per key in the throughput runs. Default: ${DEFAULT-VALUE}.")
    int windows;

    @Option(names = "--flink", paramLabel = "KEY=VALUE",
            description = "Extra Flink setting of every MiniCluster, e.g. execution.buffer-timeout.interval=5ms.")
    Map<String, String> flink = new HashMap<>();

    @Option(names = "--job", paramLabel = "KEY=VALUE",
            description = "Extra option of every benchmarked job (a ForecastJob option of the README table), e.g."
                    + " window.chunk-steps=1.")
    Map<String, String> job = new HashMap<>();

    /** Rounds of events per key: the windows, plus one round that moves the watermark past the last. */
    int rounds() {
        return windows * steps + 1;
    }

    long expectedOutputs() {
        return (long) keys * windows;
    }

    byte[] model() {
        return BenchModel.lstmBytes(hidden, steps);
    }
}

package io.statecast.cli;

import io.statecast.jobs.demo.Demo;
import io.statecast.jobs.demo.DemoData;
import io.statecast.schemas.ValueTransform;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statecast demo}: the whole forecast pipeline on embedded defaults, with a live console. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the ForecastJob end to end on this machine: an embedded Kafka broker, a quickly "
                + "trained LSTM (on value changes by default), an in-process Flink cluster, the TrainerJob "
                + "and a generator of sensor- and price-like series (or the bundled real R series), with a "
                + "live console of throughput, latency and accuracy. Ctrl-C stops everything cleanly."})
final class DemoCommand implements Callable<Integer> {

    /** Where the demo's series come from. */
    enum Dataset { synthetic, r_datasets }

    @Option(names = "--series", defaultValue = "200", paramLabel = "N",
            description = "Synthetic series to generate (default: ${DEFAULT-VALUE}).")
    int series;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long to stream (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S",
            description = "Events per second across all series (default: 10 per series and second for synthetic "
                    + "data, 20 for the R series).")
    Double rate;

    @Option(names = "--dataset", defaultValue = "synthetic", paramLabel = "NAME",
            description = "synthetic or r_datasets (nottem, AirPassengers, WWWusage, EuStockMarkets; 60 %% "
                    + "history to train on, 40 %% streamed) (default: ${DEFAULT-VALUE}).")
    Dataset dataset;

    @Option(names = "--window", defaultValue = "10", paramLabel = "N",
            description = "Steps per sequence: one forecast per series every N events (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--train-iterations", defaultValue = "300", paramLabel = "N",
            description = "Training iterations of the initial model (default: ${DEFAULT-VALUE}).")
    int trainIterations;

    @Option(names = "--transform", defaultValue = "difference", paramLabel = "level|difference|log_difference",
            description = "What the model reads and forecasts: the value, or its change from the last value "
                    + "(log_difference needs positive values) (default: ${DEFAULT-VALUE}).")
    ValueTransform transform;

    @Option(names = "--parallelism", defaultValue = "2", paramLabel = "N",
            description = "Parallelism of the ForecastJob (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        if (series < 1 || window < 1 || trainIterations < 1 || parallelism < 1 || (rate != null && rate <= 0)) {
            throw CliException.usage("--series, --window, --train-iterations, --parallelism and --rate must be "
                    + "positive");
        }
        DemoData data;
        double eventsPerSecond;
        if (dataset == Dataset.synthetic) {
            eventsPerSecond = rate != null ? rate : series * 10.0;
            // Enough live steps for the whole duration at this rate, generated up front.
            int liveSteps = (int) Math.ceil(duration.toMillis() / 1000.0 * eventsPerSecond / series) + window;
            data = DemoData.synthetic(series, 400, liveSteps, 42);
        } else {
            data = DemoData.rDatasets();
            eventsPerSecond = rate != null ? rate : data.live().size() * 20.0;
        }
        PrintStream out = new PrintStream(System.out, true);
        Demo demo = new Demo(new Demo.Settings(data, eventsPerSecond, duration, window, trainIterations,
                parallelism, transform), out);
        try (StopSignal stop = new StopSignal(Duration.ofSeconds(30))) {
            Thread watcher = new Thread(() -> {
                try {
                    stop.await();
                    demo.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "demo-stop-watcher");
            watcher.setDaemon(true);
            watcher.start();
            return demo.run() > 0 ? ExitCodes.OK : ExitCodes.INTERNAL;
        }
    }
}

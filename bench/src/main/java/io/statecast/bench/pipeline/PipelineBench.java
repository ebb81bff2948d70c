package io.statecast.bench.pipeline;

import io.statecast.jobs.forecast.ForecastIo;
import io.statecast.jobs.forecast.ForecastJob;
import io.statecast.jobs.forecast.ForecastOptions;
import io.statecast.kafka.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Issue 4's pipeline benchmark on a local broker (loopback): pre-produces the events, runs the identity
 * job and the ForecastJob on them (MiniCluster, parallelism 2) and reports both rates and their ratio,
 * then the event→forecast latency with a paced producer at a fraction of the ForecastJob's measured
 * rate, and the operator's per-key-step cost. The broker, producer and latency probe run in this JVM,
 * or with {@code --job-cpus}/{@code --load-cpus} in a child JVM on CPUs of their own.
 */
@Command(name = "pipeline-bench", mixinStandardHelpOptions = true,
        description = "ForecastJob vs identity job throughput, latency at a paced rate, operator step cost.")
public final class PipelineBench implements Callable<Integer> {

    @Mixin
    BenchShape shape = new BenchShape();

    @Option(names = "--rounds", defaultValue = "1",
            description = "ABBA rounds of throughput runs (identity, ForecastJob, ForecastJob, identity each); the"
                    + " ratio is of the mean rates over all rounds, so one disturbed run weighs less."
                    + " Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--latency-fraction", defaultValue = "0.5",
            description = "Paced rate as a fraction of the measured ForecastJob rate; 0 skips the latency run."
                    + " Default: ${DEFAULT-VALUE}.")
    double latencyFraction;

    @Option(names = "--latency-windows", defaultValue = "2.5",
            description = "Latency run length in windows of every key at the paced rate (max 180 s)."
                    + " Default: ${DEFAULT-VALUE}.")
    double latencyWindows;

    @Option(names = "--latency-job", defaultValue = "forecast",
            description = "Job of the latency run: forecast (the ForecastJob) or identity (the same pipeline with"
                    + " a pass-through instead of the RNN step: the floor the plumbing sets). Default: ${DEFAULT-VALUE}.")
    String latencyJob;

    @Option(names = "--latency-rate",
            description = "Paced rate in events/s for the latency run; skips the throughput runs (not the"
                    + " warm-up runs).")
    Double latencyRate;

    @Option(names = "--job-cpus", paramLabel = "CPUS",
            description = "Pin this JVM (the jobs) to these CPUs (taskset list, e.g. 0); the broker, producer and"
                    + " latency probe then run in a child JVM.")
    String jobCpus;

    @Option(names = "--load-cpus", paramLabel = "CPUS",
            description = "Pin the child JVM of the broker, producer and latency probe to these CPUs (taskset"
                    + " list, e.g. 1), so the load does not take CPU from the jobs it measures.")
    String loadCpus;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PipelineBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rounds must be >= 1, got " + rounds);
        }
        Bench.requireOneOmpThread();
        try (BenchLoad load = startLoad()) {
            JobRuns runs = JobRuns.onPreProducedEvents(load, shape);
            byte[] model = shape.model();
            // Discarded warm-up runs of both jobs first (the JIT compiles the shared path, source, windowing
            // and sink, and each job's own), then identity, ForecastJob, ForecastJob, identity: the remaining
            // drift hits both sides alike.
            System.out.println("warm-up (not counted): " + runs.time("warm-up", model));
            System.out.println("warm-up (not counted): " + runs.time("warm-up-identity", null));
            if (latencyRate != null) {
                latency(load, model, latencyRate);
                return 0;
            }
            List<JobRuns.Timing> forecastRuns = new ArrayList<>();
            List<JobRuns.Timing> identityRuns = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                abbaRound(runs, model, round, forecastRuns, identityRuns);
            }
            if (rounds > 1) {
                printRatios("over " + rounds + " rounds: ", forecastRuns, identityRuns);
            }
            if (latencyFraction > 0) {
                latency(load, model, latencyFraction * stats(forecastRuns, JobRuns.Timing::eventsPerSecond).getAverage());
            }
        }
        return 0;
    }

    /** One round of identity, ForecastJob, ForecastJob, identity; prints each run and the round's ratios. */
    private void abbaRound(JobRuns runs, byte[] model, int round, List<JobRuns.Timing> forecastRuns,
            List<JobRuns.Timing> identityRuns) throws Exception {
        // Run names name the runs' topics: unique per round.
        String prefix = rounds == 1 ? "" : "r" + round + "-";
        JobRuns.Timing identity1 = runs.time(prefix + "identity-1", null);
        JobRuns.Timing forecast1 = runs.time(prefix + "forecast-1", model);
        String forecastSteps = OperatorMetrics.stepSummary();
        String forecastBundles = OperatorMetrics.bundleSummary();
        JobRuns.Timing forecast2 = runs.time(prefix + "forecast-2", model);
        forecastSteps += " " + OperatorMetrics.stepSummary();
        forecastBundles += " " + OperatorMetrics.bundleSummary();
        JobRuns.Timing identity2 = runs.time(prefix + "identity-2", null);
        for (JobRuns.Timing t : new JobRuns.Timing[] {identity1, forecast1, forecast2, identity2}) {
            System.out.println(t);
        }
        printRatios(rounds == 1 ? "" : "round " + round + ": ", List.of(forecast1, forecast2),
                List.of(identity1, identity2));
        System.out.println("operator stepNanosPerKeyStep (ns): " + forecastSteps);
        System.out.println("operator bundleSize: " + forecastBundles);
        forecastRuns.addAll(List.of(forecast1, forecast2));
        identityRuns.addAll(List.of(identity1, identity2));
    }

    /**
     * The ratio of mean rates (the figure), of mean CPU per event, and of the best runs (highest rate,
     * least CPU per event): on a shared machine a run is only ever slowed down, so the best of several is
     * the least disturbed estimate.
     */
    private static void printRatios(String label, List<JobRuns.Timing> forecast, List<JobRuns.Timing> identity) {
        DoubleSummaryStatistics forecastRate = stats(forecast, JobRuns.Timing::eventsPerSecond);
        DoubleSummaryStatistics identityRate = stats(identity, JobRuns.Timing::eventsPerSecond);
        DoubleSummaryStatistics forecastCpu = stats(forecast, JobRuns.Timing::cpuPerEvent);
        DoubleSummaryStatistics identityCpu = stats(identity, JobRuns.Timing::cpuPerEvent);
        System.out.printf("%sForecastJob / identity (mean rates of the ABBA runs): %,.0f / %,.0f = %.1f %%"
                + " (target >= 70 %%)%n", label, forecastRate.getAverage(), identityRate.getAverage(),
                100 * forecastRate.getAverage() / identityRate.getAverage());
        System.out.printf("%sCPU per event, identity / ForecastJob: %,.0f / %,.0f ns = %.1f %%%n", label,
                identityCpu.getAverage(), forecastCpu.getAverage(),
                100 * identityCpu.getAverage() / forecastCpu.getAverage());
        System.out.printf("%sbest runs: rates %,.0f / %,.0f = %.1f %%, CPU per event %,.0f / %,.0f ns = %.1f %%%n",
                label, forecastRate.getMax(), identityRate.getMax(), 100 * forecastRate.getMax() / identityRate.getMax(),
                identityCpu.getMin(), forecastCpu.getMin(), 100 * identityCpu.getMin() / forecastCpu.getMin());
    }

    private static DoubleSummaryStatistics stats(List<JobRuns.Timing> runs, ToDoubleFunction<JobRuns.Timing> of) {
        return runs.stream().mapToDouble(of).summaryStatistics();
    }

    /** The broker, producer and probe: in this JVM, or in a child JVM when either CPU option is given. */
    private BenchLoad startLoad() throws Exception {
        if (jobCpus == null && loadCpus == null) {
            System.out.println("load (broker, producer, latency probe) in this JVM, on the jobs' CPUs");
            return new InProcessLoad();
        }
        if (jobCpus != null) {
            CpuPinning.pinThisJvm(jobCpus);
        }
        System.out.printf("load (broker, producer, latency probe) in a child JVM on CPUs %s; jobs on CPUs %s%n",
                loadCpus == null ? "any" : loadCpus, jobCpus == null ? "any" : jobCpus);
        return new ChildProcessLoad(loadCpus);
    }

    private void latency(BenchLoad load, byte[] model, double rate) throws Exception {
        TopicNames live = load.createTopics("bench-live", JobRuns.PARTITIONS);
        JobRuns runs = new JobRuns(load, live.events(), shape, 0);
        OperatorMetrics.clear();
        Configuration options = runs.options("latency");
        StreamExecutionEnvironment env = runs.environment(options);
        boolean identity = latencyJob.equals("identity");
        if (!identity && !latencyJob.equals("forecast")) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--latency-job must be forecast or identity, got " + latencyJob);
        }
        if (identity) {
            IdentityJob.buildPipeline(env, ForecastIo.kafka(options), options);
        } else {
            ForecastJob.buildPipeline(env, ForecastIo.kafka(options), options, model);
        }
        double seconds = latencyWindows * shape.steps * shape.keys / rate;
        Duration length = Duration.ofMillis((long) Math.min(180_000, 1000 * seconds));
        Bench.clearHeap();
        JobClient client = JobRuns.start(env, "latency");
        BenchLoad.LatencyRun run;
        GcPauses.Summary gc;
        try (GcPauses pauses = new GcPauses()) {
            // The first window of every key comes while the job still warms up its state; skip it.
            run = load.latency(live.events(), options.get(ForecastOptions.FORECASTS_TOPIC), shape.keys, rate,
                    length, identity, shape.keys);
            gc = pauses.summary();
        } finally {
            JobRuns.stop(client);
        }
        long sent = run.sent();
        double achieved = run.achievedPerSecond();
        System.out.printf("latency run: paced %,.0f events/s for %d s (%,d sent, %,.0f/s achieved)%n", rate,
                length.toSeconds(), sent, achieved);
        if (achieved < 0.95 * rate) {
            // The producer shares its CPUs with the broker (and, in this JVM, with the job): it fell behind.
            System.out.printf("WARNING: the producer reached only %.0f %% of the paced rate: the load side (in"
                    + " this JVM: the whole machine) is saturated and this run does not measure the latency at"
                    + " that rate%n",
                    100 * achieved / rate);
        }
        System.out.println("event -> " + (identity ? "pass-through record" : "forecast") + " latency: "
                + run.summary());
        System.out.println("worst latency per second of arrival (s:ms): " + run.worstPerSecond());
        System.out.println("GC in the latency run (this JVM): " + gc);
        System.out.println("operator stepNanosPerKeyStep (ns), paced: " + OperatorMetrics.stepSummary());
        System.out.println("operator bundleSize, paced: " + OperatorMetrics.bundleSummary());
    }
}

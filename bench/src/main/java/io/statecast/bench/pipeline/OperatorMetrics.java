package io.statecast.bench.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A metric reporter that keeps the RNN operator's {@code stepNanosPerKeyStep} and {@code bundleSize}
 * histograms of every subtask, the TrainerJob's {@code trainingRuns} counter and its retraining CPU
 * gauges, so the benchmark can read them in the same JVM (MiniCluster) after a run.
 */
public final class OperatorMetrics implements MetricReporter {

    static final String STEP = "stepNanosPerKeyStep";
    static final String BUNDLE = "bundleSize";
    private static final List<Histogram> STEPS = new ArrayList<>();
    private static final List<Histogram> BUNDLES = new ArrayList<>();
    private static final List<Counter> TRAINING_RUNS = new ArrayList<>();
    private static final List<Gauge<?>> RETRAIN_CPU = new ArrayList<>();
    private static final List<Gauge<?>> RETRAIN_PACED = new ArrayList<>();

    /** Registers this reporter on a MiniCluster configuration. */
    static void register(Configuration conf) {
        conf.setString("metrics.reporter.bench.factory.class", Factory.class.getName());
    }

    /** Forgets the histograms of earlier runs (the training-run counters stay). */
    static synchronized void clear() {
        STEPS.clear();
        BUNDLES.clear();
    }

    /** Retraining runs the TrainerJob has started ({@code trainingRuns}), all runs of this JVM. */
    static synchronized long trainingRuns() {
        return TRAINING_RUNS.stream().mapToLong(Counter::getCount).sum();
    }

    /** Milliseconds of CPU the TrainerJobs' retraining threads used ({@code retrainCpuMillis}), all jobs. */
    static synchronized long retrainCpuMillis() {
        return sum(RETRAIN_CPU);
    }

    /** Milliseconds the retraining threads slept to keep to their CPU share ({@code retrainPacedMillis}). */
    static synchronized long retrainPacedMillis() {
        return sum(RETRAIN_PACED);
    }

    private static long sum(List<Gauge<?>> gauges) {
        return gauges.stream().mapToLong(g -> ((Number) g.getValue()).longValue()).sum();
    }

    /** "p50 / mean / p99 (n samples)" over the subtasks' histograms, or "none" if no bundle ran. */
    static synchronized String stepSummary() {
        return summary(STEPS);
    }

    static synchronized String bundleSummary() {
        return summary(BUNDLES);
    }

    private static String summary(List<Histogram> histograms) {
        StringBuilder out = new StringBuilder();
        for (Histogram h : histograms) {
            HistogramStatistics s = h.getStatistics();
            if (s.size() == 0) {
                continue;
            }
            out.append(String.format("[p50 %.0f, mean %.0f, p99 %.0f over the last %d bundles] ",
                    s.getQuantile(0.5), s.getMean(), s.getQuantile(0.99), s.size()));
        }
        return out.length() == 0 ? "none" : out.toString().trim();
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (metric instanceof Counter c && "trainingRuns".equals(name)) {
            synchronized (OperatorMetrics.class) {
                TRAINING_RUNS.add(c);
            }
        } else if (metric instanceof Gauge<?> g && name.startsWith("retrain")) {
            synchronized (OperatorMetrics.class) {
                if ("retrainCpuMillis".equals(name)) {
                    RETRAIN_CPU.add(g);
                } else if ("retrainPacedMillis".equals(name)) {
                    RETRAIN_PACED.add(g);
                }
            }
        } else if (metric instanceof Histogram h) {
            synchronized (OperatorMetrics.class) {
                if (STEP.equals(name)) {
                    STEPS.add(h);
                } else if (BUNDLE.equals(name)) {
                    BUNDLES.add(h);
                }
            }
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // Kept on purpose: the benchmark reads the histograms after the job has been cancelled.
    }

    /** Flink loads reporters through this factory (META-INF/services). */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new OperatorMetrics();
        }
    }
}

package io.statecast.jobs.trainer;

import io.statecast.model.train.TrainingListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps a retraining run's CPU use to a share of one core, so a sidecar trainer on the forecast job's
 * machine cannot starve it: after every slice of work (a training iteration, a validation pass) it
 * sleeps until the slice's thread CPU time is at most {@code share} of the wall time the slice took
 * plus the sleep. Time the thread already lost to other threads counts as rest, so a contended machine
 * is not throttled twice. At share 1 it never sleeps. Every call is also a cancellation point: once
 * the thread is interrupted (the job is cancelled or closed) the run stops within one slice.
 *
 * <p>One run at a time: {@link #begin()} and {@link #pace()} must be called from the thread doing the
 * work (its CPU time is what is measured). The totals may be read from any thread (metrics).
 */
public final class CpuPacer implements TrainingListener {

    /** Sleeps for a number of nanoseconds; the real one is {@link TimeUnit#sleep}. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final double share;
    private final LongSupplier threadCpuNanos;
    private final LongSupplier wallNanos;
    private final Sleeper sleeper;
    private final AtomicLong cpuNanos = new AtomicLong();
    private final AtomicLong pacedNanos = new AtomicLong();
    private long sliceCpuStart;
    private long sliceWallStart;

    /** Paces the calling thread by its own CPU time (ThreadMXBean), the wall clock and real sleeps. */
    public static CpuPacer forShare(double share) {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time (ThreadMXBean), which"
                    + " the TrainerJob needs to pace and meter retraining; run it on a JVM that can");
        }
        return new CpuPacer(share, THREADS::getCurrentThreadCpuTime, System::nanoTime,
                TimeUnit.NANOSECONDS::sleep);
    }

    CpuPacer(double share, LongSupplier threadCpuNanos, LongSupplier wallNanos, Sleeper sleeper) {
        checkShare(share);
        this.share = share;
        this.threadCpuNanos = threadCpuNanos;
        this.wallNanos = wallNanos;
        this.sleeper = sleeper;
    }

    /** Fails unless {@code share} is a fraction of one core in (0, 1]. */
    static void checkShare(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("trainer.cpu-share must be in (0, 1] (the fraction of one core"
                    + " a retraining run may use; 1 = no pacing), got " + share);
        }
    }

    /** Starts measuring a run on the calling thread. */
    public void begin() {
        checkCancelled();
        sliceCpuStart = threadCpuNanos.getAsLong();
        sliceWallStart = wallNanos.getAsLong();
    }

    @Override
    public void onIteration(int iteration, int maxIterations, double trainLoss, double validationLoss) {
        pace();
    }

    /**
     * Ends a slice of work: sleeps as long as the slice's share of CPU requires, then starts the next.
     *
     * @throws CancellationException when the thread is interrupted (the interrupt flag stays set)
     */
    public void pace() {
        long cpu = threadCpuNanos.getAsLong() - sliceCpuStart;
        long wall = wallNanos.getAsLong() - sliceWallStart;
        cpuNanos.addAndGet(cpu);
        checkCancelled();
        // cpu / (wall + rest) <= share; wall already holds the time other threads ran instead of this one.
        long rest = (long) (cpu / share) - wall;
        if (rest > 0) {
            try {
                sleeper.sleep(rest);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw cancelled();
            }
            pacedNanos.addAndGet(rest);
        }
        sliceCpuStart = threadCpuNanos.getAsLong();
        sliceWallStart = wallNanos.getAsLong();
    }

    /** Thread CPU time measured over all runs so far. */
    public long cpuNanos() {
        return cpuNanos.get();
    }

    /** Time slept to stay within the share, over all runs so far. */
    public long pacedNanos() {
        return pacedNanos.get();
    }

    public double share() {
        return share;
    }

    private static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw cancelled();
        }
    }

    private static CancellationException cancelled() {
        return new CancellationException("retraining run interrupted (the job is cancelled or closing)");
    }
}

package io.statecast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pacer on a simulated clock: a thread that works (CPU and wall advance) and sleeps (wall only). */
class CpuPacerTest {

    /** Simulated CPU and wall clocks; sleeping advances only the wall clock and is recorded. */
    private static final class Clocks {
        long cpu;
        long wall;
        final List<Long> sleeps = new ArrayList<>();

        void work(long cpuNanos, long wallNanos) {
            cpu += cpuNanos;
            wall += wallNanos;
        }

        CpuPacer pacer(double share) {
            return new CpuPacer(share, () -> cpu, () -> wall, nanos -> {
                sleeps.add(nanos);
                wall += nanos;
            });
        }
    }

    private final Clocks clocks = new Clocks();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void restsSoThatEachSliceUsesAtMostTheShareOfOneCore() {
        CpuPacer pacer = clocks.pacer(0.25);
        pacer.begin();
        for (int i = 0; i < 3; i++) {
            clocks.work(40, 40);
            pacer.pace();
        }
        // 40 ns of CPU at a quarter of a core needs 160 ns of wall time: 120 ns of rest per slice.
        assertThat(clocks.sleeps).containsExactly(120L, 120L, 120L);
        assertThat(clocks.cpu / (double) clocks.wall).isEqualTo(0.25);
        assertThat(pacer.cpuNanos()).isEqualTo(120);
        assertThat(pacer.pacedNanos()).isEqualTo(360);
    }

    @Test
    void timeLostToOtherThreadsCountsAsRest() {
        CpuPacer pacer = clocks.pacer(0.5);
        pacer.begin();
        clocks.work(40, 60);
        pacer.pace();
        clocks.work(40, 100);
        pacer.pace();
        // 40 ns of CPU needs 80 ns of wall: the first slice took 60 (rests 20), the second 100 (rests 0).
        assertThat(clocks.sleeps).containsExactly(20L);
    }

    @Test
    void workBetweenRunsIsNotCharged() {
        CpuPacer pacer = clocks.pacer(0.5);
        pacer.begin();
        clocks.work(10, 10);
        pacer.pace();
        clocks.work(1_000, 1_000);
        pacer.begin();
        clocks.work(10, 10);
        pacer.pace();
        assertThat(clocks.sleeps).containsExactly(10L, 10L);
        assertThat(pacer.cpuNanos()).isEqualTo(20);
    }

    @Test
    void aWholeCoreNeverSleeps() {
        CpuPacer pacer = clocks.pacer(1);
        pacer.begin();
        clocks.work(50, 50);
        pacer.pace();
        assertThat(clocks.sleeps).isEmpty();
        assertThat(pacer.cpuNanos()).isEqualTo(50);
        assertThat(pacer.pacedNanos()).isZero();
    }

    @Test
    void anInterruptedThreadStopsAtTheNextSliceEvenWithoutPacing() {
        CpuPacer pacer = clocks.pacer(1);
        pacer.begin();
        clocks.work(50, 50);
        Thread.currentThread().interrupt();
        assertThatThrownBy(pacer::pace).isInstanceOf(CancellationException.class);
        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt stays visible").isTrue();
    }

    @Test
    void anInterruptDuringTheRestStopsTheRun() {
        CpuPacer pacer = new CpuPacer(0.5, () -> clocks.cpu, () -> clocks.wall, nanos -> {
            throw new InterruptedException("cancelled while resting");
        });
        pacer.begin();
        clocks.work(50, 50);
        assertThatThrownBy(pacer::pace).isInstanceOf(CancellationException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(pacer.pacedNanos()).isZero();
    }

    @Test
    void rejectsSharesOutsideOneCore() {
        for (double share : new double[] {0, -0.5, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> clocks.pacer(share)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("trainer.cpu-share must be in (0, 1]");
        }
        Configuration conf = new Configuration();
        conf.set(TrainerOptions.CPU_SHARE, 0.0);
        assertThatThrownBy(() -> RetrainSettings.from(conf)).hasMessageContaining("trainer.cpu-share");
    }
}

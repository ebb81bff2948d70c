package io.statecast.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link GcPauses} against this JVM's real collector. */
@Timeout(60)
class GcPausesITCase {

    @Test
    void countsTheCollectionsWhileOpenAndNoneAfter() throws Exception {
        GcPauses.Summary seen;
        try (GcPauses pauses = new GcPauses()) {
            assertThat(pauses.summary().count()).isZero();
            System.gc();
            seen = awaitCollections(pauses, 1);
            assertThat(seen.count()).isGreaterThanOrEqualTo(1);
            assertThat(seen.longestMillis()).isLessThanOrEqualTo(seen.totalMillis());
            assertThat(seen.toString()).startsWith(seen.count() + " collections, ");
        }
        GcPauses closed = new GcPauses();
        closed.close();
        System.gc();
        Thread.sleep(500);
        assertThat(closed.summary().count()).isZero();
    }

    private static GcPauses.Summary awaitCollections(GcPauses pauses, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (pauses.summary().count() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return pauses.summary();
    }
}

package io.statecast.cli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoopShiftTest {

    @Test
    void periodIsTheSpanPlusTheSmallestPerSeriesStep() {
        LoopShift shift = new LoopShift();
        // a: every 10 ms from 100; b: every 30 ms from 90. Span 90..160 = 70, smallest step 10.
        for (long t = 100; t <= 160; t += 10) {
            shift.observe("a", t);
        }
        for (long t = 90; t <= 150; t += 30) {
            shift.observe("b", t);
        }
        assertThat(shift.periodMillis()).isEqualTo(80);
    }

    @Test
    void eachReplayStartsAfterTheLastEventOfEverySeries() {
        LoopShift shift = new LoopShift();
        long[] a = {0, 5, 7};
        long[] b = {3, 9};
        for (long t : a) {
            shift.observe("a", t);
        }
        for (long t : b) {
            shift.observe("b", t);
        }
        long period = shift.periodMillis();
        assertThat(a[0] + period).isGreaterThan(a[a.length - 1]);
        assertThat(b[0] + period).isGreaterThan(b[b.length - 1]);
    }

    @Test
    void singleEventsReplayOneSecondApart() {
        LoopShift shift = new LoopShift();
        shift.observe("a", 1000);
        assertThat(shift.periodMillis()).isEqualTo(1000);
    }

    @Test
    void nothingObservedIsAnError() {
        assertThatThrownBy(() -> new LoopShift().periodMillis()).isInstanceOf(IllegalStateException.class);
    }
}

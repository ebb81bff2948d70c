package io.statecast.model.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.statecast.model.scale.ValueTransforms;
import io.statecast.schemas.ValueTransform;
import org.junit.jupiter.api.Test;

class ValueTransformsTest {

    private static final double[] Y = {100, 110, 99, 120};

    @Test
    void applyTransformsEveryStepAfterTheLag() {
        assertThat(ValueTransforms.apply(ValueTransform.LEVEL, Y)).containsExactly(Y);
        assertThat(ValueTransforms.apply(ValueTransform.DIFFERENCE, Y))
                .containsExactly(10, -11, 21);
        assertThat(ValueTransforms.apply(ValueTransform.LOG_DIFFERENCE, Y)[0])
                .isCloseTo(Math.log(1.1), within(1e-12));
    }

    @Test
    void inverseUndoesForwardFromTheLastValue() {
        for (ValueTransform t : ValueTransform.values()) {
            double u = ValueTransforms.forward(t, Y[2], Y[3]);
            assertThat(ValueTransforms.inverse(t, Y[2], u)).as(t.name())
                    .isCloseTo(Y[3], within(1e-9));
        }
    }

    @Test
    void logDifferenceRejectsNonPositiveValues() {
        assertThatThrownBy(() -> ValueTransforms.apply(ValueTransform.LOG_DIFFERENCE,
                new double[] {1, 0})).hasMessageContaining("positive values, got 0.0");
    }
}

package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class WindowProgressTest {

    /** Every field set to a value unlike its default: a field added later and not copied fails the test. */
    private static WindowProgress everyFieldSet() throws IllegalAccessException {
        WindowProgress p = new WindowProgress();
        int n = 1;
        for (Field f : WindowProgress.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            Class<?> t = f.getType();
            n++;
            if (t == int.class) {
                f.setInt(p, n);
            } else if (t == long.class) {
                f.setLong(p, n);
            } else if (t == double.class) {
                f.setDouble(p, n + 0.5);
            } else if (t == boolean.class) {
                f.setBoolean(p, true);
            } else if (t == String.class) {
                f.set(p, "v" + n);
            } else if (t == long[].class) {
                f.set(p, new long[] {n, n + 1});
            } else if (t == double[].class) {
                f.set(p, new double[] {n, n + 0.5});
            } else if (t == float[].class) {
                f.set(p, new float[] {n, n + 0.5f});
            } else {
                throw new AssertionError("WindowProgress." + f.getName() + " has a type this test does not fill: " + t);
            }
        }
        return p;
    }

    @Test
    void aCopyHasEveryFieldAndSharesNoArray() throws Exception {
        WindowProgress original = everyFieldSet();
        WindowProgress copy = original.copy();
        assertThat(copy).usingRecursiveComparison().isEqualTo(original);
        assertThat(copy.timestamps).isNotSameAs(original.timestamps);
        assertThat(copy.inputs).isNotSameAs(original.inputs);
        assertThat(copy.hidden).isNotSameAs(original.hidden);
    }

    @Test
    void theSerializerRestoresEveryFieldAndNulls() throws Exception {
        for (WindowProgress original : new WindowProgress[] {everyFieldSet(), new WindowProgress(),
                WindowProgress.empty(20, 3)}) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            WindowProgressSerializer.INSTANCE.serialize(original, out);
            // copy(source, target) moves the bytes of one record unchanged.
            DataOutputSerializer copied = new DataOutputSerializer(4096); // this view does not grow on copy
            WindowProgressSerializer.INSTANCE.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
            assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
            WindowProgress read = WindowProgressSerializer.INSTANCE.deserialize(
                    new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(read).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class)
                    .isEqualTo(original);
            // The frame's length first: the bytes a byte[] keyed state of the frame held.
            assertThat(new DataInputDeserializer(out.getCopyOfBuffer()).readInt()).isEqualTo(out.length() - 4);
        }
    }

    @Test
    void aFormatFromAnotherBuildIsRefusedWithWhatToDo() {
        byte[] otherVersion = {0, 0, 0, 1, 9};
        assertThatThrownBy(() -> WindowProgressSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(otherVersion))).hasMessageContaining("format version 9");
    }

    @Test
    void aCopyOfAnEmptyProgressIsEmpty() {
        WindowProgress copy = new WindowProgress().copy();
        // NaN (no previous value) equals NaN here.
        assertThat(copy).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class)
                .isEqualTo(new WindowProgress());
    }
}

package io.statecast.jobs.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class WindowStateSerializerTest {

    private int next = 1;

    /** Every field (nested ones too) set to a value unlike its default: a field the serializer or copy misses fails. */
    private <T> T everyFieldSet(T o) throws Exception {
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            int n = ++next;
            Class<?> t = f.getType();
            if (t == int.class) {
                f.setInt(o, n);
            } else if (t == long.class) {
                f.setLong(o, n);
            } else if (t == long[].class) {
                f.set(o, new long[] {n, n + 1, Long.MIN_VALUE});
            } else if (t == double[].class) {
                f.set(o, new double[] {n + 0.5, Double.NaN});
            } else if (t == PendingSteps.class || t == PartialSequence.class) {
                f.set(o, everyFieldSet(t.getConstructor().newInstance()));
            } else {
                throw new AssertionError(o.getClass().getSimpleName() + "." + f.getName()
                        + " has a type this test does not fill: " + t);
            }
        }
        return o;
    }

    private static WindowState roundTrip(WindowState s) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        WindowStateSerializer.INSTANCE.serialize(s, out);
        return WindowStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void theSerializerRestoresEveryFieldAndNulls() throws Exception {
        WindowState full = everyFieldSet(new WindowState());
        assertThat(roundTrip(full)).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(full);
        WindowState empty = new WindowState();
        assertThat(roundTrip(empty)).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(empty);
        WindowState fresh = WindowState.empty(20, 2, 7);
        assertThat(roundTrip(fresh)).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(fresh);
    }

    @Test
    void aCopyHasEveryFieldAndSharesNothingMutable() throws Exception {
        WindowState original = everyFieldSet(new WindowState());
        WindowState copy = WindowStateSerializer.INSTANCE.copy(original);
        assertThat(copy).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(original);
        assertThat(copy.pending).isNotSameAs(original.pending);
        assertThat(copy.pending.timestamps).isNotSameAs(original.pending.timestamps);
        assertThat(copy.pending.inputs).isNotSameAs(original.pending.inputs);
        assertThat(copy.partial).isNotSameAs(original.partial);
        assertThat(copy.partial.timestamps).isNotSameAs(original.partial.timestamps);
        assertThat(copy.partial.inputs).isNotSameAs(original.partial.inputs);
    }

    @Test
    void aFormatFromAnotherBuildIsRefusedWithWhatToDo() {
        byte[] otherVersion = {0, 0, 0, 1, 9};
        assertThatThrownBy(() -> WindowStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(otherVersion)))
                .hasMessageContaining("format version 9").hasMessageContaining("restore with the build");
    }
}

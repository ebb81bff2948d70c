package io.statecast.jobs.forecast;

import io.statecast.jobs.window.Sequence;
import io.statecast.schemas.ScalerStats;
import io.statecast.schemas.SeriesState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Helpers for the per-series {@link SeriesState}: hidden-state bytes and the ring of recent inputs. */
final class SeriesStates {

    private SeriesStates() {}

    /** The state of a series never seen before: no hidden state (cold), empty scaler and history. */
    static SeriesState fresh() {
        return SeriesState.newBuilder()
                .setHidden(ByteBuffer.allocate(0))
                .setScaler(ScalerStats.newBuilder().setCount(0).setMean(0).setM2(0).build())
                .setRecentInputs(new ArrayList<>())
                .setModelVersion(0)
                .setStepsSeen(0)
                .build();
    }

    /** The hidden state as floats, or null when it is empty or not of the expected size. */
    static float[] hidden(SeriesState s, int stateSize) {
        ByteBuffer b = s.getHidden().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() != 4 * stateSize) {
            return null;
        }
        float[] h = new float[stateSize];
        b.asFloatBuffer().get(h);
        return h;
    }

    static void setHidden(SeriesState s, float[] hidden) {
        ByteBuffer b = ByteBuffer.allocate(4 * hidden.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(hidden);
        s.setHidden(b);
    }

    /** Appends a sequence's raw inputs to the ring and keeps only the last {@code keepSteps} steps. */
    static void remember(SeriesState s, Sequence seq, int keepSteps) {
        List<Double> ring = s.getRecentInputs();
        for (double v : seq.inputs) {
            ring.add(v);
        }
        int excess = ring.size() - keepSteps * seq.inputSize;
        if (excess > 0) {
            ring.subList(0, excess).clear();
        }
    }

    /** The remembered values (input 0 of each step), oldest first; the last is the series' last value. */
    static double[] recentValues(SeriesState s, int inputSize) {
        List<Double> ring = s.getRecentInputs();
        double[] out = new double[ring.size() / inputSize];
        for (int i = 0; i < out.length; i++) {
            out[i] = ring.get(i * inputSize);
        }
        return out;
    }

    /** The remembered inputs as a flat array, oldest first. */
    static double[] recentInputs(SeriesState s) {
        List<Double> ring = s.getRecentInputs();
        double[] out = new double[ring.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ring.get(i);
        }
        return out;
    }
}

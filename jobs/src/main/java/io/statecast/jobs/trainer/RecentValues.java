package io.statecast.jobs.trainer;

import java.util.Arrays;

/** The last K values of one series, oldest first (a ring; a Flink POJO in the replay buffer's state). */
public class RecentValues {
    public double[] ring;
    public int start;
    public int size;

    public RecentValues() {}

    static RecentValues withCapacity(int capacity) {
        RecentValues r = new RecentValues();
        r.ring = new double[capacity];
        return r;
    }

    void add(double value) {
        if (size < ring.length) {
            ring[(start + size++) % ring.length] = value;
        } else {
            ring[start] = value;
            start = (start + 1) % ring.length;
        }
    }

    double[] toArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = ring[(start + i) % ring.length];
        }
        return out;
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}

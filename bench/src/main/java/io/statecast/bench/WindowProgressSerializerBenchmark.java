package io.statecast.bench;

import io.statecast.jobs.forecast.WindowProgress;
import io.statecast.jobs.forecast.WindowProgressSerializer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing one series' {@link WindowProgress} (n = 20, LSTM H = 64) into a snapshot stream as the heap
 * backend's asynchronous snapshot does (a buffered stream behind Flink's stream wrapper): Flink's
 * reflective {@code PojoSerializer}, which the operator used, against {@link WindowProgressSerializer}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WindowProgressSerializerBenchmark {

    private final WindowProgress progress = new WindowProgress();
    private final TypeSerializer<WindowProgress> pojo =
            TypeInformation.of(WindowProgress.class).createSerializer(new SerializerConfigImpl());
    private final WindowProgressSerializer own = new WindowProgressSerializer();
    private final DataOutputViewStreamWrapper stream =
            new DataOutputViewStreamWrapper(new BufferedOutputStream(OutputStream.nullOutputStream(), 4096));

    @Setup
    public void setUp() {
        Random random = new Random(1);
        progress.timestamps = new long[20];
        progress.inputs = new double[20];
        progress.hidden = new float[128];
        for (int i = 0; i < 20; i++) {
            progress.timestamps[i] = 1_700_000_000_000L + 60_000L * i;
            progress.inputs[i] = random.nextGaussian();
        }
        for (int i = 0; i < progress.hidden.length; i++) {
            progress.hidden[i] = (float) random.nextGaussian();
        }
        progress.inputSize = 1;
        progress.count = 7;
        progress.prepared = true;
    }

    @Benchmark
    public void pojoSerializer() throws IOException {
        pojo.serialize(progress, stream);
    }

    @Benchmark
    public void windowProgressSerializer() throws IOException {
        own.serialize(progress, stream);
    }
}

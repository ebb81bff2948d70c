package io.statecast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.jobs.io.KafkaRecord;
import io.statecast.jobs.window.Sequence;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The replay buffer keeps a uniform sample of series once full, whatever order and rate they arrive in. */
class ReplayBufferHarnessTest {

    static RetrainSettings settings(int series) {
        Configuration conf = new Configuration();
        conf.set(io.statecast.jobs.forecast.ForecastOptions.BOOTSTRAP_SERVERS, "127.0.0.1:1");
        conf.set(TrainerOptions.BUFFER_SERIES, series);
        conf.set(TrainerOptions.RETRAIN_INTERVAL, Duration.ofDays(1));
        return RetrainSettings.from(conf);
    }

    static Set<String> buffered(List<String> arrivals) throws Exception {
        byte[] model = io.statecast.model.snapshot.ModelSnapshots.toBytes(RetrainFunctionHarnessTest.undertrained(
                RetrainFunctionHarnessTest.series()));
        try (var h = new KeyedOneInputStreamOperatorTestHarness<String, Sequence, KafkaRecord>(
                new KeyedProcessOperator<>(new RetrainFunction(settings(3), model)), s -> "all", Types.STRING)) {
            h.open();
            long t = 0;
            for (String id : arrivals) {
                h.processElement(new StreamRecord<>(new Sequence(id, new long[] {t++}, new double[] {1}, 1)));
            }
            h.getOperator().setCurrentKey("all");
            MapState<String, RecentValues> buffer = h.getOperator().getKeyedStateBackend().getPartitionedState(
                    VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, new MapStateDescriptor<>(
                            "replay-buffer", Types.STRING, TypeInformation.of(RecentValues.class)));
            Set<String> kept = new HashSet<>();
            buffer.keys().forEach(kept::add);
            return kept;
        }
    }

    @Test
    void keepsTheSeriesWithTheSmallestHashesWhateverTheirOrderAndRate() throws Exception {
        List<String> ids = IntStream.range(0, 12).mapToObj(i -> "series-" + i).toList();
        Set<String> expected = ids.stream().sorted(Comparator.comparingLong(RetrainFunction::hash)).limit(3)
                .collect(Collectors.toSet());
        List<String> busyFirst = new java.util.ArrayList<>();
        for (String id : ids) {
            for (int repeat = 0; repeat < (id.endsWith("0") ? 50 : 1); repeat++) {
                busyFirst.add(id);
            }
        }
        assertThat(buffered(busyFirst)).isEqualTo(expected);
        List<String> reversed = new java.util.ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        assertThat(buffered(reversed)).isEqualTo(expected);
    }
}

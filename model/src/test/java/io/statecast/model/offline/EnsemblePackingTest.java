package io.statecast.model.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.statecast.model.serve.ServingModel;
import io.statecast.model.train.TrainerConfig;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ValueTransform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class EnsemblePackingTest {

    private static final Map<String, double[]> SERIES = Map.of(
            "a", wave(50, 1, 0.4), "b", wave(40, 3, 0.7));

    private static double[] wave(int n, double amplitude, double f) {
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            v[t] = 10 + amplitude * Math.sin(f * t) + 0.05 * t;
        }
        return v;
    }

    private static ModelSnapshot member(CellType cell, HeadType head, long seed) {
        TrainerConfig config = TrainerConfig.builder().cell(cell).layers(2).hiddenSize(3)
                .windowSteps(6).burnIn(2).head(head)
                .horizon(head == HeadType.LAST_STEP ? 1 : 2).batchSize(4).maxIterations(5)
                .learningRate(0.01).validationFraction(0).seed(seed).createdAt(Instant.EPOCH)
                .build();
        return OfflineTraining.train(config, ValueTransform.LEVEL, SERIES, null).snapshot();
    }

    /** Under LEVEL the forecast is linear in the head's output: the pack's is the members' mean. */
    @ParameterizedTest
    @EnumSource(CellType.class)
    void thePackedNetworkForecastsTheMeanOfItsMembers(CellType cell) {
        List<ModelSnapshot> members = new ArrayList<>();
        for (long seed : new long[] {1, 2, 3}) {
            members.add(member(cell, HeadType.MULTI_HORIZON, seed));
        }
        ModelSnapshot packed = EnsemblePacking.pack(members, Instant.EPOCH);
        assertThat(packed.getArchitecture().getHiddenSize()).isEqualTo(9);
        assertThat(packed.getHyperparameters()).containsEntry("ensemble_members", "3");

        Map<String, SeriesForecasts> whole = walk(packed);
        List<Map<String, SeriesForecasts>> each = members.stream().map(this::walk).toList();
        for (String id : SERIES.keySet()) {
            double[][] mean = whole.get(id).mean();
            for (int k = 0; k < 2; k++) {
                for (int t = k + 1; t < mean[k].length; t++) {
                    double expected = 0;
                    for (var m : each) {
                        expected += m.get(id).mean()[k][t] / 3;
                    }
                    assertThat(mean[k][t]).as("%s step %d at %d", id, k, t)
                            .isCloseTo(expected, within(1e-4 * Math.abs(expected)));
                }
            }
        }
    }

    @Test
    void aGaussianPackAveragesTheMeans() {
        List<ModelSnapshot> members = List.of(member(CellType.LSTM, HeadType.GAUSSIAN, 4),
                member(CellType.LSTM, HeadType.GAUSSIAN, 5));
        Map<String, SeriesForecasts> whole = walk(EnsemblePacking.pack(members, Instant.EPOCH));
        double expected = (walk(members.get(0)).get("a").oneStep()[30]
                + walk(members.get(1)).get("a").oneStep()[30]) / 2;
        assertThat(whole.get("a").oneStep()[30]).isCloseTo(expected, within(1e-4 * expected));
    }

    @Test
    void oneMemberIsItselfAndMembersMustMatch() {
        ModelSnapshot a = member(CellType.GRU, HeadType.LAST_STEP, 1);
        assertThat(EnsemblePacking.pack(List.of(a), Instant.EPOCH)).isSameAs(a);
        ModelSnapshot b = member(CellType.LSTM, HeadType.LAST_STEP, 1);
        assertThatThrownBy(() -> EnsemblePacking.pack(List.of(a, b), Instant.EPOCH))
                .hasMessageContaining("share architecture");
        assertThatThrownBy(() -> EnsemblePacking.pack(List.of(), Instant.EPOCH))
                .hasMessageContaining("at least one member");
    }

    private Map<String, SeriesForecasts> walk(ModelSnapshot snapshot) {
        return new WalkForward(ServingModel.of(snapshot), 4, 1.96).run(SERIES);
    }
}

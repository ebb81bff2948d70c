package io.statecast.model.train;

import io.statecast.model.cell.Activation;
import io.statecast.model.head.NumericGradient;
import io.statecast.model.layer.StackState;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The trainer's whole gradient map (recurrent layers and head) for one small batch with burn-in
 * equals central finite differences of its loss, in DOUBLE. Truncated BPTT treats the burn-in's
 * final state as a constant, so the finite differences perturb the parameters with that initial
 * state held fixed — the objective the trainer differentiates. Gradients below 1e-4 are compared
 * absolutely (to 1e-9), above it relatively (to 1e-5).
 */
class TrainerGradientCheckTest {

    @ParameterizedTest(name = "{0} {1} layers={2} {3}")
    @CsvSource({
        "RNN, TANH, 1, LAST_STEP", "RNN, RELU, 2, GAUSSIAN",
        "LSTM, TANH, 1, LAST_STEP", "LSTM, TANH, 2, GAUSSIAN",
        "GRU, TANH, 1, LAST_STEP", "GRU, TANH, 2, GAUSSIAN",
        "LSTM, TANH, 1, PER_STEP", "GRU, TANH, 1, MULTI_HORIZON"})
    void gradientMapEqualsFiniteDifferences(CellType cell, Activation activation, int layers,
            HeadType head) {
        boolean multi = head == HeadType.GAUSSIAN || head == HeadType.MULTI_HORIZON;
        TrainerConfig config = TrainerConfig.builder().cell(cell).activation(activation)
                .layers(layers).hiddenSize(3).windowSteps(4).burnIn(3).head(head)
                .horizon(multi ? 2 : 1).batchSize(3).dataType(DataType.DOUBLE).build();
        Map<String, double[]> series = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(5);
        double[] values = new double[40];
        for (int t = 0; t < values.length; t++) {
            values[t] = Math.sin(0.4 * t) + 0.3 * random.nextGaussian();
        }
        series.put("s", values);
        SeriesWindows windows = new SeriesWindows(series, config, null);
        WindowBatch batch = windows.randomTrainingBatch(new SplittableRandom(1), 3);
        SequenceNetwork network = SequenceNetwork.initialise(config.rnnConfig(), head,
                config.horizon(), DataType.DOUBLE, 11);
        StackState initial = BpttTrainer.initialState(network, batch);

        Map<String, INDArray> gradients = new LinkedHashMap<>();
        network.lossAndGradients(batch.inputs(), initial, batch.targets(), gradients);

        for (Map.Entry<String, INDArray> p : network.parameters().entrySet()) {
            NumericGradient.assertMatches(p.getKey(), p.getValue(), gradients.get(p.getKey()),
                    () -> network.evaluate(batch.inputs(), initial, batch.targets()).loss(),
                    1e-4);
        }
    }
}

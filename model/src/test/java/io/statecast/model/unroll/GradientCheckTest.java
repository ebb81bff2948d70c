package io.statecast.model.unroll;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.model.cell.Activation;
import io.statecast.model.cell.CellState;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.layer.StackState;
import io.statecast.model.layer.StackedRnn;
import io.statecast.schemas.CellType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BPTT through a dynamic unroll against central finite differences in DOUBLE, for every cell,
 * 1 and 2 layers, with and without per-row sequence lengths: gradients w.r.t. every parameter
 * entry, every input and every initial-state entry.
 */
class GradientCheckTest {

    private static final int BATCH = 3;
    private static final int STEPS = 4;
    private static final int INPUTS = 2;
    private static final int HIDDEN = 3;
    private static final double EPS = 1e-6;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        RnnConfig[] cells = {
            new RnnConfig(CellType.RNN, Activation.TANH, INPUTS, HIDDEN, 1),
            new RnnConfig(CellType.RNN, Activation.RELU, INPUTS, HIDDEN, 1),
            new RnnConfig(CellType.LSTM, Activation.TANH, INPUTS, HIDDEN, 1),
            new RnnConfig(CellType.GRU, Activation.TANH, INPUTS, HIDDEN, 1)};
        for (RnnConfig c : cells) {
            for (int layers = 1; layers <= 2; layers++) {
                RnnConfig config = new RnnConfig(c.cell(), c.activation(), INPUTS, HIDDEN, layers);
                cases.add(Arguments.of(config, null));
                cases.add(Arguments.of(config, new int[] {STEPS, 2, 0}));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} lengths={1}")
    @MethodSource("cases")
    void bpttMatchesFiniteDifferences(RnnConfig config, int[] lengths) {
        StackedRnn rnn = new StackedRnn(config);
        DynamicUnroll unroll = new DynamicUnroll(rnn);
        Map<String, INDArray> params = rnn.initParams(DataType.DOUBLE, 7);
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.DOUBLE, BATCH, STEPS, INPUTS);
        StackState h0 = randomState(rnn);
        INDArray wOut = Nd4j.randn(DataType.DOUBLE, BATCH, STEPS, HIDDEN);
        StackState wFinal = randomState(rnn);

        Supplier<Double> loss = () -> {
            UnrollCache c = unroll.forward(params, x, h0, lengths);
            double l = c.outputs().mul(wOut).sumNumber().doubleValue();
            for (int i = 0; i < wFinal.size(); i++) {
                l += dot(c.finalState().layer(i), wFinal.layer(i));
            }
            return l;
        };
        BpttGrads grads = unroll.backward(unroll.forward(params, x, h0, lengths), wOut, wFinal);

        for (Map.Entry<String, INDArray> p : params.entrySet()) {
            check(p.getKey(), p.getValue(), grads.params().get(p.getKey()), loss);
        }
        check("inputs", x, grads.inputs(), loss);
        for (int l = 0; l < h0.size(); l++) {
            check("h0[" + l + "]", h0.layer(l).h(), grads.initialState().layer(l).h(), loss);
            if (h0.layer(l).hasC()) {
                check("c0[" + l + "]", h0.layer(l).c(), grads.initialState().layer(l).c(), loss);
            }
        }
    }

    private static StackState randomState(StackedRnn rnn) {
        List<CellState> layers = new ArrayList<>();
        for (int l = 0; l < rnn.config().layers(); l++) {
            INDArray h = Nd4j.randn(DataType.DOUBLE, BATCH, HIDDEN).muli(0.5);
            INDArray c = rnn.config().hasMemoryCell()
                    ? Nd4j.randn(DataType.DOUBLE, BATCH, HIDDEN) : null;
            layers.add(new CellState(h, c));
        }
        return new StackState(layers);
    }

    private static double dot(CellState s, CellState w) {
        double d = s.h().mul(w.h()).sumNumber().doubleValue();
        return s.hasC() ? d + s.c().mul(w.c()).sumNumber().doubleValue() : d;
    }

    /** Perturbs every entry of {@code value} in place and compares with {@code analytic}. */
    private static void check(String name, INDArray value, INDArray analytic,
            Supplier<Double> loss) {
        assertThat(analytic.shape()).as(name + " gradient shape").isEqualTo(value.shape());
        INDArray flat = value.reshape(value.length());
        INDArray grad = analytic.reshape(analytic.length());
        for (long i = 0; i < flat.length(); i++) {
            double v = flat.getDouble(i);
            flat.putScalar(i, v + EPS);
            double up = loss.get();
            flat.putScalar(i, v - EPS);
            double down = loss.get();
            flat.putScalar(i, v);
            double numeric = (up - down) / (2 * EPS);
            double exact = grad.getDouble(i);
            double scale = Math.max(1.0, Math.max(Math.abs(numeric), Math.abs(exact)));
            assertThat(Math.abs(numeric - exact) / scale)
                    .as("%s[%d]: analytic %s, numeric %s", name, i, exact, numeric)
                    .isLessThan(1e-6);
        }
    }
}

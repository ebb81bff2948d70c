package io.statecast.model.layer;

import io.statecast.model.cell.Cell;
import io.statecast.model.cell.CellGrad;
import io.statecast.model.cell.CellState;
import io.statecast.model.cell.CellStep;
import io.statecast.model.cell.Cells;
import io.statecast.model.cell.ParamNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layers of cells stacked vertically: layer l+1 reads layer l's new hidden state, the top
 * layer's hidden state is the output. Steps optionally take a row mask so finished rows keep
 * their state and output zeros (TF's {@code dynamic_rnn} with {@code sequence_length}).
 * Stateless and thread-safe; the parameters are passed to every call.
 */
public final class StackedRnn {

    /** Seed used when the caller does not choose one, so runs are reproducible. */
    public static final long DEFAULT_SEED = 42L;

    private final RnnConfig config;
    private final List<Cell> cells;

    public StackedRnn(RnnConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
        List<Cell> list = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            list.add(Cells.create(config.cell(), config.activation(), l, config.layerInputSize(l),
                    config.hiddenSize()));
        }
        this.cells = List.copyOf(list);
    }

    /** The network's shape. */
    public RnnConfig config() {
        return config;
    }

    /** Cell of layer {@code l}. */
    public Cell cell(int l) {
        return cells.get(l);
    }

    /** Fresh parameters of every layer, insertion-ordered by layer, seeded. */
    public Map<String, INDArray> initParams(DataType dataType, long seed) {
        Map<String, INDArray> params = new LinkedHashMap<>();
        Random random = new Random(seed);
        for (Cell cell : cells) {
            cell.initParams(params, dataType, random);
        }
        return params;
    }

    /** The data type of the parameters (that of {@code layer0.W_ih}), which the math uses. */
    public static DataType dataType(Map<String, INDArray> params) {
        INDArray w = params == null ? null : params.get(ParamNames.wIh(0));
        if (w == null) {
            throw new IllegalArgumentException("missing parameter " + ParamNames.wIh(0));
        }
        return w.dataType();
    }

    /** All-zero state for {@code batch} rows. */
    public StackState zeroState(int batch, DataType dataType) {
        List<CellState> states = new ArrayList<>();
        for (Cell cell : cells) {
            states.add(cell.zeroState(batch, dataType));
        }
        return new StackState(states);
    }

    /** One step of every layer on x [batch, inputs], all rows active. */
    public StackStep step(Map<String, INDArray> params, INDArray x, StackState state) {
        return step(params, x, state, null);
    }

    /**
     * One step of every layer.
     *
     * @param mask [batch, 1] of 0/1: rows with 0 keep their state and output zeros; {@code null}
     *     means all rows are active
     */
    public StackStep step(Map<String, INDArray> params, INDArray x, StackState state,
            INDArray mask) {
        if (state.size() != cells.size()) {
            throw new IllegalArgumentException("state has " + state.size() + " layers, the "
                    + "network has " + cells.size());
        }
        List<CellStep> steps = new ArrayList<>();
        List<CellState> next = new ArrayList<>();
        INDArray input = x;
        for (int l = 0; l < cells.size(); l++) {
            CellStep s = cells.get(l).forward(params, input, state.layer(l));
            steps.add(s);
            next.add(mask == null ? s.next() : new CellState(
                    keep(s.prev().h(), s.next().h(), mask),
                    s.next().hasC() ? keep(s.prev().c(), s.next().c(), mask) : null));
            input = s.next().h();
        }
        INDArray output = mask == null ? input : input.mulColumnVector(mask);
        return new StackStep(steps, mask, output, new StackState(next));
    }

    /** prev where mask is 0, next where it is 1. */
    private static INDArray keep(INDArray prev, INDArray next, INDArray mask) {
        return next.sub(prev).muliColumnVector(mask).addi(prev);
    }

    /**
     * Backward of one {@link #step}: adds the parameter gradients into {@code grads}.
     *
     * @param dOutput dL/d(output) [batch, H]
     * @param dState dL/d(new state), per layer (c ignored for RNN/GRU)
     * @return dL/dx [batch, inputs] and dL/d(previous state)
     */
    public StackGrad backward(Map<String, INDArray> params, StackStep step, INDArray dOutput,
            StackState dState, Map<String, INDArray> grads) {
        INDArray mask = step.mask();
        List<CellState> dPrev = new ArrayList<>(cells.size());
        INDArray dFromAbove = dOutput;
        for (int l = cells.size() - 1; l >= 0; l--) {
            CellState dNext = dState.layer(l);
            INDArray dh = dNext.h().add(dFromAbove);
            INDArray dc = dNext.c();
            if (mask != null) {
                // Outputs and states of finished rows do not depend on this step.
                dh.muliColumnVector(mask);
                dc = dc == null ? null : dc.mulColumnVector(mask);
            }
            CellGrad g = cells.get(l).backward(params, step.cells().get(l), dh, dc, grads);
            INDArray dhPrev = g.dPrev().h();
            INDArray dcPrev = g.dPrev().c();
            if (mask != null) {
                dhPrev.addi(dNext.h().mulColumnVector(mask.rsub(1)));
                if (dcPrev != null && dNext.c() != null) {
                    dcPrev.addi(dNext.c().mulColumnVector(mask.rsub(1)));
                }
            }
            dPrev.add(0, new CellState(dhPrev, dcPrev));
            dFromAbove = g.dx();
        }
        return new StackGrad(dFromAbove, new StackState(dPrev));
    }
}

package io.statecast.model.cell;

import io.statecast.schemas.CellType;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One recurrent layer's cell: a forward step and its backward step on a batch, row-vector
 * convention ({@code pre = x·W_ih + b_ih + h·W_hh + b_hh}). A cell holds no parameters; it reads
 * {@code layer{l}.*} from the parameter map it is given (see {@link ParamNames}) and works in
 * the parameters' data type (FLOAT or DOUBLE). Cells are stateless and thread-safe.
 */
public interface Cell {

    /** Cell kind. */
    CellType type();

    /** Index of the layer whose parameters this cell reads. */
    int layer();

    /** Features per input row. */
    int inputSize();

    /** Hidden units H. */
    int hiddenSize();

    /** Number of gate blocks G along the G*H axis (RNN 1, LSTM 4, GRU 3). */
    int gates();

    /** Writes freshly initialised {@code layer{l}.*} parameters into {@code params}. */
    void initParams(Map<String, INDArray> params, DataType dataType, java.util.Random random);

    /** All-zero state for {@code batch} rows. */
    CellState zeroState(int batch, DataType dataType);

    /**
     * One step forward.
     *
     * @param x [batch, inputSize]
     * @param state previous state, [batch, H] each
     * @return the new state and what {@link #backward} needs
     */
    CellStep forward(Map<String, INDArray> params, INDArray x, CellState state);

    /**
     * One step backward. Adds the parameter gradients into {@code grads} under the parameter
     * names (creating zero entries when missing).
     *
     * @param dh dL/dh' [batch, H]
     * @param dc dL/dc' [batch, H] for LSTM (may be {@code null} = zero), ignored otherwise
     * @return dL/dx and dL/d(previous state)
     */
    CellGrad backward(Map<String, INDArray> params, CellStep step, INDArray dh, INDArray dc,
            Map<String, INDArray> grads);
}

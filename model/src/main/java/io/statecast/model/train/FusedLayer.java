package io.statecast.model.train;

import io.statecast.model.cell.ParamNames;
import io.statecast.model.layer.RnnConfig;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One recurrent layer's forward and BPTT over a window in FLOAT, time-major (row t·B + b): the
 * input projection of every step and, in backward, the weight gradients of the whole window are
 * one GEMM each; per step there is one GEMM with W_hh and a fused Java gate loop
 * ({@link FusedGates}). Buffers are allocated for one (batch, steps) shape and reused.
 */
final class FusedLayer {

    final int batch;
    final int steps;
    final int hidden;
    final int inputs;
    final int width;
    final FusedGates gates;

    // Forward: states h_0 .. h_n (native for GEMM, Java for the gate loops), projections.
    final NativeBlocks hs;
    final float[] h;
    final float[] c;
    final NativeBlocks pre;
    final NativeBlocks preH;
    final float[] preRow;
    final float[] preHRow;
    final float[] saved;

    // Backward: running dL/dh and dL/dc, pre-activation gradients per step.
    final float[] dh;
    final float[] dc;
    final float[] dPreRow;
    final float[] dPreHRow;
    final NativeBlocks dPre;
    final NativeBlocks dPreH;
    final NativeBlocks dhPrev;
    final NativeBlocks dInputs;
    private final NativeBlocks ones;

    private final String wIh;
    private final String wHh;
    private final String bIh;
    private final String bHh;

    FusedLayer(RnnConfig config, int layer, int batch, int steps) {
        this.batch = batch;
        this.steps = steps;
        this.hidden = config.hiddenSize();
        this.inputs = config.layerInputSize(layer);
        this.width = config.gates() * hidden;
        this.gates = FusedGates.create(config, this);
        int bh = batch * hidden;
        int bw = batch * width;
        hs = new NativeBlocks(steps + 1, bh);
        h = new float[(steps + 1) * bh];
        c = gates.hasCell() ? new float[(steps + 1) * bh] : null;
        pre = new NativeBlocks(steps, bw);
        preH = gates.separateHidden() ? new NativeBlocks(steps, bw) : pre;
        preRow = new float[bw];
        preHRow = new float[bw];
        saved = new float[steps * bw + (gates.savesExtra() ? steps * bh : 0)];
        dh = new float[bh];
        dc = new float[bh];
        dPreRow = new float[bw];
        dPreHRow = new float[bw];
        dPre = new NativeBlocks(steps, bw);
        dPreH = gates.separateHidden() ? new NativeBlocks(steps, bw) : dPre;
        dhPrev = new NativeBlocks(1, bh);
        dInputs = layer > 0 ? new NativeBlocks(steps, batch * inputs) : null;
        ones = new NativeBlocks(1, steps * batch);
        ones.fill(1, 1f);
        wIh = ParamNames.wIh(layer);
        wHh = ParamNames.wHh(layer);
        bIh = ParamNames.bIh(layer);
        bHh = ParamNames.bHh(layer);
    }

    /**
     * Runs the window.
     *
     * @param input [steps·batch, inputs], time-major
     * @param h0 initial h [batch·H] (c0 likewise for LSTM, else null)
     */
    void forward(Map<String, INDArray> params, FloatPointer input, float[] h0, float[] c0) {
        gates.loadBiases(params.get(bIh), params.get(bHh));
        int bh = batch * hidden;
        System.arraycopy(h0, 0, h, 0, bh);
        hs.write(0, h, 0);
        if (c != null) {
            System.arraycopy(c0, 0, c, 0, bh);
        }
        FloatPointer wHhPointer = NativeBlocks.pointer(params.get(wHh), wHh);
        NativeBlocks.gemm(false, false, steps * batch, width, inputs, input,
                NativeBlocks.pointer(params.get(wIh), wIh), 0f, pre.at(0));
        for (int t = 0; t < steps; t++) {
            boolean apart = preH != pre;
            NativeBlocks.gemm(false, false, batch, width, hidden, hs.at(t), wHhPointer,
                    apart ? 0f : 1f, preH.at(t));
            pre.read(t, preRow, 0);
            if (apart) {
                preH.read(t, preHRow, 0);
            }
            gates.forward(t);
            hs.write(t + 1, h, (t + 1) * bh);
        }
    }

    /**
     * Backpropagates through the window and writes (overwrites) this layer's gradients.
     *
     * @param dOutputs dL/dh_t for t = 1..n from above [steps·batch, H] time-major, or null
     * @param dFinal dL/dh_n from the head [batch·H], or null
     * @param input the forward input, for dL/dW_ih
     */
    void backward(Map<String, INDArray> params, NativeBlocks dOutputs, float[] dFinal,
            FloatPointer input, Map<String, INDArray> grads) {
        int bh = batch * hidden;
        java.util.Arrays.fill(dh, 0f);
        java.util.Arrays.fill(dc, 0f);
        if (dFinal != null) {
            System.arraycopy(dFinal, 0, dh, 0, bh);
        }
        FloatPointer wHhPointer = NativeBlocks.pointer(params.get(wHh), wHh);
        for (int t = steps - 1; t >= 0; t--) {
            if (dOutputs != null) {
                dOutputs.read(t, preRow, 0);
                for (int i = 0; i < bh; i++) {
                    dh[i] += preRow[i];
                }
            }
            gates.backward(t);
            dPre.write(t, dPreRow, 0);
            if (dPreH != dPre) {
                dPreH.write(t, dPreHRow, 0);
            }
            // dh now holds the direct path to h_{t-1} (GRU's z⊙dh, else 0); add dPreH·W_hhᵀ.
            NativeBlocks.gemm(false, true, batch, hidden, width, dPreH.at(t), wHhPointer, 0f,
                    dhPrev.at(0));
            dhPrev.read(0, preRow, 0);
            for (int i = 0; i < bh; i++) {
                dh[i] += preRow[i];
            }
        }
        int rows = steps * batch;
        gradient(grads, wIh, true, inputs, width, rows, input, dPre.at(0));
        gradient(grads, wHh, true, hidden, width, rows, hs.at(0), dPreH.at(0));
        gradient(grads, bIh, false, 1, width, rows, ones.at(0), dPre.at(0));
        gradient(grads, bHh, false, 1, width, rows, ones.at(0), dPreH.at(0));
        if (dInputs != null) {
            NativeBlocks.gemm(false, true, rows, inputs, width, dPre.at(0),
                    NativeBlocks.pointer(params.get(wIh), wIh), 0f, dInputs.at(0));
        }
    }

    /** grads[name] = aᵀ·b over all rows (a is [rows, m], or the ones row for a bias). */
    private static void gradient(Map<String, INDArray> grads, String name, boolean transposeA,
            int m, int n, int rows, FloatPointer a, FloatPointer b) {
        NativeBlocks.gemm(transposeA, false, m, n, rows, a, b, 0f,
                NativeBlocks.pointer(grads.get(name), name));
    }

    /** h_n, [batch·H]. */
    void finalHidden(float[] dst) {
        System.arraycopy(h, steps * batch * hidden, dst, 0, batch * hidden);
    }

    /** c_n, [batch·H] (LSTM only). */
    void finalCell(float[] dst) {
        System.arraycopy(c, steps * batch * hidden, dst, 0, batch * hidden);
    }
}

package io.statecast.model.cell;

/** The one naming of recurrent parameters shared by cells, snapshots and the PyTorch import. */
public final class ParamNames {

    private ParamNames() {
    }

    /** {@code layer{l}.W_ih}, shape [inputs_l, G*H]. */
    public static String wIh(int layer) {
        return "layer" + layer + ".W_ih";
    }

    /** {@code layer{l}.W_hh}, shape [H, G*H]. */
    public static String wHh(int layer) {
        return "layer" + layer + ".W_hh";
    }

    /** {@code layer{l}.b_ih}, shape [1, G*H]. */
    public static String bIh(int layer) {
        return "layer" + layer + ".b_ih";
    }

    /** {@code layer{l}.b_hh}, shape [1, G*H]. */
    public static String bHh(int layer) {
        return "layer" + layer + ".b_hh";
    }
}

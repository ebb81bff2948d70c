package io.statecast.model.engine;

/**
 * Branch-free float tanh and sigmoid for the gate loops of the engine and the fused trainer:
 * a [13/6] rational approximation of tanh (the one Eigen uses for float), clamped where tanh rounds to ±1 in
 * float. Branch-free so C2 vectorises the loops that call it; max |error| vs {@link Math#tanh}
 * is a few float ulps (checked in the tests), far below the model's noise.
 */
public final class FastActivations {

    /** Beyond this |x|, tanh(x) rounds to ±1 in float. */
    private static final float CLAMP = 7.90531110763549805f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float A11 = 2.00018790482477e-13f;
    private static final float A9 = -8.60467152213735e-11f;
    private static final float A7 = 5.12229709037114e-08f;
    private static final float A5 = 1.48572235717979e-05f;
    private static final float A3 = 6.37261928875436e-04f;
    private static final float A1 = 4.89352455891786e-03f;
    private static final float B6 = 1.19825839466702e-06f;
    private static final float B4 = 1.18534705686654e-04f;
    private static final float B2 = 2.26843463243900e-03f;
    private static final float B0 = 4.89352518554385e-03f;

    private FastActivations() {
    }

    public static float tanh(float v) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, v));
        float x2 = x * x;
        float p = A13;
        p = p * x2 + A11;
        p = p * x2 + A9;
        p = p * x2 + A7;
        p = p * x2 + A5;
        p = p * x2 + A3;
        p = p * x2 + A1;
        float q = B6;
        q = q * x2 + B4;
        q = q * x2 + B2;
        q = q * x2 + B0;
        return x * p / q;
    }

    /** out[j] = tanh(a[j]) for j < n; one short loop, so C2 unrolls and vectorises it. */
    static void tanh(float[] a, float[] out, int n) {
        for (int j = 0; j < n; j++) {
            out[j] = tanh(a[j]);
        }
    }

    /** σ(x) = (1 + tanh(x/2)) / 2. */
    public static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }
}

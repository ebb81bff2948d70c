package io.statecast.model.train;

import io.statecast.model.optim.Adam;
import io.statecast.model.optim.Optimizer;
import io.statecast.model.optim.Sgd;

/** The optimizers the trainer can use. */
public enum OptimizerKind {
    /** {@link Adam} with β1 0.9, β2 0.999, ε 1e-8. */
    ADAM,
    /** {@link Sgd}, with momentum when the config's momentum is above 0. */
    SGD;

    /** A fresh optimizer of this kind. */
    Optimizer create(double learningRate, double momentum) {
        return this == ADAM ? new Adam(learningRate) : new Sgd(learningRate, momentum);
    }
}

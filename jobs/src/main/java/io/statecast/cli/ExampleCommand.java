package io.statecast.cli;

import io.statecast.model.examples.GeronSeedExample;
import io.statecast.model.examples.GeronTimeSeriesExample;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code statecast example}: the RNN chapter's listings (Géron, Hands-On ML, ch. 14), runnable. */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Run a listing of the RNN chapter (Géron, Hands-On Machine Learning, ch. 14) on ND4J.",
        subcommands = {ExampleCommand.Seed.class, ExampleCommand.Geron.class})
final class ExampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = {"The manual two-step RNN (3 inputs, 5 tanh neurons) on the chapter's mini-batch, its "
                    + "static unroll and its dynamic unroll: all three give the same outputs, and the final "
                    + "state equals the last output."})
    static final class Seed implements Callable<Integer> {
        @Override
        public Integer call() {
            boolean agree = new GeronSeedExample().run(new PrintStream(System.out, true));
            return agree ? ExitCodes.OK : ExitCodes.INTERNAL;
        }
    }

    @Command(name = "geron", mixinStandardHelpOptions = true,
            description = {"The chapter's time-series setup: t·sin(t)/3 + 2·sin(5t) on [0, 30) at 0.1, random "
                    + "20-step windows predicting the series shifted by one step, 100 ReLU units with an output "
                    + "projection, Adam (lr 0.001), batch 50, 1500 iterations; prints the MSE every 100."})
    static final class Geron implements Callable<Integer> {
        @Override
        public Integer call() {
            GeronTimeSeriesExample.Result r = new GeronTimeSeriesExample().run(new PrintStream(System.out, true));
            return r.reachesTarget() ? ExitCodes.OK : ExitCodes.INTERNAL;
        }
    }
}

package io.statecast.cli;

import io.statecast.cli.offline.BacktestCommand;
import io.statecast.cli.offline.TrainCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code statecast}: the command-line entry point (main class of the shaded jar). */
@Command(name = "statecast", mixinStandardHelpOptions = true, version = "statecast 0.1.0",
        description = "Streaming forecaster on Flink and Kafka: a local broker, events in and out, the forecast job, "
                + "offline training and backtests, the RNN chapter's examples.",
        subcommands = {KafkaCommand.class, ProduceCommand.class, TailCommand.class, ForecastJobCommand.class,
                TrainerJobCommand.class, SubmitCommand.class, CancelCommand.class, DemoCommand.class,
                TrainCommand.class, BacktestCommand.class,
                ModelCommand.class, ExampleCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:bad input data (a bad line with --strict)",
                "2:wrong usage (option, file or topic)", "3:broker unreachable, send failed or I/O error",
                "4:unexpected error (a bug; --verbose shows the stack trace)",
                "5:the Flink cluster rejected the request (its reason is printed)"})
public final class StatecastCli {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Statecast's error handling; tests and benchmarks execute through this. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new StatecastCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(StatecastCli::handle);
        cli.setParameterExceptionHandler(StatecastCli::handleUsage);
        cli.getSubcommands().get("forecast-job").getCommandSpec().usageMessage()
                .footer(ForecastJobCommand.optionsFooter());
        cli.getSubcommands().get("trainer-job").getCommandSpec().usageMessage()
                .footer(TrainerJobCommand.optionsFooter());
        // Job options (--key value) after the job name go to the job, not to submit.
        cli.getSubcommands().get("submit").setUnmatchedOptionsArePositionalParams(true);
        return cli;
    }

    /** A usage error: the problem and where to find help, not the whole usage text. */
    private static int handleUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                + " (see: " + cmd.getCommandSpec().qualifiedName() + " --help)");
        cmd.getErr().flush();
        return ExitCodes.USAGE;
    }

    /** One line on stderr per error, the exit code by kind; the stack trace only with --verbose. */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean verbose = false;
        for (CommandLine.ParseResult pr = parsed; pr != null; pr = pr.subcommand()) {
            verbose |= pr.hasMatchedOption("--verbose");
        }
        int code;
        String message;
        if (e instanceof CliException cli) {
            code = cli.exitCode();
            message = cli.getMessage();
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            code = ExitCodes.UNAVAILABLE;
            message = "I/O error: " + e.getMessage();
        } else {
            code = ExitCodes.INTERNAL;
            message = "unexpected error: " + e;
        }
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);
        if (verbose) {
            e.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return code;
    }
}

package io.statecast.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.flink.client.cli.CliArgsException;
import org.apache.flink.client.cli.CliFrontendParser;
import org.apache.flink.client.cli.DefaultCLI;
import org.apache.flink.client.cli.ProgramOptions;

/**
 * One {@code flink run} line of a shell script, parsed by Flink's own CLI parser (the run options plus
 * the default command line's {@code -m}/{@code -D}), so an option Flink 2.x does not know fails here.
 */
record FlinkRunCommand(String entryClass, String jar, List<String> jobArgs, boolean detached) {

    /** Every {@code flink run ...} line of {@code script} (one command per line, no continuations). */
    static List<FlinkRunCommand> findAll(String script) {
        List<FlinkRunCommand> commands = new ArrayList<>();
        for (String line : script.split("\n")) {
            List<String> tokens = Arrays.asList(line.trim().split("\\s+"));
            if (tokens.size() > 2 && tokens.get(0).equals("flink") && tokens.get(1).equals("run")) {
                commands.add(parse(tokens.subList(2, tokens.size()).toArray(String[]::new)));
            }
        }
        return commands;
    }

    private static FlinkRunCommand parse(String[] args) {
        Options options = CliFrontendParser.getRunCommandOptions();
        DefaultCLI defaults = new DefaultCLI();
        defaults.addGeneralOptions(options);
        defaults.addRunOptions(options);
        try {
            CommandLine line = CliFrontendParser.parse(options, args, true);
            ProgramOptions program = ProgramOptions.create(line);
            program.validate();
            // Flink's parser stops at the first token it does not know and takes it for the jar.
            if (program.getEntryPointClassName() == null || !program.getJarFilePath().endsWith(".jar")) {
                throw new IllegalArgumentException("flink run " + String.join(" ", args) + ": expected "
                        + "options, -c CLASS, then the jar; Flink's parser took '" + program.getJarFilePath()
                        + "' for the jar (an unknown option?)");
            }
            return new FlinkRunCommand(program.getEntryPointClassName(), program.getJarFilePath(),
                    List.of(program.getProgramArgs()), program.getDetachedMode());
        } catch (CliArgsException e) {
            throw new IllegalArgumentException("flink run " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
    }
}

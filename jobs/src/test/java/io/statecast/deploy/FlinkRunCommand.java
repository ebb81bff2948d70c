package io.statecast.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One {@code flink run} line of a shell script, split into its client options, entry class, jar and
 * the job's own arguments (everything after the jar, as {@code flink run} passes them).
 */
record FlinkRunCommand(String entryClass, String jar, List<String> jobArgs, boolean detached) {

    /** Every {@code flink run ...} line of {@code script} (one command per line, no continuations). */
    static List<FlinkRunCommand> findAll(String script) {
        List<FlinkRunCommand> commands = new ArrayList<>();
        for (String line : script.split("\n")) {
            List<String> tokens = Arrays.asList(line.trim().split("\\s+"));
            if (tokens.size() > 2 && tokens.get(0).equals("flink") && tokens.get(1).equals("run")) {
                commands.add(parse(tokens.subList(2, tokens.size())));
            }
        }
        return commands;
    }

    private static FlinkRunCommand parse(List<String> tokens) {
        String entryClass = null;
        boolean detached = false;
        int i = 0;
        while (i < tokens.size() && tokens.get(i).startsWith("-")) {
            switch (tokens.get(i)) {
                case "-c", "--class" -> entryClass = tokens.get(++i);
                case "-d", "--detached" -> detached = true;
                case "-m", "--jobmanager", "-p", "--parallelism", "-s", "--fromSavepoint", "-D" -> i++;
                default -> throw new IllegalArgumentException("unexpected flink run option " + tokens.get(i));
            }
            i++;
        }
        if (entryClass == null || i >= tokens.size()) {
            throw new IllegalArgumentException("flink run needs -c CLASS and a jar: " + tokens);
        }
        return new FlinkRunCommand(entryClass, tokens.get(i), List.copyOf(tokens.subList(i + 1, tokens.size())),
                detached);
    }
}

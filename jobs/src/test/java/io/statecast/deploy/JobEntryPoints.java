package io.statecast.deploy;

import io.statecast.jobs.forecast.ForecastJob;
import io.statecast.jobs.forecast.ForecastOptions;
import io.statecast.jobs.trainer.TrainerJob;
import io.statecast.jobs.trainer.TrainerOptions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;

/**
 * Checks what a deployment file asks a Flink client to run: the entry class exists on the jobs
 * module's classpath with a {@code public static void main(String[])}, and every {@code --key value}
 * argument is an option of that job ({@link ForecastOptions}, {@link TrainerOptions}, or {@code kafka.*}).
 */
final class JobEntryPoints {

    private static final Map<String, List<ConfigOption<?>>> OPTIONS = Map.of(
            ForecastJob.class.getName(), ForecastOptions.all(),
            TrainerJob.class.getName(), TrainerOptions.all());
    private static final String KAFKA_PREFIX = "kafka.";

    private JobEntryPoints() {}

    /** The problems with running {@code entryClass} with {@code args}; empty if none. */
    static List<String> problems(String entryClass, List<String> args) {
        List<String> problems = new ArrayList<>();
        try {
            Method main = Class.forName(entryClass).getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers()) || main.getReturnType() != void.class) {
                problems.add(entryClass + ".main is not 'public static void main(String[])'");
            }
        } catch (ClassNotFoundException e) {
            problems.add("entry class " + entryClass + " is not on the jobs classpath");
            return problems;
        } catch (NoSuchMethodException e) {
            problems.add(entryClass + " has no public main(String[])");
            return problems;
        }
        List<ConfigOption<?>> options = OPTIONS.get(entryClass);
        if (options == null) {
            problems.add(entryClass + " is not a Statecast job; expected one of " + OPTIONS.keySet());
            return problems;
        }
        Set<String> keys = options.stream().map(ConfigOption::key).collect(Collectors.toSet());
        for (int i = 0; i < args.size(); i += 2) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || i + 1 >= args.size()) {
                problems.add("job arguments must be '--key value' pairs, got '" + arg + "' at " + i
                        + " in " + args);
                continue;
            }
            String key = arg.substring(2);
            if (!keys.contains(key) && !key.startsWith(KAFKA_PREFIX)) {
                problems.add(key + " is not an option of " + entryClass + " (" + keys + ")");
            }
        }
        return problems;
    }
}

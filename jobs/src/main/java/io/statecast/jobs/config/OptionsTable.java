package io.statecast.jobs.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.util.TimeUtils;

/** Renders typed job options as the Markdown table the README carries (a test keeps the two equal). */
public final class OptionsTable {

    private OptionsTable() {}

    public static String markdown(List<ConfigOption<?>> options) {
        StringBuilder sb = new StringBuilder("| option | default | description |\n|---|---|---|\n");
        HtmlFormatter formatter = new HtmlFormatter();
        for (ConfigOption<?> o : options) {
            String def = o.hasDefaultValue() ? render(o.defaultValue()) : "(none)";
            sb.append("| `").append(o.key()).append("` | `").append(def).append("` | ")
                    .append(formatter.format(o.description()).replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    /** The same options as indented text for a command's --help. */
    public static String plainText(List<ConfigOption<?>> options) {
        StringBuilder sb = new StringBuilder();
        HtmlFormatter formatter = new HtmlFormatter();
        for (ConfigOption<?> o : options) {
            String def = o.hasDefaultValue() ? render(o.defaultValue()) : "(none)";
            sb.append(String.format("  %-26s %s%n      %s%n", o.key(), "default: " + def,
                    formatter.format(o.description())));
        }
        return sb.toString();
    }

    private static String render(Object value) {
        return value instanceof Duration d ? TimeUtils.formatWithHighestUnit(d) : String.valueOf(value);
    }
}

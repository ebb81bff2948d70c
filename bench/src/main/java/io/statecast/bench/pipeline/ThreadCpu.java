package io.statecast.bench.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CPU time this JVM's threads spent between two points, summed per stage: a task thread's name without its
 * subtask index ("rnn forecast (1/2)#0" and "(2/2)#0" are one stage), other threads' names without their
 * numbers. Events/s on a shared machine vary with what else runs; CPU time per event does much less, and
 * split by thread it says which stage costs what.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Pattern SUBTASK = Pattern.compile("\\s*\\(\\d+/\\d+\\)(#\\d+)?");
    private static final Pattern NUMBERS = Pattern.compile("[-#]?\\d+");

    /** Thread id → CPU nanoseconds at construction. */
    private final Map<Long, Long> start = cpuByThread();

    /** CPU nanoseconds per stage since construction, of the threads alive now (a thread that ended is lost). */
    Map<String, Long> sinceStart() {
        Map<String, Long> byStage = new TreeMap<>();
        Map<Long, Long> now = cpuByThread();
        for (ThreadInfo info : THREADS.getThreadInfo(now.keySet().stream().mapToLong(Long::longValue).toArray())) {
            if (info == null) {
                continue;
            }
            long used = now.get(info.getThreadId()) - start.getOrDefault(info.getThreadId(), 0L);
            byStage.merge(stage(info.getThreadName()), used, Long::sum);
        }
        return byStage;
    }

    static String stage(String threadName) {
        String task = SUBTASK.matcher(threadName).replaceAll("");
        return task.equals(threadName) ? NUMBERS.matcher(threadName).replaceAll("").strip() : task.strip();
    }

    /**
     * The stages that used at least {@code minShare} of the total, as nanoseconds per event, costliest
     * first, then the total; e.g. "total 5 412 ns/event: rnn forecast 2 310, sequence windowing 1 480, …".
     */
    static String perEvent(Map<String, Long> byStage, long events, double minShare) {
        long total = byStage.values().stream().mapToLong(Long::longValue).sum();
        String stages = byStage.entrySet().stream()
                .filter(e -> e.getValue() >= minShare * total)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format("%s %,.0f", e.getKey(), (double) e.getValue() / events))
                .collect(Collectors.joining(", "));
        return String.format("total %,.0f ns/event: %s", (double) total / events, stages);
    }

    private static Map<Long, Long> cpuByThread() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }
}

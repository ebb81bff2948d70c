package io.statecast.bench.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Pins this JVM's threads to CPUs with {@code taskset} (util-linux); threads started later inherit it. */
final class CpuPinning {

    private CpuPinning() {}

    static void pinThisJvm(String cpus) throws IOException, InterruptedException {
        Process taskset;
        try {
            String pid = Long.toString(ProcessHandle.current().pid());
            taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, pid).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("--job-cpus needs taskset (package util-linux) on the PATH", e);
        }
        String out = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!taskset.waitFor(30, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
            throw new IllegalStateException("taskset could not pin this JVM to CPUs " + cpus + ": " + out.strip());
        }
    }
}

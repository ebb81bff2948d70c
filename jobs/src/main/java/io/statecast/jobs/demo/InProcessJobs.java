package io.statecast.jobs.demo;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CheckpointFailureManager;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Stopping the jobs the demo and the CLI run in this process. */
public final class InProcessJobs {

    private InProcessJobs() {}

    /**
     * Cancels {@code job} unless it has ended, and waits for it. Cancelling fails the checkpoint Flink may
     * be triggering at that moment, which its CheckpointFailureManager logs as a WARN with a stack trace
     * ("Periodic checkpoint scheduler is shut down"): expected once we stop, so the console is spared it.
     */
    public static void cancel(JobClient job) throws Exception {
        if (job.getJobStatus().get().isTerminalState()) {
            return;
        }
        Configurator.setLevel(CheckpointFailureManager.class.getName(), Level.ERROR);
        job.cancel().get();
    }
}

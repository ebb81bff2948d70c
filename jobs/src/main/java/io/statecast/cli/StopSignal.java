package io.statecast.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) as a request to stop: the shutdown hook sets a flag and then waits, at most
 * the grace period, until the command has finished cleanly ({@link #close()}).
 */
final class StopSignal implements AutoCloseable {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    StopSignal(Duration grace) {
        hook = new Thread(() -> {
            requested.countDown();
            try {
                done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "statecast-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean stopRequested() {
        return requested.getCount() == 0;
    }

    /** Blocks until a stop is requested. */
    void await() throws InterruptedException {
        requested.await();
    }

    @Override
    public void close() {
        done.countDown();
        if (!stopRequested()) {
            // Not shutting down: the hook is ours to remove (removing during shutdown would throw).
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }
}

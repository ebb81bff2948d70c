package io.statecast.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.schemas.ValueTransform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.checkpoint.CheckpointFailureManager;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@code ./statecast demo} runs, small: an embedded broker, a quickly trained model, the ForecastJob
 * and the TrainerJob on a MiniCluster, the generator and the live console. Stopped as Ctrl-C stops it,
 * once the console has shown sample forecasts; the last forecasts are read before the summary.
 */
@Timeout(180)
class DemoITCase {

    private static final Pattern DONE = Pattern.compile("Done: ([\\d,]+) events sent, ([\\d,]+) forecasts read\\.");

    @Test
    void streamsForecastsToTheConsoleAndStopsCleanlyOnRequest() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int series = 20;
        int window = 10;
        Demo demo = new Demo(new Demo.Settings(DemoData.synthetic(series, 400, 600, 42), series * 10.0,
                Duration.ofMinutes(5), window, 20, 2, ValueTransform.DIFFERENCE), out);

        CompletableFuture<Long> run = CompletableFuture.supplyAsync(() -> {
            try {
                return demo.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // Sample forecasts come with every fifth report (10 s).
        while (!text(bytes).contains(" after step ") && !run.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(text(bytes)).as("the console showed sample forecasts before the stop").contains(" after step ");
        demo.stop();
        long forecasts = run.get(60, TimeUnit.SECONDS);

        String console = text(bytes);
        assertThat(console).contains("Model v1 ready", "ForecastJob ", "TrainerJob ", "event->forecast p50",
                " after step ", "Online MAE of model v1: ", "naive forecast (last value): ");
        Matcher done = DONE.matcher(console);
        assertThat(done.find()).as(console).isTrue();
        long sent = Long.parseLong(done.group(1).replace(",", ""));
        assertThat(Long.parseLong(done.group(2).replace(",", ""))).isEqualTo(forecasts);
        // A forecast per completed window of a series, never more.
        assertThat(forecasts).isPositive().isLessThanOrEqualTo(sent / window);
        // The checkpoint the cancel may interrupt is not reported as a failure on the console.
        assertThat(LogManager.getLogger(CheckpointFailureManager.class).isEnabled(Level.WARN)).isFalse();
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

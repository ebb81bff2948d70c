package io.statecast.jobs.forecast;

import static io.statecast.jobs.forecast.ForecastJobFixture.N;
import static io.statecast.jobs.testing.SharedLocalKafka.SASL_LISTENER;
import static io.statecast.jobs.testing.SharedLocalKafka.SASL_PASSWORD;
import static io.statecast.jobs.testing.SharedLocalKafka.SASL_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statecast.jobs.testing.SharedLocalKafka;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ForecastJob against a SASL/PLAIN listener, secured through nothing but {@code kafka.}-prefixed
 * options: with the right credentials it reads events and writes forecasts there; with a wrong password
 * it fails at once with Kafka's authentication error instead of waiting for a broker it may not use.
 */
@Timeout(120)
class SecuredKafkaITCase extends ForecastJobTestBase {

    @Test
    void forecastsThroughASaslPlainListener() throws Exception {
        try (ForecastJobFixture fx = newFixture()) {
            secure(fx, SASL_PASSWORD);
            fx.series.produceRows(fx.io, fx.topics.events(), 0, ROWS);
            fx.series.produceRelease(fx.io, fx.topics.events());
            JobClient job = fx.start(ForecastJobFixture.flink(Duration.ofMillis(300)), 2);
            fx.awaitForecasts(fx.expected.count(ROWS));
            fx.stopWithSavepoint(job);

            fx.expected.assertExactly(fx.allForecasts(), ROWS);
        }
    }

    @Test
    void aWrongPasswordFailsTheJobWithAnAuthenticationError() throws Exception {
        try (ForecastJobFixture fx = newFixture()) {
            secure(fx, "not-" + SASL_PASSWORD);
            JobClient job = fx.start(ForecastJobFixture.flink(Duration.ofMillis(300)), 2);

            assertThatThrownBy(() -> job.getJobExecutionResult().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(ExceptionUtils.stringifyException(e))
                            .contains("SaslAuthenticationException")
                            .contains("Invalid username or password"));
        }
    }

    /** Points the job at the SASL listener; only kafka.-prefixed options carry the security settings. */
    private static void secure(ForecastJobFixture fx, String password) {
        fx.options.set(ForecastOptions.BOOTSTRAP_SERVERS, KAFKA.get().bootstrapServers(SASL_LISTENER));
        fx.options.setString("kafka.security.protocol", "SASL_PLAINTEXT");
        fx.options.setString("kafka.sasl.mechanism", "PLAIN");
        fx.options.setString("kafka.sasl.jaas.config", SharedLocalKafka.plainJaasConfig(SASL_USER, password));
    }
}

package io.statecast.jobs.testing;

import io.statecast.kafka.LocalKafka;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LocalKafka} for every test class of a run that registers this extension
 * ({@code @RegisterExtension static final SharedLocalKafka KAFKA = new SharedLocalKafka();}): the
 * broker (≈ 10 s to start on a busy 2-core machine) starts once, lives in JUnit's root store and is
 * closed when the whole run ends. Tests stay apart through topics, groups and transactional ids of
 * their own.
 *
 * <p>Besides the plaintext listener it has a SASL/PLAIN listener {@value #SASL_LISTENER} that knows
 * one user, {@value #SASL_USER}, with password {@value #SASL_PASSWORD}.
 */
public final class SharedLocalKafka implements BeforeAllCallback {

    public static final String SASL_LISTENER = "SASL";
    public static final String SASL_USER = "statecast";
    public static final String SASL_PASSWORD = "statecast-secret";
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedLocalKafka.class);

    private LocalKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store closes AutoCloseable values at the end of the run.
        kafka = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(LocalKafka.class, type -> start(), LocalKafka.class);
    }

    private static LocalKafka start() {
        return LocalKafka.builder()
                .listener(SASL_LISTENER, "SASL_PLAINTEXT", 0)
                .brokerProperty("sasl.enabled.mechanisms", "PLAIN")
                // The broker's PLAIN server reads its users from the listener's JAAS entry.
                .brokerProperty("listener.name." + SASL_LISTENER.toLowerCase() + ".plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + SASL_USER
                                + "=\"" + SASL_PASSWORD + "\";")
                .start();
    }

    /** The broker; only valid once JUnit has run {@link #beforeAll}. */
    public LocalKafka get() {
        if (kafka == null) {
            throw new IllegalStateException(
                    "register SharedLocalKafka with @RegisterExtension on a static field");
        }
        return kafka;
    }

    /** {@code sasl.jaas.config} of a PLAIN client logging in as {@code user}. */
    public static String plainJaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }
}

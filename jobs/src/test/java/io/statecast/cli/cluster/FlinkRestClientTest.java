package io.statecast.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlinkRestClientTest {

    @Test
    void summaryIsTheRootCauseOfTheServersTrace() {
        String answer = "<Exception on server side:\norg.apache.flink.runtime.rest.handler.RestHandlerException: "
                + "Could not execute application.\n\tat org.apache.flink.X.run(X.java:1)\nCaused by: "
                + "org.apache.flink.client.program.ProgramInvocationException: The main method caused an error\n"
                + "\t... 3 more\nCaused by: java.nio.file.NoSuchFileException: /tmp/m.snapshot\n\nEnd of exception";
        assertThat(FlinkRestClient.summary(answer)).isEqualTo("java.nio.file.NoSuchFileException: /tmp/m.snapshot");
        assertThat(FlinkRestClient.summary("Jar file x.jar does not exist\n\tat A.b(A.java:1)"))
                .isEqualTo("Jar file x.jar does not exist");
    }

    @Test
    void rejectsAnAddressWithoutPort() {
        assertThatThrownBy(() -> new FlinkRestClient("localhost", Duration.ofSeconds(1)))
                .hasMessageContaining("HOST:PORT").hasMessageContaining("'localhost'");
    }

    @Test
    void anUnreachableJobManagerIsNamed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        FlinkRestClient client = new FlinkRestClient("127.0.0.1:" + closedPort, Duration.ofSeconds(2));
        assertThatThrownBy(() -> client.jobState("0123456789abcdef0123456789abcdef"))
                .isInstanceOfSatisfying(FlinkRestException.class, e -> assertThat(e.unreachable()).isTrue())
                .hasMessageContaining("127.0.0.1:" + closedPort);
    }
}

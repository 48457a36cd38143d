package io.codinspect.supervisor.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codinspect.supervisor.SupervisorException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunnerBoundaryTest {

    @Test
    void aRunnerThatNeverAnswersFailsTheFirstCallInWordsOnceTheStartWaitIsOver() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free again: nothing listens there
        }
        var boundary = new RunnerBoundary(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1));

        var started = System.nanoTime();
        assertThatThrownBy(() -> boundary.run(List.of("true"), Path.of("/"), Map.of(), Duration.ofSeconds(5)))
                .isInstanceOf(SupervisorException.class)
                .hasMessageContaining("runner at http://127.0.0.1:" + port)
                .hasMessageContaining("did not answer within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        boundary.close(); // telling an absent runner it is done only logs
    }
}

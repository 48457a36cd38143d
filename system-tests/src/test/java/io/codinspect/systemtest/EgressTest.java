package io.codinspect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.llm.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Acceptance (issue 12, egress): the agent's shell reaches an allowed host through the control
 * plane's egress proxy, which its environment names, and is refused another, which its session's
 * timeline shows. The allowed host is a local HTTP server on 127.0.0.2, which {@link LocalSystem}
 * allows by address on any port (not {@code localhost} or 127.0.0.1: those are in the sandbox's
 * {@code NO_PROXY}, so curl would not use the proxy for them).
 */
@ExtendWith(SharedSystem.class)
class EgressTest {

    private static final Duration TURN = Duration.ofSeconds(90);

    private static HttpServer allowed;
    private static final List<String> connectionHeaders = new CopyOnWriteArrayList<>();
    private static LocalSystem system;
    private static ApiClient alice;

    @BeforeAll
    static void start(LocalSystem shared) throws IOException {
        system = shared;
        allowed = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 8);
        allowed.createContext("/hello", exchange -> {
            connectionHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Connection")));
            var body = "hello from the allowed host\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        allowed.start();
        alice = system.newUser("Alice Egress", "alice-egress", "alice-egress@example.com");
    }

    @AfterAll
    static void stop() {
        allowed.stop(0);
    }

    @Test
    void theAgentsShellReachesAnAllowedHostThroughTheProxyAndARefusedOneShowsInTheTimeline() {
        var origin = GitRepo.create(system.folder("egress").resolve("origin"));
        var url = "http://127.0.0.2:" + allowed.getAddress().getPort() + "/hello";
        system.llm()
                .script(
                        "check-egress",
                        Reply.tool(
                                "bash",
                                Map.of(
                                        "command",
                                        "curl -sS --max-time 20 " + url,
                                        "description",
                                        "Fetch the allowed host")),
                        Reply.tool(
                                "bash",
                                Map.of(
                                        "command",
                                        "curl -sS --max-time 20 https://blocked.example.com/ 2>&1; echo \"exit $?\"",
                                        "description",
                                        "Fetch a host that is not allowed")),
                        Reply.text("One host answered, the other was refused."));
        try (var session = TestSession.open(system, alice, origin.dir().toString())) {
            var prompt = session.prompt(alice, "Please check-egress");
            session.awaitCompleted(prompt, TURN);

            var outputs = session.eventsOf(prompt, "tool.call").stream()
                    .filter(e -> "completed".equals(e.path("status").asString()))
                    .map(e -> e.path("output").asString())
                    .toList();
            assertThat(outputs).hasSize(2);
            assertThat(outputs.get(0)).contains("hello from the allowed host");
            assertThat(outputs.get(1))
                    .as("curl was refused by the proxy")
                    .contains("403")
                    .doesNotContain("exit 0");
            assertThat(connectionHeaders)
                    .as("the request came through the proxy, which closes what it forwards")
                    .containsExactly("close");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(session.events("warning"))
                            .extracting(e -> e.path("message").asString())
                            .contains("Egress refused: blocked.example.com:443 is not an allowed host"
                                    + " (codinspect.sandbox.egress.allowed-hosts)"));
            assertThat(system.admin().get("/actuator/prometheus").body())
                    .containsPattern("codinspect_egress_connections_total\\{[^}]*outcome=\"allowed\"[^}]*} [1-9]")
                    .containsPattern("codinspect_egress_connections_total\\{[^}]*outcome=\"refused\"[^}]*} [1-9]");
        }
    }
}

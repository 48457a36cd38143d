package io.codinspect.controlplane.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.codinspect.controlplane.RunningControlPlane;
import io.codinspect.controlplane.sandbox.SandboxSpec;
import io.codinspect.model.event.PromptCompleted;
import io.codinspect.testkit.ApiClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The egress proxy of a real control plane (real PostgreSQL, simulated sandboxes) over real
 * sockets: a local HTTP server is the allowed host, reached by CONNECT and by an absolute-form GET.
 */
class EgressProxyTest {

    private static HttpServer allowed;
    private static final List<Map<String, List<String>>> seenHeaders = new CopyOnWriteArrayList<>();
    private static RunningControlPlane controlPlane;
    private static ApiClient alice;

    @BeforeAll
    static void start() throws IOException {
        allowed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        allowed.createContext("/hello", exchange -> {
            seenHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
            var body = "hello through the proxy".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        allowed.start();
        controlPlane = RunningControlPlane.start(Map.of(
                "codinspect.sandbox.max-active",
                20,
                "codinspect.sandbox.egress.port",
                0,
                "codinspect.sandbox.egress.allowed-hosts[0]",
                "localhost:" + allowed.getAddress().getPort(),
                "codinspect.sandbox.egress.allow-private-addresses",
                true,
                "codinspect.sandbox.egress.max-connections-per-sandbox",
                2,
                "codinspect.sandbox.egress.idle-timeout",
                "2s"));
        alice = controlPlane.newUser("Alice", "alice");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
        allowed.stop(0);
    }

    @Test
    void aSandboxGetsTheProxyWithItsAgentTokenAndReachesTheAllowedHostByConnectAndByAbsoluteGet() throws Exception {
        var spec = sandboxOf(newSession());
        var proxyPort = controlPlane.bean(EgressProxy.class).port();
        assertThat(spec.egressProxy()).isEqualTo("http://sandbox:" + spec.agentToken() + "@127.0.0.1:" + proxyPort);
        var proxy = ProxyClient.of(spec.egressProxy());
        var target = "localhost:" + allowed.getAddress().getPort();

        try (var tunnel = proxy.connect(target)) {
            assertThat(tunnel.head()).startsWith("HTTP/1.1 200 ");
            tunnel.send("GET /hello HTTP/1.1\r\nHost: " + target + "\r\nConnection: close\r\n\r\n");
            assertThat(tunnel.rest()).startsWith("HTTP/1.1 200").endsWith("hello through the proxy");
        }
        try (var forwarded = proxy.get("http://" + target + "/hello?x=1")) {
            assertThat(forwarded.status()).isEqualTo(200);
            assertThat(forwarded.rest()).isEqualTo("hello through the proxy");
        }
        assertThat(seenHeaders.getLast())
                .containsEntry("Host", List.of(target))
                .containsEntry("Connection", List.of("close"))
                .doesNotContainKey("Proxy-authorization");
        assertThat(counted("allowed")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRefusedHostGets403AndOneTimelineWarningHoweverOftenItIsTried() throws Exception {
        var session = newSession();
        var proxy = ProxyClient.of(sandboxOf(session).egressProxy());

        for (int i = 0; i < 3; i++) {
            try (var refused = proxy.connect("evil.example.com:443")) {
                assertThat(refused.status()).isEqualTo(403);
                assertThat(refused.rest())
                        .contains("evil.example.com:443 is not an allowed host")
                        .contains("codinspect.sandbox.egress.allowed-hosts");
            }
        }
        try (var refused = proxy.get("http://other.example.org/")) {
            assertThat(refused.status()).isEqualTo(403);
        }

        // warnings are appended in order: once the second host's is there, so is every one before it
        await().atMost(Duration.ofSeconds(10))
                .until(() -> warnings(session).stream().anyMatch(w -> w.contains("other.example.org:80")));
        assertThat(warnings(session))
                .filteredOn(w -> w.contains("evil.example.com"))
                .containsExactly(
                        "Egress refused: evil.example.com:443 is not an allowed host (codinspect.sandbox.egress.allowed-hosts)");
        assertThat(counted("refused")).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aMissingOrWrongCredentialAndAnEndedSandboxsTokenGet407() throws Exception {
        var session = newSession();
        var proxy = ProxyClient.of(sandboxOf(session).egressProxy());
        var target = "localhost:" + allowed.getAddress().getPort();

        for (var client : List.of(proxy.withToken(null), proxy.withToken("cia_wrong"), proxy.withToken("cis_bridge"))) {
            try (var refused = client.connect(target)) {
                assertThat(refused.status()).isEqualTo(407);
                assertThat(refused.head()).contains("Proxy-Authenticate: Basic realm=\"codinspect-egress\"");
            }
        }
        try (var ok = proxy.connect(target)) {
            assertThat(ok.status()).isEqualTo(200);
        }
        var sandbox = controlPlane.sandboxes().of(session).getFirst();
        sandbox.emit(
                new PromptCompleted(sandbox.awaitPrompt(10, TimeUnit.SECONDS).promptId()));
        sandbox.turnEnded();
        await().until(() ->
                alice.post("/api/sessions/" + session + "/archive", null).status() == 200);
        try (var ended = proxy.connect(target)) {
            assertThat(ended.status()).isEqualTo(407);
        }
        assertThat(warnings(session)).isEmpty();
        assertThat(counted("unauthenticated")).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aSandboxHasAtMostItsShareOfConnectionsAndAnIdleTunnelIsClosed() throws Exception {
        var proxy = ProxyClient.of(sandboxOf(newSession()).egressProxy());
        var target = "localhost:" + allowed.getAddress().getPort();

        try (var first = proxy.connect(target);
                var second = proxy.connect(target)) {
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            try (var third = proxy.connect(target)) {
                assertThat(third.status()).isEqualTo(503);
                assertThat(third.rest()).contains("too many connections at once");
            }
            assertThat(first.socket().getInputStream().read())
                    .as("closed after 2 s without a byte")
                    .isEqualTo(-1);
        }
    }

    @Test
    void oversizedHeadersAndRequestsThatAreNoProxyRequestsAreRefusedPlainly() throws Exception {
        var proxy = ProxyClient.of(sandboxOf(newSession()).egressProxy());

        try (var big = proxy.request("CONNECT a:443 HTTP/1.1\r\nX: " + "y".repeat(20_000) + "\r\n\r\n")) {
            assertThat(big.status()).isEqualTo(431);
        }
        try (var origin = proxy.request("GET /actuator/health HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertThat(origin.status()).isEqualTo(400);
        }
    }

    private static UUID newSession() {
        var id = UUID.fromString(alice.post("/api/sessions", Map.of("repository", "https://example.com/r.git"))
                .text("id"));
        alice.post("/api/sessions/" + id + "/prompts", Map.of("content", "go"));
        await().until(() -> !controlPlane.sandboxes().specsOf(id).isEmpty());
        return id;
    }

    private static SandboxSpec sandboxOf(UUID sessionId) {
        var spec = controlPlane.sandboxes().specsOf(sessionId).getFirst();
        await().until(() -> controlPlane.sandboxes().of(sessionId).getFirst().isConnected());
        return spec;
    }

    private static List<String> warnings(UUID sessionId) {
        var messages = new ArrayList<String>();
        JsonNode events = alice.get("/api/sessions/" + sessionId + "/events?after=0")
                .json()
                .get("events");
        events.forEach(e -> {
            if (e.get("type").asString().equals("warning")) {
                messages.add(e.get("message").asString());
            }
        });
        return messages;
    }

    private static double counted(String outcome) {
        return controlPlane
                .bean(MeterRegistry.class)
                .counter(ProxyConnection.METER, "outcome", outcome)
                .count();
    }
}

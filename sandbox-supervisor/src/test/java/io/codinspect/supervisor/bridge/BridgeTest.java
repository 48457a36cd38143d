package io.codinspect.supervisor.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.bridge.SandboxMessage;
import io.codinspect.model.event.Warning;
import io.codinspect.testkit.net.TcpProxy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's bridge client against a real WebSocket server. */
class BridgeTest {

    private static final String TOKEN = "cis_bridge-test-token";

    @TempDir
    Path dir;

    private final List<String> shutdowns = new CopyOnWriteArrayList<>();
    private final List<ControlMessage> received = new CopyOnWriteArrayList<>();
    private final Bridge.Handler handler = new Bridge.Handler() {
        @Override
        public void prompt(ControlMessage.RunPrompt prompt) {
            received.add(prompt);
        }

        @Override
        public void stop(ControlMessage.Stop stop) {
            received.add(stop);
        }

        @Override
        public void shutdown(String reason) {
            shutdowns.add(reason);
        }
    };

    @Test
    void afterADroppedConnectionItReconnectsAndResendsOnlyWhatWasNotStoredInOrder() throws Exception {
        try (var server = new FakeControlPlane(dir)) {
            server.onMessage((connection, message) -> {
                var first = server.connections.indexOf(connection) == 0;
                switch (message.path("type").asString()) {
                    case "hello" ->
                        connection.send("{\"type\":\"welcome\",\"sandboxId\":\"s\",\"sessionId\":\"x\",\"lastEventId\":"
                                + (first ? 0 : 2) + "}");
                    case "event" -> {
                        if (first && connection.eventIds().size() == 3) {
                            connection.drop(); // stored 1 and 2, never acknowledged anything
                        } else if (!first) {
                            connection.send("{\"type\":\"ack\",\"upTo\":"
                                    + message.path("id").asLong() + "}");
                        }
                    }
                    default -> {}
                }
            });
            try (var bridge = bridge(server.url(), Duration.ofMillis(300))) {
                bridge.start();
                for (var i = 1; i <= 5; i++) {
                    bridge.emit(new Warning(null, "event " + i));
                }
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> server.connections.size() == 2
                                && server.connections.get(1).eventIds().size() == 3);
                var second = server.connections.get(1);
                assertThat(second.eventIds()).containsExactly(3L, 4L, 5L);
                assertThat(second.received().getFirst().path("type").asString()).isEqualTo("hello");
                assertThat(second.authorization()).isEqualTo("Bearer " + TOKEN);
                assertThat(bridge.flush(Duration.ofSeconds(5))).isTrue();
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> second.received().stream()
                                .anyMatch(m -> "heartbeat".equals(m.path("type").asString())));
                assertThat(shutdowns).isEmpty();
            }
        }
    }

    @Test
    void controlMessagesReachTheHandlerAndShutdownEndsIt() throws Exception {
        try (var server = new FakeControlPlane(dir)) {
            server.onMessage((connection, message) -> {
                if ("hello".equals(message.path("type").asString())) {
                    connection.send("{\"type\":\"welcome\",\"sandboxId\":\"s\",\"sessionId\":\"x\",\"lastEventId\":0}");
                    connection.send("{\"type\":\"prompt\",\"promptId\":\"p1\",\"content\":\"hi\",\"author\":"
                            + "{\"id\":\"u\",\"name\":\"Ada\",\"login\":\"ada\"},\"branch\":\"codinspect/1\"}");
                    connection.send("{\"type\":\"stop\",\"promptId\":\"p1\"}");
                    connection.send("{\"type\":\"shutdown\",\"reason\":\"session archived\"}");
                }
            });
            try (var bridge = bridge(server.url(), Duration.ofSeconds(10))) {
                bridge.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> !shutdowns.isEmpty());
                assertThat(received)
                        .hasSize(2)
                        .first()
                        .isInstanceOfSatisfying(
                                ControlMessage.RunPrompt.class,
                                p -> assertThat(p.author().login()).isEqualTo("ada"));
                assertThat(shutdowns).containsExactly("session archived");
            }
        }
    }

    @Test
    void aRefusedTokenEndsTheSandboxWithoutRetrying() throws Exception {
        var attempts = new AtomicInteger();
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            attempts.incrementAndGet();
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try (var bridge =
                bridge("ws://127.0.0.1:" + server.getAddress().getPort() + "/bridge/s", Duration.ofSeconds(10))) {
            bridge.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !shutdowns.isEmpty());
            assertThat(shutdowns.getFirst()).contains("HTTP 401");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> attempts.get() == 1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aStalledConnectionIsAbandonedAndWhatWasNotStoredIsSentOnTheNextOne() throws Exception {
        try (var server = new FakeControlPlane(dir);
                var proxy = TcpProxy.to(server.port())) {
            var stored = storingInOrder(server);
            try (var bridge = bridge(
                    server.url().replace(":" + server.port() + "/", ":" + proxy.port() + "/"),
                    Duration.ofMillis(300))) {
                bridge.start();
                for (var i = 1; i <= 3; i++) {
                    bridge.emit(new Warning(null, "before " + i));
                }
                assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
                proxy.stall();
                for (var i = 4; i <= 6; i++) {
                    bridge.emit(new Warning(null, "during " + i));
                }
                // nothing arrives for the read timeout (5 s): the stalled connection is given up
                await().atMost(Duration.ofSeconds(15)).until(() -> proxy.accepted() >= 2);
                proxy.resume();
                await().atMost(Duration.ofSeconds(20)).until(() -> server.connections.size() >= 2);
                assertThat(bridge.flush(Duration.ofSeconds(30))).isTrue();
                assertThat(stored).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
                var last = server.connections.getLast();
                assertThat(last.received().getFirst().path("type").asString()).isEqualTo("hello");
                assertThat(shutdowns).isEmpty();
            }
        }
    }

    @Test
    void aSendStuckBehindAStalledNetworkAbortsTheConnectionBeforeAnyReadTimeout() throws Exception {
        try (var server = new FakeControlPlane(dir);
                var proxy = TcpProxy.to(server.port())) {
            var stored = storingInOrder(server);
            // heartbeats every 20 s: nothing would be noticed by the read timeout (60 s) within this test
            try (var bridge = new Bridge(
                    server.url().replace(":" + server.port() + "/", ":" + proxy.port() + "/"),
                    TOKEN,
                    Duration.ofSeconds(20),
                    100,
                    () -> new SandboxMessage.Hello(null, null, "test"),
                    handler,
                    Duration.ofSeconds(3))) {
                bridge.start();
                bridge.emit(new Warning(null, "before the stall"));
                assertThat(bridge.flush(Duration.ofSeconds(10))).isTrue();
                proxy.stall();
                var big = "x".repeat(200_000);
                for (var i = 0; i < 60; i++) { // 12 MB: more than the sockets can hold, so a send gets stuck
                    bridge.emit(new Warning(null, i + " " + big));
                }
                var stalledAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).until(() -> proxy.accepted() >= 2);
                assertThat(Duration.ofNanos(System.nanoTime() - stalledAt))
                        .as("the stuck send (3 s here), not the read timeout (60 s), ended the connection")
                        .isLessThan(Duration.ofSeconds(20));
                proxy.resume();
                assertThat(bridge.flush(Duration.ofSeconds(60))).isTrue();
                assertThat(stored).hasSize(61).first().isEqualTo(1L);
                assertThat(stored.last()).isEqualTo(61L);
            }
        }
    }

    @Test
    void theWelcomeStopsPromptsThatWereCancelledWhileTheBridgeWasDown() throws Exception {
        try (var server = new FakeControlPlane(dir)) {
            server.onMessage((connection, message) -> {
                if ("hello".equals(message.path("type").asString())) {
                    connection.send(
                            "{\"type\":\"welcome\",\"sandboxId\":\"s\",\"sessionId\":\"x\",\"lastEventId\":0,"
                                    + "\"stops\":[{\"type\":\"stop\",\"promptId\":\"p7\",\"reason\":\"the turn ran longer than 90 min\"}]}");
                }
            });
            try (var bridge = bridge(server.url(), Duration.ofSeconds(10))) {
                bridge.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
                assertThat(received)
                        .singleElement()
                        .isInstanceOfSatisfying(
                                ControlMessage.Stop.class,
                                stop -> assertThat(stop.promptId()).isEqualTo("p7"));
            }
        }
    }

    /** The highest id up to which every id is present. */
    /**
     * Makes the fake control plane store every event, welcome with and acknowledge up to the last
     * of an unbroken run of ids, and answer heartbeats; returns the ids it stored.
     */
    private static ConcurrentSkipListSet<Long> storingInOrder(FakeControlPlane server) {
        var stored = new ConcurrentSkipListSet<Long>();
        server.onMessage((connection, message) -> {
            switch (message.path("type").asString()) {
                case "hello" ->
                    connection.send("{\"type\":\"welcome\",\"sandboxId\":\"s\",\"sessionId\":\"x\","
                            + "\"lastEventId\":" + contiguous(stored) + "}");
                case "event" -> {
                    stored.add(message.path("id").asLong());
                    connection.send("{\"type\":\"ack\",\"upTo\":" + contiguous(stored) + "}");
                }
                case "heartbeat" -> connection.send("{\"type\":\"ack\",\"upTo\":" + contiguous(stored) + "}");
                default -> {}
            }
        });
        return stored;
    }

    private static long contiguous(java.util.SortedSet<Long> ids) {
        long last = 0;
        for (var id : ids) {
            if (id != last + 1) {
                break;
            }
            last = id;
        }
        return last;
    }

    private Bridge bridge(String url, Duration heartbeat) {
        return new Bridge(url, TOKEN, heartbeat, 100, () -> new SandboxMessage.Hello(null, null, "test"), handler);
    }
}

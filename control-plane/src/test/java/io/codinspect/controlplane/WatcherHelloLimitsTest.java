package io.codinspect.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.model.stream.CloseCodes;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.WatcherClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sockets that have not said hello are few: at most 16 per client address and 24 in all here
 * (the defaults are 16 and 256), each until it says hello, fails its hello, or closes. Clients
 * come from several loopback addresses of this machine.
 */
class WatcherHelloLimitsTest {

    private static RunningControlPlane controlPlane;
    private static ApiClient alice;
    private static final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final List<WatcherClient> opened = new ArrayList<>();
    private UUID sessionId;

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start(Map.of(
                "codinspect.stream.hello-timeout", "60s",
                "codinspect.stream.max-without-hello", 24,
                "codinspect.stream.max-without-hello-per-address", 16));
        alice = controlPlane.newUser("Alice", "alice");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    @BeforeEach
    void newSession() {
        sessionId = UUID.fromString(alice.post("/api/sessions", Map.of("repository", "https://example.com/r.git"))
                .text("id"));
    }

    @AfterEach
    void closeEverySocket() {
        opened.forEach(WatcherClient::close);
        await().until(() -> withoutHello() == 0);
    }

    @Test
    void theSeventeenthSilentSocketFromOneAddressIsRefusedWhileTheFirstSixteenAreHeld() {
        var first = silent("127.0.0.2", 16);
        await().until(() -> withoutHello() == 16);

        var seventeenth = silent("127.0.0.2", 1).getFirst();

        await().until(() -> seventeenth.closeCode() != null);
        assertThat(seventeenth.closeCode()).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
        assertThat(first).allMatch(WatcherClient::isOpen);
        silent("127.0.0.3", 1);
        await().until(() -> withoutHello() == 17);
        first.getFirst().hello(wsToken(), 0);
        await().until(first.getFirst()::replayDone);

        first.forEach(WatcherClient::close);
        await().until(() -> withoutHello() == 1);
        var again = silent("127.0.0.2", 16);
        await().until(() -> withoutHello() == 17);
        assertThat(again).allMatch(WatcherClient::isOpen);
    }

    @Test
    void theSocketsOfAllAddressesTogetherAreCappedToo() {
        silent("127.0.0.4", 16);
        silent("127.0.0.5", 8);
        await().until(() -> withoutHello() == 24);

        var one = silent("127.0.0.6", 1).getFirst();

        await().until(() -> one.closeCode() != null);
        assertThat(one.closeCode()).isEqualTo(CloseCodes.TRY_AGAIN_LATER);
        assertThat(withoutHello()).isEqualTo(24);
    }

    @Test
    void aSocketLeavesItsPlaceWhenItsHelloSucceedsFailsOrIsNoHelloAtAll() {
        var valid = silent("127.0.0.7", 4);
        var forged = silent("127.0.0.7", 4);
        var notHello = silent("127.0.0.7", 4);
        var oversized = silent("127.0.0.7", 4);
        await().until(() -> withoutHello() == 16);

        valid.forEach(c -> c.hello(wsToken(), 0));
        forged.forEach(c -> c.hello("ciw_forged", 0));
        notHello.forEach(c -> c.sendRaw("{\"type\":\"stop\"}"));
        oversized.forEach(c -> c.sendRaw("{\"type\":\"hello\",\"token\":\"" + "t".repeat(9_000) + "\"}"));

        await().until(() -> withoutHello() == 0);
        await().until(() -> valid.stream().allMatch(WatcherClient::replayDone));
        await().until(() -> closed(forged) && closed(notHello) && closed(oversized));
        assertThat(forged).allMatch(c -> c.closeCode() == CloseCodes.UNAUTHORIZED);
        assertThat(notHello).allMatch(c -> c.closeCode() == CloseCodes.BAD_HELLO);
        assertThat(oversized).allMatch(c -> c.closeCode() == CloseCodes.TOO_BIG);
        var next = silent("127.0.0.7", 16);
        await().until(() -> withoutHello() == 16);
        assertThat(next).allMatch(WatcherClient::isOpen);
    }

    @Test
    void aSocketThatClosesBeforeItsHelloLeavesItsPlace() {
        var sockets = silent("127.0.0.8", 16);
        await().until(() -> withoutHello() == 16);

        sockets.subList(0, 8).forEach(WatcherClient::close);
        sockets.subList(8, 16).forEach(WatcherClient::abort);

        await().until(() -> withoutHello() == 0);
    }

    private List<WatcherClient> silent(String address, int count) {
        var http = clients.computeIfAbsent(address, WatcherHelloLimitsTest::httpFrom);
        var sockets = new ArrayList<WatcherClient>();
        for (int i = 0; i < count; i++) {
            sockets.add(WatcherClient.open(controlPlane.wsUri(sessionId), http));
        }
        opened.addAll(sockets);
        return sockets;
    }

    private String wsToken() {
        return alice.post("/api/sessions/" + sessionId + "/ws-token", null).text("token");
    }

    private static boolean closed(List<WatcherClient> sockets) {
        return sockets.stream().allMatch(c -> c.closeCode() != null);
    }

    private static double withoutHello() {
        return controlPlane
                .bean(MeterRegistry.class)
                .get("codinspect.stream.without_hello")
                .gauge()
                .value();
    }

    private static HttpClient httpFrom(String address) {
        try {
            return HttpClient.newBuilder()
                    .localAddress(InetAddress.getByName(address))
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

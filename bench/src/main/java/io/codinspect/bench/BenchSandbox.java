package io.codinspect.bench;

import io.codinspect.controlplane.sandbox.SandboxSpec;
import io.codinspect.testkit.TextSocket;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** A sandbox that only sends pre-built event frames over the real bridge and counts acknowledgements. */
final class BenchSandbox {

    final UUID sessionId;
    private final TextSocket socket;
    private final AtomicLong acked = new AtomicLong();
    private long nextId = 1;

    BenchSandbox(SandboxSpec spec) {
        this.sessionId = spec.sessionId();
        this.socket = BenchClients.open(
                URI.create(spec.bridgeUrl()), Map.of("Authorization", "Bearer " + spec.bridgeToken()), this::receive);
        send("{\"type\":\"hello\",\"agentVersion\":\"bench\"}");
    }

    /** Sends one assistant text event stamped with the current {@code System.nanoTime()}. */
    synchronized long emit(String promptId, String filler) {
        long id = nextId++;
        send("{\"type\":\"event\",\"id\":" + id + ",\"event\":{\"type\":\"assistant.text\",\"promptId\":\"" + promptId
                + "\",\"partId\":\"p" + id + "\",\"text\":\"t=" + System.nanoTime() + ";" + filler + "\"}}");
        return id;
    }

    long acked() {
        return acked.get();
    }

    private void send(String text) {
        socket.send(text);
    }

    private void receive(String message) {
        if (message.startsWith("{\"type\":\"ack\"")) {
            var upTo = Long.parseLong(message.replaceAll("\\D+", ""));
            acked.accumulateAndGet(upTo, Math::max);
        }
    }

    void close() {
        socket.abort();
    }
}

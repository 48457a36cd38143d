package io.codinspect.testkit;

import io.codinspect.model.event.EventCodec;
import io.codinspect.model.stream.ClientMessage;
import io.codinspect.model.stream.PresenceState;
import io.codinspect.model.stream.ServerMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.node.ObjectNode;

/**
 * A watcher of one session over its WebSocket, as a browser would be: it sends a hello with a
 * ws-token and the last seq it has, then records everything it receives.
 */
public final class WatcherClient implements AutoCloseable {

    private final List<ServerMessage> received = new CopyOnWriteArrayList<>();
    private final TextSocket socket;
    private volatile Integer closeCode;
    private volatile java.util.concurrent.CountDownLatch paused;

    private WatcherClient() {
        this.socket = new TextSocket(this::receive, code -> closeCode = code);
    }

    /** Connects to {@code ws(s)://host/api/sessions/{id}/ws} and says hello. */
    public static WatcherClient connect(URI wsUri, String wsToken, long lastSeq) {
        var client = new WatcherClient();
        client.socket.connect(wsUri, Map.of());
        client.send(new ClientMessage.Hello(wsToken, lastSeq));
        return client;
    }

    /**
     * Opens the socket through {@code http} (e.g. one bound to a local address of its own) and
     * says nothing: {@link #hello} or {@link #sendRaw} speak first.
     */
    public static WatcherClient open(URI wsUri, java.net.http.HttpClient http) {
        var client = new WatcherClient();
        client.socket.connect(wsUri, Map.of(), http);
        return client;
    }

    public void hello(String wsToken, long lastSeq) {
        send(new ClientMessage.Hello(wsToken, lastSeq));
    }

    public void send(ClientMessage message) {
        socket.send(EventCodec.mapper().writeValueAsString(message));
    }

    public void sendRaw(String text) {
        socket.send(text);
    }

    public void sendPrompt(String content, String clientRequestId) {
        send(new ClientMessage.SendPrompt(content, null, null, clientRequestId));
    }

    public void presence(PresenceState state) {
        send(new ClientMessage.SetPresence(state));
    }

    /** Stored events received, in arrival order. */
    public List<ObjectNode> events() {
        return received.stream()
                .filter(m -> m instanceof ServerMessage.Event)
                .map(m -> ((ServerMessage.Event) m).event())
                .toList();
    }

    public List<Long> seqs() {
        return events().stream().map(e -> e.get("seq").asLong()).toList();
    }

    public long lastSeq() {
        var seqs = seqs();
        return seqs.isEmpty() ? 0 : seqs.getLast();
    }

    public <T extends ServerMessage> List<T> messages(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public boolean replayDone() {
        return !messages(ServerMessage.ReplayDone.class).isEmpty();
    }

    /** The close code the server sent, or 1006 for a dropped connection; null while open. */
    public Integer closeCode() {
        return closeCode;
    }

    public boolean isOpen() {
        return socket.isOpen() && closeCode == null;
    }

    /** Drops the connection as a network failure would. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        resume();
        socket.close();
    }

    /** Stops reading from the socket, as a client on a stalled network would, until {@link #resume}. */
    public void pause() {
        paused = new java.util.concurrent.CountDownLatch(1);
    }

    public void resume() {
        var latch = paused;
        paused = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    private void receive(String text) {
        var latch = paused;
        if (latch != null) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        var message = EventCodec.mapper().readValue(text, ServerMessage.class);
        var flat = new ArrayList<ServerMessage>();
        flatten(message, flat);
        received.addAll(flat);
    }

    private static void flatten(ServerMessage message, List<ServerMessage> into) {
        if (message instanceof ServerMessage.Batch batch) {
            batch.messages().forEach(m -> flatten(m, into));
        } else {
            into.add(message);
        }
    }
}

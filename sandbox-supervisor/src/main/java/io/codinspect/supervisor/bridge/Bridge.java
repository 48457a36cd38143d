package io.codinspect.supervisor.bridge;

import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.bridge.DeltaKind;
import io.codinspect.model.bridge.SandboxMessage;
import io.codinspect.model.event.EventCodec;
import io.codinspect.model.event.EventLimits;
import io.codinspect.model.event.SessionEvent;
import io.codinspect.supervisor.Backoff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's end of the bridge (see {@code docs/bridge-protocol.md}): connects with the
 * sandbox token, says hello, resends what the control plane has not stored, sends heartbeats, and
 * reconnects with backoff (0.25 s doubling to 5 s) until told to stop: a {@code shutdown} message
 * or a handshake refused with 401, 403 or 410 ends it for good.
 *
 * <p>Nothing here waits for the network while holding a lock: frames are queued on the current
 * {@link BridgeConnection}, whose own thread writes them. A send stuck for the send timeout, or a
 * connection on which nothing arrived for the read timeout (the control plane answers every
 * heartbeat), is aborted and replaced, so a stalled, cut or half-open socket always ends in a
 * reconnect; unacknowledged events are then sent again from the welcome's last stored id.
 */
public final class Bridge implements EventSink, AutoCloseable {

    /** What the control plane asks of the sandbox. Called on the bridge's own threads; must not block. */
    public interface Handler {
        void prompt(ControlMessage.RunPrompt prompt);

        void stop(ControlMessage.Stop stop);

        /** The sandbox is no longer wanted (shutdown message or a refused handshake). */
        void shutdown(String reason);
    }

    private static final Logger log = LoggerFactory.getLogger(Bridge.class);
    private static final Set<Integer> FINAL_STATUSES = Set.of(401, 403, 410);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);
    /** Largest event sent, as the control plane's default {@code codinspect.events.max-event-size}. */
    static final int MAX_EVENT_BYTES = 256 * 1024;
    /** Unacknowledged events kept at most, in bytes, besides the count limit. */
    private static final long OUTBOX_BYTES = 64L * 1024 * 1024;

    private final URI url;
    private final String token;
    private final Handler handler;
    private final Supplier<SandboxMessage.Hello> hello;
    private final Duration heartbeatInterval;
    private final Duration readTimeout;
    private final Duration sendTimeout;
    private final Outbox outbox;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Guards which connection is current and what was queued on it. */
    private final Object linkLock = new Object();

    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private volatile boolean closed;
    private BridgeConnection current; // guarded by linkLock

    public Bridge(
            String url,
            String token,
            Duration heartbeatInterval,
            int outboxLimit,
            Supplier<SandboxMessage.Hello> hello,
            Handler handler) {
        this(url, token, heartbeatInterval, outboxLimit, hello, handler, SEND_TIMEOUT);
    }

    /** @param sendTimeout how long a send may take before the connection is given up (tests shorten it) */
    Bridge(
            String url,
            String token,
            Duration heartbeatInterval,
            int outboxLimit,
            Supplier<SandboxMessage.Hello> hello,
            Handler handler,
            Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
        this.url = URI.create(url);
        this.token = token;
        this.heartbeatInterval = heartbeatInterval;
        this.readTimeout = max(heartbeatInterval.multipliedBy(3), Duration.ofSeconds(5));
        this.outbox = new Outbox(outboxLimit, OUTBOX_BYTES);
        this.hello = hello;
        this.handler = handler;
    }

    public void start() {
        Thread.ofVirtual().name("bridge-connect").start(this::connectLoop);
        Thread.ofVirtual().name("bridge-heartbeat").start(this::heartbeats);
    }

    /** Completes when the control plane first welcomed this sandbox. */
    public CompletableFuture<Void> welcomed() {
        return welcomed;
    }

    /**
     * Queues an event for the session, cut to {@link #MAX_EVENT_BYTES} (the work itself, in the
     * repository, is never cut); blocks while the outbox is full (never on the network).
     */
    @Override
    public void emit(SessionEvent event) {
        var fields = EventCodec.toJson(EventLimits.cut(event, MAX_EVENT_BYTES)).toString();
        try {
            outbox.add(fields);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the outbox was full", e);
        }
        synchronized (linkLock) {
            pump(current);
        }
    }

    /** Streams a piece of text live; dropped when not connected or backed up (deltas are never stored). */
    @Override
    public void delta(String promptId, String partId, DeltaKind kind, String text) {
        var frame = EventCodec.mapper()
                .writeValueAsString(
                        new SandboxMessage.Delta(promptId, partId, kind, EventLimits.cutText(text, MAX_EVENT_BYTES)));
        synchronized (linkLock) {
            if (current != null && current.ready) {
                current.offer(frame);
            }
        }
    }

    /** Waits until every event is acknowledged; used before exiting. */
    public boolean flush(Duration timeout) {
        try {
            return outbox.awaitDrained(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (linkLock) {
            if (current != null) {
                current.abort("the bridge is closing");
            }
        }
    }

    private void connectLoop() {
        var backoff = new Backoff(Duration.ofMillis(250), MAX_BACKOFF);
        while (!closed) {
            var connection = new BridgeConnection(this, sendTimeout);
            CompletableFuture<java.net.http.WebSocket> handshake = null;
            try {
                handshake = http.newWebSocketBuilder()
                        .header("Authorization", "Bearer " + token)
                        .connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(url, connection);
                var ws = handshake.get(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                synchronized (linkLock) {
                    if (closed) {
                        ws.abort();
                        return;
                    }
                    current = connection;
                    connection.queue(EventCodec.mapper().writeValueAsString(hello.get()));
                    connection.attach(ws);
                }
                connection.closed().join();
                if (connection.wasWelcomed()) {
                    backoff.reset();
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof WebSocketHandshakeException refused
                        && FINAL_STATUSES.contains(refused.getResponse().statusCode())) {
                    var status = refused.getResponse().statusCode();
                    log.warn("The control plane refused the bridge with HTTP {}; giving up", status);
                    closed = true;
                    handler.shutdown("the control plane refused the bridge (HTTP " + status + ")");
                    return;
                }
                log.info(
                        "Bridge connection failed: {}",
                        e.getCause() instanceof WebSocketHandshakeException refused
                                ? "handshake answered with HTTP "
                                        + refused.getResponse().statusCode()
                                : e.getCause().toString());
            } catch (TimeoutException | RuntimeException e) {
                log.info("Bridge connection failed: {}", e.toString());
                if (handshake != null) { // a handshake that completes late opens a socket nobody would use
                    handshake.thenAccept(java.net.http.WebSocket::abort);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            connection.abort("the connection ended");
            synchronized (linkLock) {
                if (current == connection) {
                    current = null;
                }
            }
            if (!closed) {
                backoff.pause();
            }
        }
    }

    /**
     * The control plane stored everything up to {@code lastEventId}: send the rest, in order, and
     * stop what it says was cancelled while the bridge was down.
     */
    void welcome(BridgeConnection connection, ControlMessage.Welcome welcome) {
        outbox.acknowledge(welcome.lastEventId());
        int resent;
        synchronized (linkLock) {
            if (connection != current) {
                return;
            }
            connection.lastQueued = welcome.lastEventId();
            connection.ready = true;
            resent = pump(connection);
        }
        welcomed.complete(null);
        log.info("Bridge welcomed after event {}; {} unacknowledged events sent", welcome.lastEventId(), resent);
        welcome.stops().forEach(handler::stop);
    }

    void acknowledged(long upTo) {
        outbox.acknowledge(upTo);
    }

    Handler handler() {
        return handler;
    }

    /** Queues on {@code connection}, in id order, every unacknowledged event not queued on it yet. */
    private int pump(BridgeConnection connection) {
        if (connection == null || !connection.ready) {
            return 0;
        }
        var next = outbox.after(connection.lastQueued);
        for (var pending : next) {
            connection.queue("{\"type\":\"event\",\"id\":" + pending.id() + ",\"event\":" + pending.eventJson() + "}");
            connection.lastQueued = pending.id();
        }
        return next.size();
    }

    private void heartbeats() {
        var beat = EventCodec.mapper().writeValueAsString(new SandboxMessage.Heartbeat());
        while (!closed) {
            Backoff.sleep(heartbeatInterval);
            BridgeConnection connection;
            synchronized (linkLock) {
                connection = current;
                if (connection != null && connection.ready) {
                    connection.heartbeat(beat);
                }
            }
            if (connection != null) {
                connection.check(readTimeout);
            }
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

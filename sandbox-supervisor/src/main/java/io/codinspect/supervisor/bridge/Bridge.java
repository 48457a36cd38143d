package io.codinspect.supervisor.bridge;

import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.bridge.DeltaKind;
import io.codinspect.model.bridge.SandboxMessage;
import io.codinspect.model.event.EventCodec;
import io.codinspect.model.event.SessionEvent;
import io.codinspect.supervisor.Backoff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
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
 * reconnects with backoff (0.25 s doubling to 10 s) until told to stop: a {@code shutdown} message
 * or a handshake refused with 401, 403 or 410 ends it for good.
 */
public final class Bridge implements EventSink, AutoCloseable {

    /** What the control plane asks of the sandbox. Called on the bridge's own threads. */
    public interface Handler {
        void prompt(ControlMessage.RunPrompt prompt);

        void stop(ControlMessage.Stop stop);

        /** The sandbox is no longer wanted (shutdown message or a refused handshake). */
        void shutdown(String reason);
    }

    private static final Logger log = LoggerFactory.getLogger(Bridge.class);
    private static final Set<Integer> FINAL_STATUSES = Set.of(401, 403, 410);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final URI url;
    private final String token;
    private final Handler handler;
    private final Supplier<SandboxMessage.Hello> hello;
    private final Duration heartbeatInterval;
    private final Outbox outbox;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Object emitLock = new Object();
    private final Object sendLock = new Object();
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();

    private volatile boolean closed;
    private WebSocket socket; // guarded by sendLock
    private boolean ready; // guarded by sendLock: welcomed on the current connection
    private long lastSent; // guarded by sendLock

    public Bridge(
            String url,
            String token,
            Duration heartbeatInterval,
            int outboxLimit,
            Supplier<SandboxMessage.Hello> hello,
            Handler handler) {
        this.url = URI.create(url);
        this.token = token;
        this.heartbeatInterval = heartbeatInterval;
        this.outbox = new Outbox(outboxLimit);
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

    /** Queues an event for the session; blocks while the outbox is full. */
    @Override
    public void emit(SessionEvent event) {
        var fields = EventCodec.toJson(event).toString();
        synchronized (emitLock) {
            Outbox.Pending pending;
            try {
                pending = outbox.add(fields);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the outbox was full", e);
            }
            synchronized (sendLock) {
                if (ready && pending.id() > lastSent) {
                    sendEvent(pending);
                }
            }
        }
    }

    /** Streams a piece of text live; dropped when not connected (deltas are never stored). */
    @Override
    public void delta(String promptId, String partId, DeltaKind kind, String text) {
        synchronized (sendLock) {
            if (ready) {
                send(EventCodec.mapper().writeValueAsString(new SandboxMessage.Delta(promptId, partId, kind, text)));
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
        synchronized (sendLock) {
            ready = false;
            if (socket != null) {
                socket.abort();
            }
        }
    }

    private void connectLoop() {
        var backoff = new Backoff(Duration.ofMillis(250), MAX_BACKOFF);
        while (!closed) {
            var connection = new BridgeConnection(this);
            try {
                var ws = http.newWebSocketBuilder()
                        .header("Authorization", "Bearer " + token)
                        .connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(url, connection)
                        .get(20, TimeUnit.SECONDS);
                synchronized (sendLock) {
                    socket = ws;
                    send(EventCodec.mapper().writeValueAsString(hello.get()));
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
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (sendLock) {
                ready = false;
                socket = null;
            }
            if (!closed) {
                backoff.pause();
            }
        }
    }

    /** The control plane stored everything up to {@code lastEventId}: resend the rest, in order. */
    void welcome(ControlMessage.Welcome welcome) {
        outbox.acknowledge(welcome.lastEventId());
        int resent;
        synchronized (sendLock) {
            lastSent = welcome.lastEventId();
            ready = true;
            var pending = outbox.unacknowledged();
            pending.forEach(this::sendEvent);
            resent = pending.size();
        }
        welcomed.complete(null);
        log.info("Bridge welcomed after event {}; {} unacknowledged events sent", welcome.lastEventId(), resent);
    }

    void acknowledged(long upTo) {
        outbox.acknowledge(upTo);
    }

    Handler handler() {
        return handler;
    }

    private void sendEvent(Outbox.Pending pending) {
        send("{\"type\":\"event\",\"id\":" + pending.id() + ",\"event\":" + pending.eventJson() + "}");
        lastSent = Math.max(lastSent, pending.id());
    }

    /** Sends one frame on the current socket; a failed send drops the connection (it reconnects). */
    private void send(String text) {
        var ws = socket;
        if (ws == null) {
            return;
        }
        try {
            ws.sendText(text, true).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.info("Bridge send failed ({}); reconnecting", e.toString());
            ready = false;
            ws.abort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void heartbeats() {
        var beat = EventCodec.mapper().writeValueAsString(new SandboxMessage.Heartbeat());
        while (!closed) {
            Backoff.sleep(heartbeatInterval);
            synchronized (sendLock) {
                if (ready) {
                    send(beat);
                }
            }
        }
    }
}

package io.codinspect.controlplane.sandbox;

import io.codinspect.controlplane.event.EventIngest;
import io.codinspect.controlplane.event.EventProperties;
import io.codinspect.controlplane.event.EventSink;
import io.codinspect.controlplane.event.EventSizeLimit;
import io.codinspect.controlplane.system.TextFrames;
import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.bridge.SandboxMessage;
import io.codinspect.model.event.EventCodec;
import io.codinspect.model.event.EventLimits;
import io.codinspect.model.event.EventTypes;
import io.codinspect.model.event.InvalidEventException;
import io.codinspect.model.event.SessionEvent;
import io.codinspect.model.event.ToolCall;
import io.codinspect.model.event.Warning;
import io.codinspect.model.stream.CloseCodes;
import io.codinspect.model.stream.ServerMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;

/**
 * The control plane's end of the sandbox bridge (see {@code docs/bridge-protocol.md}). The
 * handshake already proved which sandbox this is; everything else starts with its hello.
 */
@Component
class BridgeSocketHandler extends TextWebSocketHandler {

    static final String IDENTITY = "codinspect.bridge.identity";
    private static final String HELLO_DONE = "codinspect.bridge.hello";
    private static final Logger log = LoggerFactory.getLogger(BridgeSocketHandler.class);
    /** Room in a bridge message beside its event: {@code {"type":"event","id":…,"event":…}}. */
    private static final int ENVELOPE_CHARS = 4 * 1024;

    private final SandboxLifecycle lifecycle;
    private final BridgeConnections connections;
    private final EventIngest ingest;
    private final EventSink sink;
    private final PendingStops stops;
    private final EventSizeLimit sizeLimit;
    private final int toolOutputLimit;
    /**
     * A message of one event at the size limit fits; larger ones (from a sandbox that did not cut
     * its events) borrow from the budget all bridges share, and their events are cut on arrival.
     */
    private final TextFrames frames;

    BridgeSocketHandler(
            SandboxLifecycle lifecycle,
            BridgeConnections connections,
            EventIngest ingest,
            EventSink sink,
            PendingStops stops,
            EventSizeLimit sizeLimit,
            EventProperties eventProperties,
            MeterRegistry meters) {
        this.stops = stops;
        this.lifecycle = lifecycle;
        this.connections = connections;
        this.ingest = ingest;
        this.sink = sink;
        this.sizeLimit = sizeLimit;
        this.toolOutputLimit = eventProperties.toolOutputLimit();
        var budget = new TextFrames.SharedBudget(
                (int) eventProperties.largeMessageBudget().toBytes());
        this.frames = new TextFrames(sizeLimit.maxBytes() + ENVELOPE_CHARS, budget);
        meters.gauge("codinspect.bridge.large_message_chars", budget, TextFrames.SharedBudget::used);
    }

    /** A bridge that has not said hello in this time is closed: a socket nobody uses holds nothing open. */
    static final java.time.Duration HELLO_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final java.util.concurrent.ScheduledExecutorService helloTimers =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("bridge-hello-timeout").daemon().factory());

    @jakarta.annotation.PreDestroy
    void stopTimers() {
        helloTimers.shutdownNow();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        helloTimers.schedule(
                () -> {
                    if (socket.isOpen() && socket.getAttributes().get(HELLO_DONE) == null) {
                        try {
                            socket.close(new CloseStatus(CloseCodes.BAD_HELLO, "no hello received in time"));
                        } catch (IOException e) {
                            log.debug("Closing a silent bridge failed", e);
                        }
                    }
                },
                HELLO_TIMEOUT.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage part) throws Exception {
        var who = (SandboxLifecycle.BridgeIdentity) socket.getAttributes().get(IDENTITY);
        var text = frames.append(socket, part);
        if (text == null) {
            return;
        }
        SandboxMessage message;
        try {
            message = EventCodec.mapper().readValue(text, SandboxMessage.class);
        } catch (JacksonException e) {
            log.warn("Unreadable bridge message from sandbox={}: {}", who.sandboxId(), e.getOriginalMessage());
            socket.close(CloseStatus.NOT_ACCEPTABLE.withReason("unreadable message"));
            return;
        }
        if (!(message instanceof SandboxMessage.Hello) && socket.getAttributes().get(HELLO_DONE) == null) {
            socket.close(new CloseStatus(CloseCodes.BAD_HELLO, "hello first"));
            return;
        }
        switch (message) {
            case SandboxMessage.Hello hello -> hello(socket, who, hello);
            case SandboxMessage.Event event ->
                ingest.submit(new EventIngest.Item(
                        who.sessionId(), who.sandboxId(), event.id(), sizeLimit.apply(who.sessionId(), read(event))));
            case SandboxMessage.Delta d ->
                sink.delta(
                        who.sessionId(),
                        EventCodec.mapper()
                                .writeValueAsString(
                                        new ServerMessage.Delta(d.promptId(), d.partId(), d.kind(), cut(d.text()))));
            case SandboxMessage.Heartbeat heartbeat -> {
                lifecycle.heartbeat(who.sandboxId());
                // answered, so the sandbox can tell a live connection from a half-open one
                connections.send(who.sandboxId(), new ControlMessage.Ack(ingest.lastStored(who.sandboxId())));
            }
        }
    }

    private void hello(WebSocketSession socket, SandboxLifecycle.BridgeIdentity who, SandboxMessage.Hello hello)
            throws IOException {
        connections.register(who.sandboxId(), socket);
        socket.getAttributes().put(HELLO_DONE, Boolean.TRUE);
        connections.send(
                who.sandboxId(),
                new ControlMessage.Welcome(
                        who.sandboxId().toString(),
                        who.sessionId().toString(),
                        ingest.lastStored(who.sandboxId()),
                        stops.of(who.sandboxId())));
        if (!lifecycle.connected(who, hello.activePromptId(), hello.lastPromptId())) {
            connections.shutdown(who.sandboxId(), "this sandbox has ended");
            return;
        }
        log.info("Bridge connected sandbox={} session={}", who.sandboxId(), who.sessionId());
    }

    private SessionEvent read(SandboxMessage.Event message) {
        SessionEvent event;
        try {
            event = EventCodec.fromJson(message.event());
        } catch (InvalidEventException e) {
            return new Warning(null, "The sandbox sent an event that could not be read: " + e.getMessage());
        }
        if (!EventTypes.sandboxMayEmit(event)) {
            return new Warning(
                    event.promptId(),
                    "The sandbox reported a '" + EventTypes.nameOf(event) + "' event, which only the control plane"
                            + " records; it was ignored.");
        }
        return event instanceof ToolCall call ? call.outputLimitedTo(toolOutputLimit) : event;
    }

    /** A live-only text piece is held to the event limit too: no stored text could be longer. */
    private String cut(String delta) {
        return delta == null || delta.length() * 3L <= sizeLimit.maxBytes()
                ? delta
                : EventLimits.cutText(delta, sizeLimit.maxBytes());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        frames.discard(socket); // returns what an unfinished large message borrowed
        var who = (SandboxLifecycle.BridgeIdentity) socket.getAttributes().get(IDENTITY);
        if (who == null || socket.getAttributes().get(HELLO_DONE) == null) {
            return;
        }
        connections.unregister(who.sandboxId(), socket);
        if (!connections.isOpen(who.sandboxId())) { // not when a newer connection replaced this one
            try {
                lifecycle.disconnected(who);
            } catch (RuntimeException e) {
                log.warn("Recording disconnect of sandbox={} failed", who.sandboxId(), e);
            }
        }
        log.info("Bridge closed sandbox={} code={}", who.sandboxId(), status.getCode());
    }
}

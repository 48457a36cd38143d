package io.codinspect.controlplane.stream;

import io.codinspect.controlplane.prompt.NewPrompt;
import io.codinspect.controlplane.prompt.PromptQueue;
import io.codinspect.controlplane.prompt.PromptSource;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.TextFrames;
import io.codinspect.model.event.EventCodec;
import io.codinspect.model.stream.ClientMessage;
import io.codinspect.model.stream.CloseCodes;
import io.codinspect.model.stream.ServerMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;

/**
 * A watcher's socket on {@code /api/sessions/{id}/ws} (see {@code docs/websocket-protocol.md}): a
 * hello with a ws-token for this session and the last seq the client has, then replay and live
 * events; the client may also queue prompts, stop, and say whether it is active.
 *
 * <p>Until its hello a socket is a stranger's: it may send one small message, within
 * {@code hello-timeout}, and only so many such sockets are let in at once ({@link WithoutHello}).
 */
@Component
class WatcherSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(WatcherSocketHandler.class);
    private static final String CONNECTION = "codinspect.watcher";
    private static final String PLACE = "codinspect.watcher.without-hello";
    /** A hello is a token and a number; a first message longer than this is not one. */
    static final int HELLO_MAX_CHARS = 8 * 1024;

    private final SessionStreams streams;
    private final WsTokens tokens;
    private final PromptQueue prompts;
    private final StreamProperties properties;
    private final Clock clock;
    /** After the hello: a prompt of the largest allowed size, JSON-escaped, fits. */
    private final TextFrames frames = new TextFrames(512 * 1024);

    private final TextFrames helloFrames = new TextFrames(HELLO_MAX_CHARS);
    private final WithoutHello withoutHello;
    private final Counter refused;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ws-hello-timeout").daemon().factory());

    WatcherSocketHandler(
            SessionStreams streams,
            WsTokens tokens,
            PromptQueue prompts,
            StreamProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.streams = streams;
        this.tokens = tokens;
        this.prompts = prompts;
        this.properties = properties;
        this.clock = clock;
        this.withoutHello = new WithoutHello(properties.maxWithoutHello(), properties.maxWithoutHelloPerAddress());
        this.refused = meters.counter("codinspect.stream.refused");
        meters.gauge("codinspect.stream.without_hello", withoutHello, WithoutHello::total);
    }

    @PreDestroy
    void stopTimers() {
        timers.shutdownNow();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        var address = socket.getRemoteAddress() == null
                ? null
                : socket.getRemoteAddress().getAddress();
        var place = withoutHello.enter(address);
        if (place == null) {
            refused.increment();
            log.info("Refusing socket={} from {}: too many sockets without a hello", socket.getId(), address);
            close(
                    socket,
                    new CloseStatus(
                            CloseCodes.TRY_AGAIN_LATER, "too many sockets are waiting to say hello; try again later"));
            return;
        }
        socket.getAttributes().put(PLACE, place);
        place.timeout(timers.schedule(
                () -> {
                    place.leave();
                    if (socket.isOpen() && connection(socket) == null) {
                        close(socket, new CloseStatus(CloseCodes.BAD_HELLO, "no hello received in time"));
                    }
                },
                properties.helloTimeout().toMillis(),
                TimeUnit.MILLISECONDS));
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage part) {
        var connection = connection(socket);
        var place = (WithoutHello.Place) socket.getAttributes().get(PLACE);
        if (connection == null && place == null) {
            return; // refused, or its hello failed: closing
        }
        var text = (connection == null ? helloFrames : frames).append(socket, part);
        if (text == null) {
            return;
        }
        if (connection == null) {
            socket.getAttributes().remove(PLACE);
            place.leave(); // it said something: a hello, or it is closed below
        }
        ClientMessage message;
        try {
            message = EventCodec.mapper().readValue(text, ClientMessage.class);
        } catch (JacksonException e) {
            if (connection == null) {
                close(socket, new CloseStatus(CloseCodes.BAD_HELLO, "the first message must be a hello"));
            } else {
                problem(connection, 400, "Invalid message", "Unreadable message: " + e.getOriginalMessage());
            }
            return;
        }
        if (connection == null) {
            if (message instanceof ClientMessage.Hello hello) {
                hello(socket, hello);
            } else {
                close(socket, new CloseStatus(CloseCodes.BAD_HELLO, "the first message must be a hello"));
            }
            return;
        }
        try {
            switch (message) {
                case ClientMessage.Hello hello -> problem(connection, 400, "Invalid message", "Already authenticated.");
                case ClientMessage.SendPrompt p -> {
                    var prompt = prompts.enqueue(
                            connection.user,
                            connection.sessionId,
                            new NewPrompt(
                                    p.content(),
                                    p.model(),
                                    p.reasoningEffort(),
                                    p.clientRequestId(),
                                    PromptSource.web,
                                    null,
                                    null,
                                    null,
                                    null));
                    connection.outbox.offer(EventCodec.mapper()
                            .writeValueAsString(new ServerMessage.PromptAccepted(
                                    EventCodec.mapper().valueToTree(prompt))));
                }
                case ClientMessage.Stop stop -> prompts.stop(connection.sessionId);
                case ClientMessage.SetPresence presence -> streams.presence(connection, presence.state());
                case ClientMessage.Ping ping -> connection.outbox.offer("{\"type\":\"pong\"}");
            }
        } catch (ControlPlaneException e) {
            problem(connection, e.status().value(), e.title(), e.getMessage());
        }
    }

    private void hello(WebSocketSession socket, ClientMessage.Hello hello) {
        var sessionId = sessionId(socket);
        var user = sessionId == null
                ? null
                : tokens.verify(hello.token(), sessionId).orElse(null);
        if (user == null) {
            close(socket, new CloseStatus(CloseCodes.UNAUTHORIZED, "invalid or expired ws-token for this session"));
            return;
        }
        var connection = new WatcherConnection(
                socket.getId(),
                sessionId,
                user,
                clock.instant(),
                new Outbox(socket, properties.clientBufferBytes().toBytes()),
                Math.max(0, hello.lastSeq()));
        socket.getAttributes().put(CONNECTION, connection);
        Thread.ofVirtual().name("ws-replay-" + socket.getId()).start(() -> {
            try {
                streams.join(connection);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Replay failed session={} socket={}", sessionId, socket.getId(), e);
                connection.outbox.close(new CloseStatus(CloseCodes.GOING_AWAY_RESUME, "replay failed; resume"));
            }
        });
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        var place = (WithoutHello.Place) socket.getAttributes().remove(PLACE);
        if (place != null) {
            place.leave();
        }
        var connection = connection(socket);
        if (connection != null) {
            connection.outbox.close(status);
            streams.leave(connection);
        }
    }

    private void problem(WatcherConnection connection, int status, String title, String detail) {
        connection.outbox.offer(
                EventCodec.mapper().writeValueAsString(new ServerMessage.Problem(status, title, detail)));
    }

    private static WatcherConnection connection(WebSocketSession socket) {
        return (WatcherConnection) socket.getAttributes().get(CONNECTION);
    }

    private static UUID sessionId(WebSocketSession socket) {
        var uri = socket.getUri();
        if (uri == null) {
            return null;
        }
        var parts = uri.getPath().split("/");
        try {
            return UUID.fromString(parts[parts.length - 2]);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static void close(WebSocketSession socket, CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException e) {
            log.debug("Closing socket={} failed", socket.getId(), e);
        }
    }
}

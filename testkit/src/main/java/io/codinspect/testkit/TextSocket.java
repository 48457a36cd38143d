package io.codinspect.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A JDK WebSocket that hands whole text messages to a consumer and reports how it closed. */
public final class TextSocket implements WebSocket.Listener {

    private final Consumer<String> onMessage;
    private final Consumer<Integer> onClose;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    public TextSocket(Consumer<String> onMessage, Consumer<Integer> onClose) {
        this.onMessage = onMessage;
        this.onClose = onClose;
    }

    /** Connects with an HTTP client of its own, so that a socket that stops reading never stalls another. */
    public void connect(URI uri, Map<String, String> headers) {
        connect(
                uri,
                headers,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** Connects through a shared HTTP client: cheaper for many sockets whose consumers never block. */
    public void connect(URI uri, Map<String, String> headers, HttpClient http) {
        var builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        try {
            socket = builder.buildAsync(uri, this).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not connect to " + uri, e);
        }
    }

    public synchronized void send(String text) {
        var ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            throw new IllegalStateException("socket is closed");
        }
        ws.sendText(text, true).join();
    }

    /** Sends a piece of a text message; the message ends with the piece sent with {@code last}. */
    public synchronized void sendPart(String text, boolean last) {
        var ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            throw new IllegalStateException("socket is closed");
        }
        ws.sendText(text, last).join();
    }

    public boolean isOpen() {
        var ws = socket;
        return ws != null && !ws.isOutputClosed() && !ws.isInputClosed();
    }

    public void close() {
        var ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS);
        }
    }

    /** Drops the connection without a close handshake, as a network failure would. */
    public void abort() {
        var ws = socket;
        if (ws != null) {
            ws.abort();
            onClose.accept(1006);
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            var message = partial.toString();
            partial.setLength(0);
            onMessage.accept(message);
        }
        webSocket.request(1);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        onClose.accept(statusCode);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        onClose.accept(1006);
    }
}

package io.codinspect.controlplane;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A raw socket that sends one message of the test's choosing first, to probe the hello rules. */
final class WatcherClientProbe implements WebSocket.Listener {

    private volatile Integer closeCode;

    static WatcherClientProbe open(URI uri, String firstMessage) {
        var probe = new WatcherClientProbe();
        try {
            var socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, probe)
                    .get(10, TimeUnit.SECONDS);
            socket.sendText(firstMessage, true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return probe;
    }

    Integer closeCode() {
        return closeCode;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        return CompletableFuture.completedFuture(null);
    }
}

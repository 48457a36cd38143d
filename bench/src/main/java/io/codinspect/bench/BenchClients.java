package io.codinspect.bench;

import io.codinspect.testkit.TextSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** The benchmark's sockets share one HTTP client: their consumers only count, never block. */
final class BenchClients {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    private BenchClients() {}

    static TextSocket open(URI uri, Map<String, String> headers, Consumer<String> onMessage) {
        var socket = new TextSocket(onMessage, code -> {});
        socket.connect(uri, headers, HTTP);
        return socket;
    }
}

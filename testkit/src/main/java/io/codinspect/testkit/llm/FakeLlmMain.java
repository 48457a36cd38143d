package io.codinspect.testkit.llm;

import io.codinspect.testkit.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import tools.jackson.databind.JsonNode;

/**
 * Runs the fake LLM from the command line: {@code FakeLlmMain [--port=N] [--script=file.json]}.
 * The script file holds {@code {"scripts": [{"trigger": "…", "replies": [reply…]}]}} where a reply
 * is {@code {"text": "…"}}, {@code {"tool": "write", "arguments": {…}}}, {@code {"status": 401,
 * "message": "…"}} or {@code {"chunks": [{"text"|"reasoning": "…"} | {"tool", "arguments"} |
 * {"pauseMs": n}]}}. It prints the base URL and serves until killed.
 */
public final class FakeLlmMain {

    private FakeLlmMain() {}

    public static void main(String[] args) throws Exception {
        var port = 0;
        Path script = null;
        for (var arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--script=")) {
                script = Path.of(arg.substring("--script=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + "; use --port=N --script=file.json");
            }
        }
        var fake = FakeLlm.start(port);
        if (script != null) {
            load(fake, Json.parse(Files.readString(script)));
        }
        System.out.println("fake LLM listening on " + fake.baseUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
        new CountDownLatch(1).await();
    }

    static void load(FakeLlm fake, JsonNode document) {
        for (var script : document.path("scripts")) {
            var replies = new ArrayList<Reply>();
            script.path("replies").forEach(r -> replies.add(reply(r)));
            fake.script(script.path("trigger").asString(), replies.toArray(Reply[]::new));
        }
    }

    private static Reply reply(JsonNode node) {
        if (node.has("status")) {
            return Reply.failure(
                    node.path("status").asInt(), node.path("message").asString("scripted failure"));
        }
        if (node.has("chunks")) {
            var chunks = new ArrayList<Chunk>();
            node.path("chunks").forEach(c -> chunks.add(chunk(c)));
            return new Reply.Stream(chunks);
        }
        return new Reply.Stream(List.of(chunk(node)));
    }

    private static Chunk chunk(JsonNode node) {
        if (node.has("tool")) {
            return new Chunk.ToolCall(node.path("tool").asString(), Json.write(node.path("arguments")));
        }
        if (node.has("reasoning")) {
            return new Chunk.Reasoning(node.path("reasoning").asString());
        }
        if (node.has("pauseMs")) {
            return new Chunk.Pause(Duration.ofMillis(node.path("pauseMs").asLong()));
        }
        return new Chunk.Text(node.path("text").asString());
    }
}

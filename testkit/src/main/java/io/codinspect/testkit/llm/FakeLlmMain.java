package io.codinspect.testkit.llm;

import io.codinspect.testkit.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import tools.jackson.databind.JsonNode;

/**
 * Runs the fake LLM from the command line: {@code FakeLlmMain [--port=N] [--script=file.json]
 * [--usage=input,output,cacheRead,cacheWrite,reasoning]}. The script file holds {@code {"scripts":
 * [{"trigger": "…", "replies": [reply…]}]}} where a reply is {@code {"text": "…"}}, {@code {"tool":
 * "write", "arguments": {…}}}, {@code {"status": 429, "message": "…", "retryAfterMs": n}}, {@code
 * {"chunks": [{"text"|"reasoning": "…"} | {"tool", "arguments"} | {"pauseMs": n}]}} or {@code
 * {"failFirst": n, "failure": {"status", …}, "then": reply}}, and any of them may carry {@code
 * "silenceMs": n} to wait that long before answering at all. It prints the
 * base URL (for all three APIs) and serves until killed.
 */
public final class FakeLlmMain {

    private FakeLlmMain() {}

    public static void main(String[] args) throws Exception {
        var port = 0;
        Path script = null;
        var usage = Usage.DEFAULT;
        for (var arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--script=")) {
                script = Path.of(arg.substring("--script=".length()));
            } else if (arg.startsWith("--usage=")) {
                var n = Arrays.stream(arg.substring("--usage=".length()).split(","))
                        .mapToLong(Long::parseLong)
                        .toArray();
                usage = new Usage(n[0], n[1], n[2], n[3], n[4]);
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + "; use --port=N --script=file.json --usage=in,out,cacheRead,cacheWrite,reasoning");
            }
        }
        var fake = FakeLlm.start(port).usage(usage);
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
        if (node.has("silenceMs")) {
            return Reply.silence(Duration.ofMillis(node.path("silenceMs").asLong()), unsilenced(node));
        }
        return unsilenced(node);
    }

    private static Reply unsilenced(JsonNode node) {
        if (node.has("failFirst")) {
            var failure = (Reply.Failure) unsilenced(node.path("failure"));
            return Reply.flaky(failure, node.path("failFirst").asInt(), reply(node.path("then")));
        }
        if (node.has("status")) {
            var failure = Reply.failure(
                    node.path("status").asInt(), node.path("message").asString("scripted failure"));
            return node.has("retryAfterMs")
                    ? failure.retryAfter(
                            Duration.ofMillis(node.path("retryAfterMs").asLong()))
                    : failure;
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

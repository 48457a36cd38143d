package io.codinspect.bench.chaos;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.llm.FakeLlm;
import io.codinspect.testkit.llm.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One session driven as a person would: prompt after prompt, each making the real agent write a
 * file of its own (so that every write can be looked for on the branch afterwards), some turns
 * slow enough to be hit by the faults; watched live by a {@link Watcher}.
 */
final class SessionDriver implements AutoCloseable {

    /** A file the agent is asked to write, with content of its own. */
    record Write(String file, String content, String trigger) {}

    /** A prompt and how it ended ({@code null} while unfinished). */
    record Run(String promptId, String trigger, String status) {}

    private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");
    private static final Duration PROMPT_PATIENCE = Duration.ofMinutes(5);

    private final String name;
    private final ApiClient api;
    private final FakeLlm llm;
    private final GitRepo origin;
    private final Random random;
    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final UUID id;
    private final String branch;
    private final Watcher watcher;
    private volatile boolean stopping;
    private volatile boolean stuck;
    private Thread thread;

    SessionDriver(String name, ApiClient api, FakeLlm llm, Path originDir, long seed) {
        this.name = name;
        this.api = api;
        this.llm = llm;
        this.origin = GitRepo.create(originDir);
        this.random = new Random(seed);
        var created = Api.call(
                () -> api.post("/api/sessions", Map.of("repository", originDir.toString(), "title", "chaos " + name)));
        if (created.status() != 201) {
            throw new IllegalStateException("could not create session " + name + ": " + created.body());
        }
        this.id = UUID.fromString(created.text("id"));
        this.branch = created.text("branch");
        this.watcher = new Watcher(api, api.base(), id);
    }

    UUID id() {
        return id;
    }

    String branch() {
        return branch;
    }

    GitRepo origin() {
        return origin;
    }

    Watcher watcher() {
        return watcher;
    }

    List<Write> writes() {
        return List.copyOf(writes);
    }

    List<Run> runs() {
        return List.copyOf(runs);
    }

    boolean stuck() {
        return stuck;
    }

    /** The sandbox its newest prompt started in, from the live timeline; null before any. */
    String currentSandbox() {
        return watcher.seen().descendingMap().values().stream()
                .filter(e -> "prompt.started".equals(e.path("type").asString()))
                .map(e -> e.path("sandboxId").asString())
                .findFirst()
                .orElse(null);
    }

    void start() {
        thread = Thread.ofVirtual().name("session-" + name).start(this::drive);
    }

    /** Stops sending new prompts (the one running goes on). */
    void stop() {
        stopping = true;
    }

    /** Waits, until {@code deadlineNanos} at most, for the prompt running to end. */
    void awaitIdle(long deadlineNanos) throws InterruptedException {
        stopping = true;
        thread.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
        if (thread.isAlive()) {
            stuck = true;
        }
    }

    /** One more prompt after the faults are over: whether it completes says whether the session goes on. */
    boolean probe() {
        var run = prompt(Reply.text("Still here."));
        return "completed".equals(run.status());
    }

    private void drive() {
        var n = 0;
        while (!stopping && !stuck) {
            n++;
            var file = "chaos/" + name + "-" + n + ".txt";
            var content = name + " prompt " + n + " " + UUID.randomUUID() + "\n";
            var slow = random.nextInt(3) == 0;
            var trigger = "<chaos-" + name + "-" + n + ">"; // bracketed: no trigger is a prefix of another
            writes.add(new Write(file, content, trigger));
            var finalText = slow
                    ? Reply.slow("Thinking about " + file, Duration.ofMillis(2000 + random.nextInt(6000)), " done.")
                    : Reply.text("Wrote " + file + ".");
            var write = random.nextInt(4) == 0 // sometimes the agent commits its work itself
                    ? Reply.tool(
                            "bash",
                            Map.of(
                                    "command",
                                    "mkdir -p chaos && printf '%s' '" + content.strip() + "\n' > " + file
                                            + " && git add -- " + file + " && git commit -qm 'agent commit " + n + "'",
                                    "description",
                                    "Write and commit " + file))
                    : Reply.tool("write", Map.of("filePath", file, "content", content));
            prompt(trigger, write, finalText);
        }
    }

    private Run prompt(Reply... replies) {
        return prompt("<chaos-" + name + "-probe-" + UUID.randomUUID() + ">", replies);
    }

    private Run prompt(String trigger, Reply... replies) {
        llm.script(trigger, replies);
        var requestId = UUID.randomUUID().toString();
        var queued = Api.call(() -> api.post(
                "/api/sessions/" + id + "/prompts",
                Map.of("content", "Please do " + trigger, "clientRequestId", requestId)));
        if (queued.status() >= 300) {
            throw new IllegalStateException("could not queue a prompt in " + name + ": " + queued.body());
        }
        var promptId = queued.text("id");
        var deadline = System.nanoTime() + PROMPT_PATIENCE.toNanos();
        String status = null;
        while (System.nanoTime() < deadline) {
            status = Api.call(() -> api.get("/api/sessions/" + id + "/prompts/" + promptId))
                    .text("status");
            if (ENDED.contains(status)) {
                break;
            }
            Api.pause(Duration.ofMillis(300));
        }
        var run = new Run(promptId, trigger, ENDED.contains(status) ? status : null);
        runs.add(run);
        if (run.status() == null) {
            stuck = true;
        }
        return run;
    }

    @Override
    public void close() {
        watcher.close();
    }
}

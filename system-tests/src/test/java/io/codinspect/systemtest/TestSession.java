package io.codinspect.systemtest;

import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.WatcherClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/** A session created over the API and watched over its WebSocket from its first event. */
record TestSession(ApiClient owner, UUID id, String branch, WatcherClient watcher) implements AutoCloseable {

    private static final Set<String> ENDINGS = Set.of("prompt.completed", "prompt.failed", "prompt.cancelled");

    static TestSession open(LocalSystem system, ApiClient owner, String repository) {
        return open(system, owner, Map.of("repository", repository, "title", "system test"));
    }

    /** A session created with {@code request} as the body of {@code POST /api/sessions}. */
    static TestSession open(LocalSystem system, ApiClient owner, Map<String, Object> request) {
        var created = owner.post("/api/sessions", request);
        if (created.status() != 201) {
            throw new IllegalStateException("creating the session failed: " + created.body());
        }
        var id = UUID.fromString(created.text("id"));
        return new TestSession(owner, id, created.text("branch"), system.watch(owner, id));
    }

    /** Queues a prompt as {@code author}; returns its id. */
    String prompt(ApiClient author, String content) {
        return prompt(author, Map.of("content", content));
    }

    String prompt(ApiClient author, Map<String, Object> body) {
        var queued = author.post("/api/sessions/" + id + "/prompts", new HashMap<>(body));
        if (queued.status() != 201 && queued.status() != 202) {
            throw new IllegalStateException("queueing the prompt failed: " + queued.body());
        }
        return queued.text("id");
    }

    /** Waits for the prompt's last event (completed, failed or cancelled) and returns it. */
    ObjectNode awaitEnd(String promptId, Duration timeout) {
        await().atMost(timeout).until(() -> ending(promptId).isPresent());
        return ending(promptId).orElseThrow();
    }

    /** Waits for the prompt to end and checks that it completed, showing the event when it did not. */
    void awaitCompleted(String promptId, Duration timeout) {
        var ending = awaitEnd(promptId, timeout);
        org.assertj.core.api.Assertions.assertThat(type(ending))
                .as("how prompt %s ended: %s", promptId, ending)
                .isEqualTo("prompt.completed");
    }

    Optional<ObjectNode> ending(String promptId) {
        return watcher.events().stream()
                .filter(e -> ENDINGS.contains(type(e)))
                .filter(e -> promptId.equals(e.path("promptId").asString()))
                .findFirst();
    }

    List<ObjectNode> events(String type) {
        return watcher.events().stream().filter(e -> type.equals(type(e))).toList();
    }

    List<ObjectNode> eventsOf(String promptId, String type) {
        return events(type).stream()
                .filter(e -> promptId.equals(e.path("promptId").asString()))
                .toList();
    }

    /** The sandbox a prompt ran in, from its {@code prompt.started} event. */
    String sandboxOf(String promptId) {
        return eventsOf(promptId, "prompt.started").getFirst().path("sandboxId").asString();
    }

    static String type(ObjectNode event) {
        return event.path("type").asString();
    }

    /**
     * Stops watching and archives the session, so that its sandbox does not stay up for the next
     * test (a test that leaves a prompt running fails here rather than slow the tests after it).
     */
    @Override
    public void close() {
        watcher.close();
        var archived = owner.post("/api/sessions/" + id + "/archive", null);
        if (archived.status() != 200) {
            throw new IllegalStateException("archiving session " + id + " failed: " + archived.body());
        }
    }
}

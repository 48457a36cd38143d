package io.codinspect.bench.chaos;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.llm.FakeLlm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * What the faults cost, counted from outside after the run:
 *
 * <ul>
 *   <li><b>events lost</b>: seqs missing from a session's final timeline (gaps), events a watcher
 *       was shown live that the final timeline does not hold the same, and events a completed
 *       prompt must have produced that are not stored (its tool call completed, its answer, its
 *       ending) — so an event the sandbox emitted and that never got stored counts too;
 *   <li><b>events duplicated</b>: the same fact stored twice — a prompt's message, start or ending,
 *       a tool call's state, a finished text or reasoning part, a pushed commit;
 *   <li><b>writes missing</b>: files the agent wrote (the model heard the write completed) that are
 *       neither on the session branch nor restored, unless a supervisor kill hit the session less
 *       than one checkpoint window after the write;
 *   <li><b>sessions stuck</b>: sessions with a prompt that never ended, or whose probe prompt after
 *       the faults did not complete.
 * </ul>
 */
record Verdict(
        int prompts,
        int completed,
        int failed,
        int cancelled,
        int eventsLost,
        int eventsDuplicated,
        int writesMissing,
        int writesSparedByTheWindow,
        int sessionsStuck,
        List<String> details) {

    boolean clean() {
        return eventsLost == 0 && eventsDuplicated == 0 && writesMissing == 0 && sessionsStuck == 0;
    }

    static Verdict of(
            List<SessionDriver> sessions,
            List<Boolean> probes,
            ApiClient api,
            FakeLlm llm,
            List<Faults.Injected> faults,
            Duration checkpointWindow) {
        int prompts = 0, completed = 0, failed = 0, cancelled = 0;
        int lost = 0, duplicated = 0, missing = 0, spared = 0, stuck = 0;
        var details = new ArrayList<String>();
        for (var i = 0; i < sessions.size(); i++) {
            var session = sessions.get(i);
            for (var run : session.runs()) {
                prompts++;
                switch (run.status() == null ? "" : run.status()) {
                    case "completed" -> completed++;
                    case "failed" -> failed++;
                    case "cancelled" -> cancelled++;
                    default -> {}
                }
            }
            var timeline = timeline(api, session);
            var expected = 1L;
            for (var seq : timeline.keySet()) {
                if (seq != expected) {
                    lost += (int) (seq - expected);
                    details.add(session.id() + ": seqs " + expected + ".." + (seq - 1) + " are missing");
                }
                expected = seq + 1;
            }
            var writing = new java.util.HashSet<String>();
            session.writes().forEach(w -> writing.add(w.trigger()));
            for (var run : session.runs()) {
                if (!"completed".equals(run.status())) {
                    continue;
                }
                var absent = new ArrayList<String>();
                if (writing.contains(run.trigger()) && !has(timeline, run.promptId(), "tool.call", "completed")) {
                    absent.add("its completed tool call");
                }
                if (!has(timeline, run.promptId(), "assistant.text", null)) {
                    absent.add("its answer");
                }
                if (!has(timeline, run.promptId(), "prompt.completed", null)) {
                    absent.add("its ending");
                }
                lost += absent.size();
                if (!absent.isEmpty()) {
                    details.add(session.id() + ": prompt " + run.promptId() + " completed without " + absent);
                }
            }
            for (var seen : session.watcher().seen().entrySet()) {
                var stored = timeline.get(seen.getKey());
                if (stored == null
                        || !stored.path("type").equals(seen.getValue().path("type"))) {
                    lost++;
                    details.add(session.id() + ": seq " + seen.getKey() + " was shown live but is not stored");
                }
            }
            lost += session.watcher().changed();
            duplicated += duplicates(session, timeline.values(), details);
            for (var write : session.writes()) {
                var turns = llm.turns(write.trigger());
                if (turns.size() < 2) {
                    continue; // the write never completed
                }
                var completedAt = turns.get(1).receivedNanos();
                if (session.origin().hasFile(session.branch(), write.file())
                        && write.content().equals(session.origin().show(session.branch(), write.file()))) {
                    continue;
                }
                var killedSoonAfter = faults.stream()
                        .anyMatch(f -> f.kind() == Fault.supervisorKill
                                && session.id().equals(f.session())
                                && f.atNanos() >= completedAt
                                && f.atNanos() - completedAt < checkpointWindow.toNanos());
                if (killedSoonAfter) {
                    spared++;
                } else {
                    missing++;
                    details.add(session.id() + ": " + write.file() + " is not on " + session.branch());
                }
            }
            if (session.stuck() || !probes.get(i)) {
                stuck++;
                details.add(session.id() + ": stuck" + (session.stuck() ? " (a prompt never ended)" : " (probe)"));
            }
        }
        return new Verdict(prompts, completed, failed, cancelled, lost, duplicated, missing, spared, stuck, details);
    }

    private static boolean has(TreeMap<Long, JsonNode> timeline, String promptId, String type, String status) {
        return timeline.values().stream()
                .anyMatch(e -> type.equals(e.path("type").asString())
                        && promptId.equals(e.path("promptId").asString())
                        && (status == null || status.equals(e.path("status").asString())));
    }

    /** The session's stored timeline by seq, read page by page. */
    private static TreeMap<Long, JsonNode> timeline(ApiClient api, SessionDriver session) {
        var events = new TreeMap<Long, JsonNode>();
        var after = 0L;
        while (true) {
            var from = after;
            var page = Api.call(
                            () -> api.get("/api/sessions/" + session.id() + "/events?after=" + from + "&limit=1000"))
                    .json();
            for (var event : page.path("events")) {
                events.put(event.path("seq").asLong(), event);
                after = event.path("seq").asLong();
            }
            if (!page.path("hasMore").asBoolean()) {
                return events;
            }
        }
    }

    private static int duplicates(SessionDriver session, Iterable<JsonNode> events, List<String> details) {
        var seen = new HashMap<String, Long>();
        var count = 0;
        for (var event : events) {
            var key = key(event);
            if (key == null) {
                continue;
            }
            var previous = seen.putIfAbsent(key, event.path("seq").asLong());
            if (previous != null) {
                count++;
                details.add(session.id() + ": " + key + " at seq " + previous + " and "
                        + event.path("seq").asLong());
            }
        }
        return count;
    }

    /** What makes an event one fact, or null for kinds that may legitimately repeat. */
    private static String key(JsonNode event) {
        var type = event.path("type").asString();
        var prompt = event.path("promptId").asString("");
        return switch (type) {
            case "user.message", "prompt.started", "prompt.completed", "prompt.failed", "prompt.cancelled" ->
                // one ending per prompt, whichever it is
                (type.startsWith("prompt.") && !type.equals("prompt.started") ? "ending" : type) + " " + prompt;
            case "tool.call" ->
                type + " " + prompt + " " + event.path("callId").asString() + " "
                        + event.path("status").asString();
            case "assistant.text", "assistant.reasoning" ->
                type + " " + prompt + " " + event.path("partId").asString();
            case "commit.pushed" -> type + " " + event.path("sha").asString();
            default -> null;
        };
    }
}

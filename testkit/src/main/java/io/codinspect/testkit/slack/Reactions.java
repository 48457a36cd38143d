package io.codinspect.testkit.slack;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The reactions on messages, by message key, then by name in the order first added, then who reacted. */
final class Reactions {

    private final Map<String, Map<String, Set<String>>> byMessage = new LinkedHashMap<>();

    /** Adds or removes one person's reaction: {@code already_reacted}, {@code no_reaction} as Slack answers. */
    synchronized void change(String message, String name, String userId, boolean add) {
        var byName = byMessage.computeIfAbsent(message, k -> new LinkedHashMap<>());
        if (add == byName.getOrDefault(name, Set.of()).contains(userId)) {
            throw new SlackError(add ? "already_reacted" : "no_reaction");
        }
        if (add) {
            byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(userId);
        } else {
            byName.get(name).remove(userId);
            byName.values().removeIf(Set::isEmpty);
        }
    }

    synchronized Map<String, List<String>> on(String message) {
        var copy = new LinkedHashMap<String, List<String>>();
        byMessage.getOrDefault(message, Map.of()).forEach((name, who) -> copy.put(name, List.copyOf(who)));
        return copy;
    }
}

package io.codinspect.slackbot;

import java.util.LinkedHashMap;
import java.util.Map;

/** The bot's in-process memories: maps that drop their oldest entry past a bound. Not thread-safe. */
final class Bounded {

    private Bounded() {}

    /** A map in insertion order that keeps at most {@code limit} entries, dropping the oldest. */
    static <K, V> Map<K, V> oldestDropped(int limit) {
        return new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > limit;
            }
        };
    }
}

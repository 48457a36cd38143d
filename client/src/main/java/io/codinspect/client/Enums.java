package io.codinspect.client;

/** Reads the server's enum values leniently: what this client does not know becomes a fallback. */
final class Enums {

    private Enums() {}

    static <E extends Enum<E>> E of(Class<E> type, String value, E fallback) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}

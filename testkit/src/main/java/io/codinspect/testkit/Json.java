package io.codinspect.testkit;

import io.codinspect.model.event.EventCodec;
import tools.jackson.databind.JsonNode;

/** JSON helpers for tests. */
public final class Json {

    private Json() {}

    public static JsonNode parse(String text) {
        return EventCodec.mapper().readTree(text);
    }

    public static String write(Object value) {
        return EventCodec.mapper().writeValueAsString(value);
    }
}

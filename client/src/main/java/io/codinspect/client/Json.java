package io.codinspect.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client's JSON: fields the server adds later are ignored, nulls are left out of requests
 * (the server reads a missing field as null), and a missing number or flag reads as 0 or false.
 */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Json() {}

    static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    static <T> T read(byte[] body, Class<T> type, String request) {
        try {
            return MAPPER.readValue(body, type);
        } catch (JacksonException e) {
            throw unreadable(request, e);
        }
    }

    static <T> T read(byte[] body, TypeReference<T> type, String request) {
        try {
            return MAPPER.readValue(body, type);
        } catch (JacksonException e) {
            throw unreadable(request, e);
        }
    }

    /** The body as a JSON tree, or null when it is empty or not JSON. */
    static JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static CodInspectException unreadable(String request, JacksonException e) {
        return new CodInspectException(request + ": unreadable answer: " + e.getOriginalMessage(), e);
    }
}

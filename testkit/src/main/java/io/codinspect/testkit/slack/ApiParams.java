package io.codinspect.testkit.slack;

import io.codinspect.testkit.Json;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The arguments of one Web API call, all as strings, whether they came form-encoded, in the query
 * or in a JSON body (where objects and arrays are kept as JSON text, the way the SDK sends {@code
 * blocks} and {@code view} in forms).
 */
record ApiParams(Map<String, String> values) {

    ApiParams {
        values = Map.copyOf(values);
    }

    /** The argument, or null when absent or empty. */
    String get(String name) {
        var value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The argument; {@code error} when it is absent. */
    String required(String name, String error) {
        var value = get(name);
        if (value == null) {
            throw new SlackError(error);
        }
        return value;
    }

    boolean flag(String name, boolean otherwise) {
        var value = get(name);
        return value == null ? otherwise : value.equals("true") || value.equals("1");
    }

    int number(String name, int otherwise) {
        var value = get(name);
        try {
            return value == null ? otherwise : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SlackError("invalid_arguments");
        }
    }

    /** The argument parsed as JSON, null when absent; {@code error} when it is not JSON. */
    JsonNode json(String name, String error) {
        var value = get(name);
        if (value == null) {
            return null;
        }
        try {
            return Json.parse(value);
        } catch (JacksonException e) {
            throw new SlackError(error);
        }
    }
}

package io.codinspect.testkit.slack;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A Web API call the fake received (the token is not kept).
 *
 * @param method the method name, such as {@code chat.update}
 * @param params its arguments as sent; JSON-valued ones ({@code blocks}, {@code view}) as JSON text
 * @param status the HTTP status answered: 200, or 429 when rate limited
 * @param answer the JSON body answered
 */
public record SlackApiCall(String method, Map<String, String> params, int status, JsonNode answer) {

    public SlackApiCall {
        params = Map.copyOf(params);
    }

    /** An argument, or null. */
    public String param(String name) {
        return params.get(name);
    }

    /** A JSON-valued argument ({@code blocks}, {@code view}, {@code metadata}) parsed, or null. */
    public JsonNode json(String name) {
        var value = params.get(name);
        return value == null || value.isEmpty() ? null : SlackJson.parse(value);
    }

    /** Whether Slack answered {@code ok:true}. */
    public boolean ok() {
        return status == 200 && answer.path("ok").asBoolean(false);
    }

    /** The error code answered ({@code ratelimited} for a 429), or null. */
    public String error() {
        return answer.path("error").isString() ? answer.path("error").stringValue() : null;
    }
}

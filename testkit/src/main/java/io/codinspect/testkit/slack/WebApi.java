package io.codinspect.testkit.slack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Web API's methods by name: checks the bot token ({@code not_authed}, {@code invalid_auth}),
 * applies rate limits asked for by the test, answers {@code unknown_method} for methods it does
 * not serve, turns {@link SlackError}s into {@code ok:false} answers and records every call.
 */
final class WebApi {

    /** One Web API method: the fields of its {@code ok:true} answer. */
    interface Method {
        ObjectNode call(ApiParams params);
    }

    /** What to send back: the HTTP status, the JSON body, and a {@code Retry-After} in seconds or null. */
    record Answer(int status, ObjectNode body, Integer retryAfter) {}

    private record Limit(int remaining, int retryAfterSeconds) {}

    private final Map<String, Method> methods = new HashMap<>();
    private final Map<String, Limit> limits = new HashMap<>();
    private final List<SlackApiCall> calls = new ArrayList<>();
    private final byte[] botToken;

    WebApi(SlackWorkspace workspace, String botToken) {
        this.botToken = botToken.getBytes(StandardCharsets.UTF_8);
        new WorkspaceMethods(workspace).register(methods);
        new ChatMethods(workspace).register(methods);
    }

    /** The next {@code times} calls of {@code method} answer 429 with {@code Retry-After}. */
    synchronized void rateLimit(String method, int times, int retryAfterSeconds) {
        if (times > 0) {
            limits.put(method, new Limit(times, retryAfterSeconds));
        } else {
            limits.remove(method);
        }
    }

    /** The {@code Retry-After} for this call when it is rate limited, else null. */
    private synchronized Integer takeLimit(String method) {
        var limit = limits.get(method);
        if (limit == null) {
            return null;
        }
        if (limit.remaining() > 1) {
            limits.put(method, new Limit(limit.remaining() - 1, limit.retryAfterSeconds()));
        } else {
            limits.remove(method);
        }
        return limit.retryAfterSeconds();
    }

    Answer call(String method, ApiParams params, String authorization) {
        return record(method, params, answer(method, params, authorization));
    }

    /** A call whose body could not be read ({@code invalid_json}, {@code invalid_form_data}). */
    Answer unreadable(String method, String error) {
        return record(method, new ApiParams(Map.of()), error(error));
    }

    private Answer record(String method, ApiParams params, Answer answer) {
        synchronized (calls) {
            if (calls.size() >= SlackWorkspace.MAX_RECORDS) {
                throw new IllegalStateException(
                        "the fake Slack keeps at most " + SlackWorkspace.MAX_RECORDS + " calls");
            }
            var kept = new HashMap<>(params.values());
            kept.remove("token"); // a token sent as an argument is a secret too
            calls.add(new SlackApiCall(method, kept, answer.status(), answer.body()));
        }
        return answer;
    }

    List<SlackApiCall> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    private Answer answer(String method, ApiParams params, String authorization) {
        var handler = methods.get(method);
        if (handler == null) {
            return error("unknown_method");
        }
        var retryAfter = takeLimit(method);
        if (retryAfter != null) {
            var body = SlackJson.object().put("ok", false).put("error", "ratelimited");
            return new Answer(429, body, retryAfter);
        }
        var token = token(params, authorization);
        if (token == null) {
            return error("not_authed");
        }
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), botToken)) {
            return error("invalid_auth");
        }
        try {
            var body = SlackJson.object().put("ok", true);
            body.setAll(handler.call(params));
            return new Answer(200, body, null);
        } catch (SlackError e) {
            var answer = error(e.code());
            if (!e.details().isEmpty()) {
                var messages = answer.body().putObject("response_metadata").putArray("messages");
                e.details().forEach(messages::add);
            }
            return answer;
        }
    }

    private static String token(ApiParams params, String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return params.get("token");
    }

    private static Answer error(String code) {
        return new Answer(200, SlackJson.object().put("ok", false).put("error", code), null);
    }
}

package io.codinspect.slackbot;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's Web API as the bot calls it: an answer that is not {@code ok} becomes a {@link
 * SlackFailure}; a 429 waits the {@code Retry-After} Slack asks for (at most {@link #MAX_WAIT},
 * at most {@link #ATTEMPTS} tries), so a burst of updates slows down instead of being lost.
 */
final class SlackApi {

    private static final Logger log = LoggerFactory.getLogger(SlackApi.class);
    private static final int ATTEMPTS = 3;
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    /** Errors that say the thing is already as wanted. */
    private static final Set<String> HARMLESS = Set.of("already_reacted", "no_reaction", "message_not_found");

    @FunctionalInterface
    interface Call<T extends SlackApiTextResponse> {
        T on(MethodsClient methods) throws IOException, SlackApiException;
    }

    /** Slack's error codes that say to try again later; any other says the call cannot succeed. */
    private static final Set<String> TRANSIENT =
            Set.of("ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");

    /** A Web API call that failed: Slack's error code ({@code channel_not_found}) or the HTTP failure. */
    static final class SlackFailure extends RuntimeException {
        private final String error;
        private final boolean transientFailure;

        SlackFailure(String method, String error, Throwable cause) {
            this(method, error == null ? "unknown" : error, error != null && TRANSIENT.contains(error), cause);
        }

        SlackFailure(String method, String error, boolean transientFailure, Throwable cause) {
            super(method + " failed: " + error, cause);
            this.error = error;
            this.transientFailure = transientFailure;
        }

        String error() {
            return error;
        }

        /** Whether the same call may succeed later (Slack down or busy, the network); not for refusals. */
        boolean transientFailure() {
            return transientFailure;
        }
    }

    private final MethodsClient methods;

    SlackApi(MethodsClient methods) {
        this.methods = methods;
    }

    /** Calls {@code method}; throws {@link SlackFailure} unless Slack answers {@code ok}. */
    <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
        for (var attempt = 1; ; attempt++) {
            try {
                var answer = call.on(methods);
                if (!answer.isOk()) {
                    throw new SlackFailure(method, answer.getError(), null);
                }
                return answer;
            } catch (SlackApiException e) {
                var status = e.getResponse().code();
                if (status == 429 && attempt < ATTEMPTS) {
                    waitFor(method, retryAfter(e));
                    continue;
                }
                throw new SlackFailure(method, "HTTP " + status, status == 429 || status >= 500, e);
            } catch (IOException e) {
                throw new SlackFailure(method, e.getClass().getSimpleName() + ": " + e.getMessage(), true, e);
            }
        }
    }

    /** As {@link #call}, for what may fail without harm (a reaction already there): logged, not thrown. */
    <T extends SlackApiTextResponse> void tryCall(String method, Call<T> call) {
        try {
            call(method, call);
        } catch (SlackFailure e) {
            if (!HARMLESS.contains(e.error())) {
                log.warn("Slack {} failed: {}", method, e.error());
            }
        }
    }

    private static Duration retryAfter(SlackApiException e) {
        var header = e.getResponse().header("Retry-After");
        try {
            var seconds = header == null ? 1 : Long.parseLong(header.strip());
            return Duration.ofSeconds(Math.max(1, seconds)).compareTo(MAX_WAIT) > 0
                    ? MAX_WAIT
                    : Duration.ofSeconds(Math.max(1, seconds));
        } catch (NumberFormatException bad) {
            return Duration.ofSeconds(1);
        }
    }

    private static void waitFor(String method, Duration wait) {
        log.info("Slack rate-limited {}; retrying in {}", method, wait);
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackFailure(method, "interrupted while rate-limited", true, e);
        }
    }
}

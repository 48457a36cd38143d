package io.codinspect.testkit.slack;

import java.util.List;

/**
 * A Web API call Slack refuses: answered with HTTP 200 and {@code {"ok":false,"error":code}},
 * plus {@code response_metadata.messages} when there are details (as for {@code invalid_blocks}).
 */
final class SlackError extends RuntimeException {

    private final String code;
    private final List<String> details;

    SlackError(String code) {
        this(code, List.of());
    }

    SlackError(String code, List<String> details) {
        super(code, null, false, false);
        this.code = code;
        this.details = List.copyOf(details);
    }

    String code() {
        return code;
    }

    List<String> details() {
        return details;
    }
}

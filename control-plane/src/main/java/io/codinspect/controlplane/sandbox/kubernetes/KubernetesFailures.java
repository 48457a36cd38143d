package io.codinspect.controlplane.sandbox.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Locale;

/**
 * Kubernetes API failures classified by HTTP status in one place: an exceeded quota (403), a
 * conflict (409), throttling (429), server errors (5xx) and no answer at all are worth another
 * try; any other 4xx is a mistake in what was asked and fails at once with the API's message.
 */
final class KubernetesFailures {

    private KubernetesFailures() {}

    static boolean retryable(KubernetesClientException e) {
        int code = e.getCode();
        return code == 0
                || code == 409
                || code == 429
                || code >= 500
                || (code == 403 && message(e).toLowerCase(Locale.ROOT).contains("exceeded quota"));
    }

    /** The API server's own words (its Status message) when it gave some, else the client's. */
    static String message(KubernetesClientException e) {
        var status = e.getStatus();
        if (status != null
                && status.getMessage() != null
                && !status.getMessage().isBlank()) {
            return status.getMessage();
        }
        return e.getMessage() == null ? "no details" : e.getMessage();
    }
}

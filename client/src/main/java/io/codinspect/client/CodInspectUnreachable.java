package io.codinspect.client;

import java.util.OptionalInt;

/**
 * The control plane could not be reached or did not answer in time: connection refused or reset,
 * a timeout, or a 5xx answered by something in front of it (a proxy) without a problem detail. The
 * request may or may not have been carried out; retry it (with a {@code clientRequestId} or an
 * external key, so that a retry never does the work twice).
 */
public class CodInspectUnreachable extends CodInspectException {

    private final int status;

    public CodInspectUnreachable(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public CodInspectUnreachable(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status a proxy answered, if any. */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }
}

package io.codinspect.client;

/**
 * A notification delivery that is not genuine or cannot be read: a header missing or malformed, a
 * timestamp too far away, a signature that does not match, a body that is not a notification. Its
 * message says why and never holds the secret; a subscriber answers it with 400 (or 401).
 */
public class InvalidNotification extends CodInspectException {

    public InvalidNotification(String reason) {
        super(reason);
    }

    public InvalidNotification(String reason, Throwable cause) {
        super(reason, cause);
    }
}

package io.codinspect.client;

/**
 * The root of everything this client throws: the server refused ({@link CodInspectProblem}), could
 * not be reached ({@link CodInspectUnreachable}), a notification is not genuine
 * ({@link InvalidNotification}), or an answer could not be read. Messages never hold a token or a
 * secret.
 */
public class CodInspectException extends RuntimeException {

    public CodInspectException(String message) {
        super(message);
    }

    public CodInspectException(String message, Throwable cause) {
        super(message, cause);
    }
}

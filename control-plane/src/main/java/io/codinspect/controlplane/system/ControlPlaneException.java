package io.codinspect.controlplane.system;

import org.springframework.http.HttpStatus;

/**
 * The root of the control plane's own failures. Each carries the HTTP status and the short title
 * of the RFC 9457 problem it becomes; the message is the problem's detail and is written for
 * people, never containing secrets.
 */
public class ControlPlaneException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    public ControlPlaneException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static ControlPlaneException notFound(String what, Object id) {
        return new ControlPlaneException(HttpStatus.NOT_FOUND, what + " not found", "No " + what + " with id " + id);
    }

    public static ControlPlaneException conflict(String detail) {
        return new ControlPlaneException(HttpStatus.CONFLICT, "Conflict", detail);
    }

    public static ControlPlaneException badRequest(String detail) {
        return new ControlPlaneException(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    }

    public static ControlPlaneException forbidden(String detail) {
        return new ControlPlaneException(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    public static ControlPlaneException tooMany(String detail) {
        return new ControlPlaneException(HttpStatus.TOO_MANY_REQUESTS, "Too many unfinished prompts", detail);
    }

    public static ControlPlaneException tooLarge(String detail) {
        return new ControlPlaneException(HttpStatus.CONTENT_TOO_LARGE, "Content too large", detail);
    }
}

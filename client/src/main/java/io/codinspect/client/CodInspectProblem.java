package io.codinspect.client;

/**
 * The control plane refused a request, with an RFC 9457 problem detail: 400 invalid, 403 not
 * allowed (or a person not admitted), 404 not found, 409 conflict, 413 too large. When the answer
 * held no problem JSON, {@code title} is the status's reason phrase and {@code detail} is null.
 */
public class CodInspectProblem extends CodInspectException {

    private final int status;
    private final String title;
    private final String detail;

    public CodInspectProblem(String request, int status, String title, String detail) {
        super(request + ": " + status + " " + title + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** A short summary, such as {@code Not admitted}. */
    public String title() {
        return title;
    }

    /** What went wrong in words a bot can show its person; nullable. */
    public String detail() {
        return detail;
    }
}

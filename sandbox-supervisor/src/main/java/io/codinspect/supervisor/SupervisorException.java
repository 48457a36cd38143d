package io.codinspect.supervisor;

/** A failure the supervisor reports to people: its message is shown in the session. */
public class SupervisorException extends RuntimeException {

    public SupervisorException(String message) {
        super(message);
    }

    public SupervisorException(String message, Throwable cause) {
        super(message, cause);
    }
}

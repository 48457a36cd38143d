package io.codinspect.controlplane.github;

import io.codinspect.controlplane.system.ControlPlaneException;
import org.springframework.http.HttpStatus;

/** GitHub could not be reached or refused; shown as a 502 problem detail without credentials. */
public class GitHubException extends ControlPlaneException {

    private final boolean notFound;

    GitHubException(String detail, boolean notFound) {
        super(HttpStatus.BAD_GATEWAY, "GitHub call failed", detail);
        this.notFound = notFound;
    }

    /** GitHub answered 404: the thing does not exist, or the credential may not see it. */
    boolean notFound() {
        return notFound;
    }
}

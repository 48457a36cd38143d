package io.codinspect.controlplane.sandbox;

import io.codinspect.controlplane.system.ControlPlaneException;
import org.springframework.http.HttpStatus;

/** A sandbox could not be started; the message says why in plain words. */
public class SandboxSpawnException extends ControlPlaneException {

    public SandboxSpawnException(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Sandbox could not start", detail);
    }
}

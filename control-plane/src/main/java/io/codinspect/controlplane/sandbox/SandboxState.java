package io.codinspect.controlplane.sandbox;

import io.codinspect.controlplane.system.Lifecycle;

/**
 * A sandbox's life as the control plane sees it: {@code requested} from spawn until its bridge
 * says hello, then {@code connected} and {@code disconnected} as the bridge comes and goes, until
 * it is {@code stopped}, {@code lost} (no heartbeat, or its process died) or {@code failed} (it
 * could not be spawned, or its boot failed).
 */
public enum SandboxState implements Lifecycle<SandboxState> {
    requested,
    connected,
    disconnected,
    stopped,
    lost,
    failed;

    @Override
    public boolean canBecome(SandboxState next) {
        return switch (this) {
            case requested -> next == connected || next == failed || next == lost || next == stopped;
            case connected, disconnected -> next != requested && next != this;
            case stopped, lost, failed -> false;
        };
    }

    public boolean live() {
        return this == requested || this == connected || this == disconnected;
    }
}

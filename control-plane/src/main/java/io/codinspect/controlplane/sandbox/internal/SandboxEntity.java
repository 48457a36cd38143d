package io.codinspect.controlplane.sandbox.internal;

import io.codinspect.controlplane.sandbox.SandboxState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "sandbox")
public class SandboxEntity {

    @Id
    private UUID id;

    @Column(name = "session_id")
    private UUID sessionId;

    @Enumerated(EnumType.STRING)
    private SandboxState status;

    @Column(name = "token_hash")
    private byte[] tokenHash;

    @Column(name = "agent_token_hash")
    private byte[] agentTokenHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "connected_at")
    private Instant connectedAt;

    @Column(name = "last_heartbeat_at")
    private Instant lastHeartbeatAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "end_reason")
    private String endReason;

    protected SandboxEntity() {}

    public SandboxEntity(UUID id, UUID sessionId, byte[] tokenHash, byte[] agentTokenHash, Instant now) {
        this.id = id;
        this.sessionId = sessionId;
        this.tokenHash = tokenHash;
        this.agentTokenHash = agentTokenHash;
        this.status = SandboxState.requested;
        this.createdAt = now;
        this.lastHeartbeatAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public SandboxState status() {
        return status;
    }

    public byte[] tokenHash() {
        return tokenHash;
    }

    public byte[] agentTokenHash() {
        return agentTokenHash;
    }

    public void move(SandboxState next, String reason, Instant now) {
        status = status.moveTo(next, "Sandbox", id);
        switch (next) {
            case connected -> {
                connectedAt = now;
                lastHeartbeatAt = now;
            }
            case stopped, lost, failed -> {
                endedAt = now;
                endReason = reason;
            }
            default -> {}
        }
    }
}

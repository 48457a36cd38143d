package io.codinspect.controlplane.user.internal;

import io.codinspect.controlplane.user.TokenInfo;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "api_token")
public class ApiTokenEntity {

    @Id
    private UUID id;

    @Column(name = "user_id")
    private UUID userId;

    private String name;

    @Column(name = "token_hash")
    private byte[] tokenHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiTokenEntity() {}

    public ApiTokenEntity(UUID id, UUID userId, String name, byte[] tokenHash, Instant createdAt) {
        this.id = id;
        this.userId = userId;
        this.name = name;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
    }

    public UUID userId() {
        return userId;
    }

    public byte[] tokenHash() {
        return tokenHash;
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    public TokenInfo toInfo() {
        return new TokenInfo(id, name, createdAt, revokedAt);
    }
}

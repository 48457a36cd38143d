package io.codinspect.controlplane.bot.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "service_account")
public class ServiceAccountEntity {

    @Id
    private UUID id;

    private String name;

    private String namespace;

    @Column(name = "token_hash")
    private byte[] tokenHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    @Column(name = "disabled_at")
    private Instant disabledAt;

    protected ServiceAccountEntity() {}

    public ServiceAccountEntity(UUID id, String name, byte[] tokenHash, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.namespace = name;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    public byte[] tokenHash() {
        return tokenHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant rotatedAt() {
        return rotatedAt;
    }

    public Instant disabledAt() {
        return disabledAt;
    }

    public void rotate(byte[] newHash, Instant at) {
        tokenHash = newHash;
        rotatedAt = at;
    }

    public void disable(Instant at) {
        if (disabledAt == null) {
            disabledAt = at;
        }
    }

    public void enable() {
        disabledAt = null;
    }
}

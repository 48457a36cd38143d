package io.codinspect.controlplane.bot.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A person's identity on a platform (namespace, external id), linked to a CodInspect user. */
@Entity
@Table(name = "user_identity")
public class UserIdentityEntity {

    @Embeddable
    public record Key(
            String namespace, @Column(name = "external_id") String externalId) implements Serializable {}

    @EmbeddedId
    private Key key;

    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "display_name")
    private String displayName;

    private String email;

    @Column(name = "avatar_url")
    private String avatarUrl;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected UserIdentityEntity() {}

    public UserIdentityEntity(Key key, UUID userId, Instant at) {
        this.key = key;
        this.userId = userId;
        this.createdAt = at;
        this.updatedAt = at;
    }

    public UUID userId() {
        return userId;
    }

    /** What the platform says of the person now. */
    public void describe(String displayName, String email, String avatarUrl, Instant at) {
        this.displayName = displayName;
        this.email = email;
        this.avatarUrl = avatarUrl;
        this.updatedAt = at;
    }
}

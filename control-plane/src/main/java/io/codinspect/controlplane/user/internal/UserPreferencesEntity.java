package io.codinspect.controlplane.user.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "user_preferences")
public class UserPreferencesEntity {

    @Id
    @Column(name = "user_id")
    private UUID userId;

    private String model;

    @Column(name = "reasoning_effort")
    private String reasoningEffort;

    /** JSON object: repository to branch. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "base_branches")
    private String baseBranches;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected UserPreferencesEntity() {}

    public UserPreferencesEntity(UUID userId) {
        this.userId = userId;
    }

    public String model() {
        return model;
    }

    public String reasoningEffort() {
        return reasoningEffort;
    }

    public String baseBranches() {
        return baseBranches;
    }

    public void set(String model, String reasoningEffort, String baseBranches, Instant at) {
        this.model = model;
        this.reasoningEffort = reasoningEffort;
        this.baseBranches = baseBranches;
        this.updatedAt = at;
    }
}

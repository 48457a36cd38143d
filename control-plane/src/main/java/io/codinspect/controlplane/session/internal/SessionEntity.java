package io.codinspect.controlplane.session.internal;

import io.codinspect.controlplane.session.Session;
import io.codinspect.controlplane.session.SessionStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Formula;

@Entity
@Table(name = "session")
public class SessionEntity {

    @Id
    private UUID id;

    private String repository;

    @Column(name = "base_branch")
    private String baseBranch;

    private String branch;
    private String title;
    private String model;

    @Column(name = "reasoning_effort")
    private String reasoningEffort;

    @Enumerated(EnumType.STRING)
    private SessionStatus status;

    @Column(name = "created_by")
    private UUID createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    /** Owned by the event log (JDBC); read-only here. */
    @Column(name = "last_seq", insertable = false, updatable = false)
    private long lastSeq;

    /** When the newest event of the timeline was stored, read with the row (a primary-key lookup). */
    @Formula("(select e.created_at from session_event e where e.session_id = id and e.seq = last_seq)")
    private Instant lastEventAt;

    @Column(name = "prompt_count")
    private long promptCount;

    @Column(name = "checkpoint_key")
    private byte[] checkpointKey;

    protected SessionEntity() {}

    public SessionEntity(
            UUID id,
            String repository,
            String baseBranch,
            String branch,
            String title,
            String model,
            String reasoningEffort,
            UUID createdBy,
            Instant now) {
        this.id = id;
        this.repository = repository;
        this.baseBranch = baseBranch;
        this.branch = branch;
        this.title = title;
        this.model = model;
        this.reasoningEffort = reasoningEffort;
        this.status = SessionStatus.created;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public SessionStatus status() {
        return status;
    }

    public void status(SessionStatus status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }

    public void title(String title, Instant now) {
        this.title = title;
        this.updatedAt = now;
    }

    /** Hands out the next prompt ordinal of this session. */
    public long nextPromptOrdinal() {
        return ++promptCount;
    }

    public Session toSession() {
        return new Session(
                id,
                status,
                repository,
                baseBranch,
                branch,
                title,
                model,
                reasoningEffort,
                createdBy,
                createdAt,
                updatedAt,
                lastEventAt != null && lastEventAt.isAfter(updatedAt) ? lastEventAt : updatedAt,
                lastSeq);
    }

    /** The key its sandboxes sign checkpoints with, made on first use; never part of the API's view. */
    public byte[] checkpointKey() {
        if (checkpointKey == null) {
            checkpointKey = new byte[32];
            new java.security.SecureRandom().nextBytes(checkpointKey);
        }
        return checkpointKey.clone();
    }
}

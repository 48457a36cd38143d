package io.codinspect.controlplane.session.internal;

import io.codinspect.controlplane.session.BotData;
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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    @Column(name = "service_account_id")
    private UUID serviceAccountId;

    @Column(name = "created_via")
    private String createdVia;

    @Column(name = "external_key")
    private String externalKey;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "bot_data")
    private String botData;

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
        this.status = repository == null ? SessionStatus.awaiting_repository : SessionStatus.created;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Made by a bot for its person, with the bot's key and data. */
    public SessionEntity via(UUID serviceAccountId, String createdVia, String externalKey, String botData) {
        this.serviceAccountId = serviceAccountId;
        this.createdVia = createdVia;
        this.externalKey = externalKey;
        this.botData = botData;
        return this;
    }

    public UUID serviceAccountId() {
        return serviceAccountId;
    }

    public void botData(String botData, Instant now) {
        this.botData = botData;
        this.updatedAt = now;
    }

    /** The repository of a session that awaited it; the caller moves it on to {@code created}. */
    public void repository(String repository, String baseBranch, Instant now) {
        this.repository = repository;
        this.baseBranch = baseBranch;
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
                lastSeq,
                externalKey,
                createdVia,
                BotData.read(botData),
                null);
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

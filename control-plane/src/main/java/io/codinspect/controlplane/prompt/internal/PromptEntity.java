package io.codinspect.controlplane.prompt.internal;

import io.codinspect.controlplane.prompt.PromptStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "prompt")
public class PromptEntity {

    @Id
    private UUID id;

    @Column(name = "session_id")
    private UUID sessionId;

    private long ordinal;

    @Column(name = "author_id")
    private UUID authorId;

    private String content;
    private String model;

    @Column(name = "reasoning_effort")
    private String reasoningEffort;

    @Column(name = "client_request_id")
    private String clientRequestId;

    @Enumerated(EnumType.STRING)
    private PromptStatus status;

    private String error;

    @Column(name = "sandbox_id")
    private UUID sandboxId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "stop_requested_at")
    private Instant stopRequestedAt;

    @Column(name = "stop_reason")
    private String stopReason;

    @Column(name = "started_seq")
    private Long startedSeq;

    @Column(name = "admitted_at")
    private Instant admittedAt;

    private String waiting;

    private String source;

    @Column(name = "source_url")
    private String sourceUrl;

    /** JSON array of {title, content, trusted}. */
    @JdbcTypeCode(SqlTypes.JSON)
    private String context;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "bot_data")
    private String botData;

    @Column(name = "created_via")
    private String createdVia;

    private String kind = "work";

    protected PromptEntity() {}

    public PromptEntity(
            UUID id,
            UUID sessionId,
            long ordinal,
            UUID authorId,
            String content,
            String model,
            String reasoningEffort,
            String clientRequestId,
            Instant createdAt) {
        this.id = id;
        this.sessionId = sessionId;
        this.ordinal = ordinal;
        this.authorId = authorId;
        this.content = content;
        this.model = model;
        this.reasoningEffort = reasoningEffort;
        this.clientRequestId = clientRequestId;
        this.status = PromptStatus.queued;
        this.createdAt = createdAt;
        this.source = "api";
    }

    /** Where it came from, the context given with it, and the sending bot's data. */
    public PromptEntity from(String source, String sourceUrl, String context, String createdVia, String botData) {
        this.source = source;
        this.sourceUrl = sourceUrl;
        this.context = context;
        this.createdVia = createdVia;
        this.botData = botData;
        return this;
    }

    /** A review prompt only reads; see {@code PromptKind}. */
    public PromptEntity kind(String kind) {
        this.kind = kind;
        return this;
    }

    public String kind() {
        return kind;
    }

    public String source() {
        return source;
    }

    public String sourceUrl() {
        return sourceUrl;
    }

    public String context() {
        return context;
    }

    public String botData() {
        return botData;
    }

    public String createdVia() {
        return createdVia;
    }

    public void botData(String botData) {
        this.botData = botData;
    }

    public UUID id() {
        return id;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public long ordinal() {
        return ordinal;
    }

    public UUID authorId() {
        return authorId;
    }

    public String content() {
        return content;
    }

    public String model() {
        return model;
    }

    public String reasoningEffort() {
        return reasoningEffort;
    }

    public String clientRequestId() {
        return clientRequestId;
    }

    public PromptStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public UUID sandboxId() {
        return sandboxId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public void start(UUID sandboxId, Instant at) {
        this.status = PromptStatus.running;
        this.sandboxId = sandboxId;
        this.startedAt = at;
    }

    /** Records the first stop request; later ones keep the first time. */
    public Instant stopRequestedAt() {
        return stopRequestedAt;
    }

    /** Why the control plane stopped it, when it was not a person's stop; null otherwise. */
    public String stopReason() {
        return stopReason;
    }

    public Long startedSeq() {
        return startedSeq;
    }

    public void startedAtSeq(long seq) {
        this.startedSeq = seq;
    }

    /** A stop asked for by the control plane itself, for {@code reason} (the prompt then fails). */
    public void requestStop(Instant at, String reason) {
        requestStop(at);
        this.stopReason = reason;
    }

    public void requestStop(Instant at) {
        if (stopRequestedAt == null) {
            stopRequestedAt = at;
        }
    }

    public void finish(PromptStatus status, String error, Instant at) {
        this.status = status;
        this.error = error;
        this.finishedAt = at;
    }

    /** Whether the limits let it start; once admitted it counts against the concurrency limit until it finishes. */
    public boolean admitted() {
        return admittedAt != null;
    }

    public void admit(Instant now) {
        admittedAt = now;
        waiting = null;
    }

    /** Why it has not started yet; null once admitted. */
    public String waiting() {
        return waiting;
    }

    public void waitFor(String reason) {
        waiting = reason;
    }
}

package io.codinspect.controlplane.github.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "pull_request")
public class PullRequestEntity {

    @Id
    @Column(name = "session_id")
    private UUID sessionId;

    private String repository;
    private int number;
    private String url;
    private String state;

    @Column(name = "opened_by")
    private String openedBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected PullRequestEntity() {}

    public PullRequestEntity(
            UUID sessionId, String repository, int number, String url, String state, String openedBy, Instant at) {
        this.sessionId = sessionId;
        this.repository = repository;
        this.number = number;
        this.url = url;
        this.state = state;
        this.openedBy = openedBy;
        this.updatedAt = at;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public String repository() {
        return repository;
    }

    public int number() {
        return number;
    }

    public String url() {
        return url;
    }

    public String state() {
        return state;
    }

    public String openedBy() {
        return openedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public void update(String state, Instant at) {
        this.state = state;
        this.updatedAt = at;
    }
}

package io.codinspect.controlplane.github.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "github_identity")
public class GitHubIdentityEntity {

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "github_id")
    private long githubId;

    private String login;

    @Column(name = "verified_email")
    private String verifiedEmail;

    @Column(name = "avatar_url")
    private String avatarUrl;

    private byte[] token;

    @Column(name = "refresh_token")
    private byte[] refreshToken;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected GitHubIdentityEntity() {}

    public GitHubIdentityEntity(UUID userId, long githubId) {
        this.userId = userId;
        this.githubId = githubId;
    }

    public UUID userId() {
        return userId;
    }

    public byte[] token() {
        return token;
    }

    public String login() {
        return login;
    }

    public void refresh(String login, String verifiedEmail, String avatarUrl, byte[] encryptedToken, Instant at) {
        this.login = login;
        this.verifiedEmail = verifiedEmail;
        this.avatarUrl = avatarUrl;
        this.token = encryptedToken;
        this.updatedAt = at;
    }

    /** GitHub issues refresh tokens only for expiring user tokens (GitHub Apps); kept encrypted. */
    public void refreshToken(byte[] encrypted, Instant at) {
        this.refreshToken = encrypted;
        this.updatedAt = at;
    }

    public byte[] refreshToken() {
        return refreshToken;
    }
}

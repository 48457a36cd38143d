package io.codinspect.controlplane.user.internal;

import io.codinspect.controlplane.user.Role;
import io.codinspect.controlplane.user.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "app_user")
public class UserEntity {

    @Id
    private UUID id;

    private String name;
    private String email;
    private String login;

    @Enumerated(EnumType.STRING)
    private Role role;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "disabled_at")
    private Instant disabledAt;

    protected UserEntity() {}

    public UserEntity(UUID id, String name, String email, String login, Role role, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.email = email;
        this.login = login;
        this.role = role;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public Role role() {
        return role;
    }

    public boolean disabled() {
        return disabledAt != null;
    }

    /** Disables the user; returns false when they already were. */
    public boolean disable(Instant at) {
        if (disabledAt != null) {
            return false;
        }
        disabledAt = at;
        return true;
    }

    public void enable() {
        disabledAt = null;
    }

    public User toUser() {
        return new User(id, name, email, login, role, createdAt, disabledAt);
    }
}

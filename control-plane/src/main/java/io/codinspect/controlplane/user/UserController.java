package io.codinspect.controlplane.user;

import io.codinspect.controlplane.system.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Users: created, listed, disabled and enabled by admins. */
@RestController
@RequestMapping("/api/users")
class UserController {

    record NewUser(
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 320) String email,

            @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,38}")
            String login) {}

    private final UserManagement users;

    UserController(UserManagement users) {
        this.users = users;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    User create(@AuthenticationPrincipal CurrentUser actor, @Valid @RequestBody NewUser body) {
        return users.create(actor, body.name(), body.email(), body.login());
    }

    @GetMapping
    List<User> list(@AuthenticationPrincipal CurrentUser actor) {
        return users.list(actor);
    }

    @GetMapping("/{id}")
    User get(@PathVariable UUID id) {
        return users.get(id);
    }

    @PostMapping("/{id}/disable")
    User disable(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id) {
        return users.disable(actor, id);
    }

    @PostMapping("/{id}/enable")
    User enable(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID id) {
        return users.enable(actor, id);
    }
}

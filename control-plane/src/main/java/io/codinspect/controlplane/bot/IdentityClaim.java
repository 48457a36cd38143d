package io.codinspect.controlplane.bot;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a platform vouches for about a person, as a bot presents it.
 *
 * @param externalId the person's id on the platform, unique within the bot's namespace (for
 *     Slack {@code <team>/<user>})
 * @param email their email address; used to link or admit them only when {@code emailVerified}
 * @param login their login (GitHub)
 * @param organizations organisations the platform says they belong to (GitHub)
 * @param guest a platform guest (Slack single- or multi-channel guest)
 * @param foreignWorkspace from another workspace (a Slack Connect user)
 */
public record IdentityClaim(
        @NotBlank @Size(max = 200) @Pattern(regexp = "\\P{Cntrl}+", message = "must not hold control characters")
        String externalId,

        @Size(max = 320) String email,
        Boolean emailVerified,
        @Size(max = 100) String login,
        @Size(max = 50) List<@Size(max = 100) String> organizations,
        @Size(max = 200) String name,
        @Size(max = 2000) String avatarUrl,
        Boolean guest,
        Boolean foreignWorkspace) {

    public IdentityClaim {
        organizations = organizations == null ? List.of() : List.copyOf(organizations);
        emailVerified = Boolean.TRUE.equals(emailVerified);
        guest = Boolean.TRUE.equals(guest);
        foreignWorkspace = Boolean.TRUE.equals(foreignWorkspace);
    }

    String confirmedEmail() {
        return emailVerified && email != null && email.contains("@") ? email.trim() : null;
    }
}

package io.codinspect.client;

import java.util.List;

/**
 * What a platform vouches for about a person, as a bot presents it to
 * {@link CodInspectClient#resolveIdentity}.
 *
 * @param externalId the person's id on the platform, unique in the bot's namespace (Slack:
 *     {@code <team>/<user>}); required
 * @param email their address; used to link or admit them only when {@code emailVerified}
 * @param emailVerified the platform confirmed the address
 * @param login their login (GitHub); nullable
 * @param organizations organisations the platform says they belong to (GitHub); never null
 * @param name display name; nullable
 * @param avatarUrl nullable
 * @param guest a platform guest (a Slack single- or multi-channel guest)
 * @param foreignWorkspace from another workspace (a Slack Connect user)
 */
public record IdentityClaim(
        String externalId,
        String email,
        boolean emailVerified,
        String login,
        List<String> organizations,
        String name,
        String avatarUrl,
        boolean guest,
        boolean foreignWorkspace) {

    public IdentityClaim {
        organizations = organizations == null ? List.of() : List.copyOf(organizations);
    }

    /** A Slack member: {@code <team>/<user>}, their profile's email (verified by Slack) and name. */
    public static IdentityClaim slack(
            String externalId, String email, String name, String avatarUrl, boolean guest, boolean foreignWorkspace) {
        return new IdentityClaim(
                externalId, email, email != null, null, List.of(), name, avatarUrl, guest, foreignWorkspace);
    }
}

package io.codinspect.slackbot;

import com.slack.api.model.User;
import io.codinspect.client.CodInspectClient;
import io.codinspect.client.CodInspectProblem;
import io.codinspect.client.IdentityClaim;
import java.util.List;
import java.util.UUID;

/**
 * Who a Slack member is in CodInspect: their profile from {@code users.info} (the email Slack
 * confirmed, guest or not, their workspace), resolved by the control plane to a user the bot then
 * acts for. The control plane's admission rules decide; a refusal is {@link NotAdmitted} with its
 * words.
 */
final class People {

    /** A person the control plane refused, with the reason to show them. */
    static final class NotAdmitted extends RuntimeException {
        NotAdmitted(String reason) {
            super(reason);
        }
    }

    /**
     * A resolved person.
     *
     * @param client the bot's client acting for them
     */
    record Person(String slackId, UUID userId, String name, CodInspectClient client) {}

    private final SlackApi slack;
    private final CodInspectClient bot;

    People(SlackApi slack, CodInspectClient bot) {
        this.slack = slack;
        this.bot = bot;
    }

    /** Resolves the member {@code userId} of the workspace {@code team}. */
    Person resolve(String team, String userId) {
        var user = profile(userId);
        var claim = claim(team, user);
        try {
            var resolved = bot.resolveIdentity(claim);
            return new Person(userId, resolved.userId(), displayName(user), bot.onBehalfOf(resolved.userId()));
        } catch (CodInspectProblem e) {
            if (e.status() == 403) {
                throw new NotAdmitted(e.detail() != null ? e.detail() : "You are not allowed to use CodInspect.");
            }
            throw e;
        }
    }

    /** The member's profile; {@code users.info} needs {@code users:read} and, for the email, {@code users:read.email}. */
    User profile(String userId) {
        return slack.call("users.info", m -> m.usersInfo(r -> r.user(userId))).getUser();
    }

    static IdentityClaim claim(String team, User user) {
        var profile = user.getProfile();
        var email = profile == null ? null : blankToNull(profile.getEmail());
        var avatar = profile == null ? null : blankToNull(profile.getImage192());
        var home = user.getTeamId() != null ? user.getTeamId() : team;
        var guest = user.isRestricted() || user.isUltraRestricted();
        var foreign = !home.equals(team);
        // Slack vouches for an email it confirmed, and only of its own workspace's members: a
        // Slack Connect member's email is whatever their organization let them set
        var verified = email != null && user.isEmailConfirmed() && !foreign;
        return new IdentityClaim(
                home + "/" + user.getId(), email, verified, null, List.of(), displayName(user), avatar, guest, foreign);
    }

    static String displayName(User user) {
        if (user.getRealName() != null && !user.getRealName().isBlank()) {
            return user.getRealName();
        }
        return user.getName();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

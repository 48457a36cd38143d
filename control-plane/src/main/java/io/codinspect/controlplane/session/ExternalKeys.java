package io.codinspect.controlplane.session;

import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.CurrentUser;
import java.util.regex.Pattern;

/**
 * Sessions' external keys: a bot's keys start with its namespace ({@code slack:…}), so no bot can
 * take over another's sessions, and people's keys never start with a bot's namespace.
 */
final class ExternalKeys {

    private static final Pattern BOT_KEY = Pattern.compile("(slack|github|linear):.*");

    private ExternalKeys() {}

    /** The key, checked for {@code actor}; null when none was given. */
    static String check(CurrentUser actor, String key) {
        if (key == null) {
            return null;
        }
        var via = actor.via();
        if (via != null && !key.startsWith(via.namespace() + ":")) {
            throw ControlPlaneException.badRequest(
                    "A key of the " + via.name() + " bot's sessions starts with '" + via.namespace() + ":'.");
        }
        if (via == null && BOT_KEY.matcher(key).matches()) {
            throw ControlPlaneException.badRequest(
                    "Keys starting with a bot's namespace (slack:, github:, linear:)" + " belong to that bot.");
        }
        return key;
    }
}

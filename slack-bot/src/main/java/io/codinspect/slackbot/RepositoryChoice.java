package io.codinspect.slackbot;

import io.codinspect.client.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Which repository a new session works in: one named in the message (a git URL, {@code
 * owner/name}, or a local directory for the local sandbox provider), else the channel's, else the
 * default; null when none of them names one, and the bot asks with a picker.
 *
 * <p>{@code owner/name} is taken only when it is among the repositories CodInspect can reach (so
 * "and/or" in a sentence is not a repository), unless CodInspect lists none; a web URL likewise
 * (a link to an issue or a log is not a repository), unless it ends in {@code .git}; an
 * {@code ssh://} or {@code git@} URL always; a path only when it is a directory on this machine
 * (the local provider runs beside the bot).
 */
final class RepositoryChoice {

    private static final Pattern URL =
            Pattern.compile("(?:https://|http://|ssh://|git@)[\\w.@:/~+-]+?(?:\\.git)?(?=[\\s>|),]|$)");
    /** A web URL of the form {@code https://host/owner/name}: group 1 is {@code owner/name}. */
    private static final Pattern WEB_REPOSITORY =
            Pattern.compile("https?://[\\w.-]+(?::\\d+)?/([A-Za-z0-9][\\w-]*/[\\w.-]+)/?");

    private static final Pattern OWNER_NAME = Pattern.compile("(?<![\\w./:@-])([A-Za-z0-9][\\w-]*/[\\w.-]+)(?![\\w/])");
    private static final Pattern PATH = Pattern.compile("(?<![\\w.])(/[\\w.@+-]+(?:/[\\w.@+-]+)+)/?");

    private final Map<String, String> byChannel;
    private final String fallback;

    RepositoryChoice(Map<String, String> byChannel, String fallback) {
        this.byChannel = Map.copyOf(byChannel);
        this.fallback = fallback;
    }

    /** The repository for a session started in {@code channel} by {@code text} (plain, see {@link SlackText}). */
    String choose(String text, String channel, Supplier<List<Repository>> reachable) {
        var named = named(text, reachable);
        if (named != null) {
            return named;
        }
        return byChannel.getOrDefault(channel, fallback);
    }

    static String named(String text, Supplier<List<Repository>> reachable) {
        var url = URL.matcher(text);
        List<Repository> known = null;
        while (url.find()) {
            var found = url.group().replaceAll("[.]$", "");
            if (found.endsWith(".git") || found.startsWith("ssh://") || found.startsWith("git@")) {
                return found;
            }
            var path = WEB_REPOSITORY.matcher(found);
            if (path.matches()) {
                known = known != null ? known : reachable.get();
                if (known.isEmpty()) {
                    return found;
                }
                var fullName = reachableName(path.group(1), known);
                if (fullName != null) {
                    return fullName;
                }
            }
        }
        var path = PATH.matcher(text);
        while (path.find()) {
            if (Files.isDirectory(Path.of(path.group(1)))) {
                return path.group(1);
            }
        }
        var candidates = new ArrayList<String>();
        var ownerName = OWNER_NAME.matcher(text);
        while (ownerName.find()) {
            candidates.add(ownerName.group(1).replaceAll("[.]+$", ""));
        }
        if (candidates.isEmpty()) {
            return null;
        }
        known = known != null ? known : reachable.get();
        if (known.isEmpty()) {
            return candidates.getFirst();
        }
        for (var candidate : candidates) {
            var fullName = reachableName(candidate, known);
            if (fullName != null) {
                return fullName;
            }
        }
        return null;
    }

    private static String reachableName(String candidate, List<Repository> known) {
        for (var repository : known) {
            if (repository.fullName().equalsIgnoreCase(candidate)) {
                return repository.fullName();
            }
        }
        return null;
    }
}

package io.codinspect.controlplane.session;

import io.codinspect.controlplane.system.ControlPlaneException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** What may be given as a session's repository. */
final class RepositoryLocations {

    private static final Pattern URL = Pattern.compile("(https?|ssh|git|file)://[^\\s]+");
    private static final Pattern SCP = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\\s]+");

    private RepositoryLocations() {}

    static void validate(String repository) {
        if (URL.matcher(repository).matches() || SCP.matcher(repository).matches()) {
            return;
        }
        if (repository.startsWith("/")) {
            var path = Path.of(repository).normalize();
            if (Files.isDirectory(path.resolve(".git")) || Files.isRegularFile(path.resolve("HEAD"))) {
                return;
            }
            throw ControlPlaneException.badRequest("'" + repository + "' is not a git repository on this host.");
        }
        throw ControlPlaneException.badRequest(
                "repository must be a git URL (https://, ssh://, git@host:path, file://), an absolute path, or"
                        + " owner/name of a GitHub repository when a GitHub App is configured");
    }
}

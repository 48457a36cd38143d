package io.codinspect.controlplane.github;

import io.codinspect.controlplane.system.ControlPlaneException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.kohsuke.github.GHRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Repositories the GitHub App can reach. The list is served from memory for
 * {@code codinspect.github.repo-cache-ttl} and then refreshed in the background while the old one
 * is still served.
 */
@Service
public class GitHubRepos {

    /** A repository users may start sessions on. */
    public record Repo(String fullName, String owner, String name, boolean isPrivate, String defaultBranch) {}

    /** A branch of a repository. */
    public record Branch(String name, String sha) {}

    private record Cached(List<Repo> repos, Instant loadedAt) {}

    private static final Pattern OWNER_NAME = Pattern.compile("([A-Za-z0-9](?:[A-Za-z0-9-]*))/([A-Za-z0-9._-]+)");

    private final ObjectProvider<InstallationTokens> tokens;
    private final GitHubProperties properties;
    private final Clock clock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Cached cached;

    GitHubRepos(ObjectProvider<InstallationTokens> tokens, GitHubProperties properties, Clock clock) {
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    public List<Repo> list() {
        var current = cached;
        if (current == null) {
            cached = current = load();
        } else if (current.loadedAt().plus(properties.repoCacheTtl()).isBefore(clock.instant())
                && refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("github-repos-refresh").start(() -> {
                try {
                    cached = load();
                } catch (RuntimeException e) {
                    // keep serving the old list; the next request tries again
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return current.repos();
    }

    public List<Branch> branches(String owner, String name) {
        var repo = repository(owner, name);
        return GitHubCalls.within(
                properties.callTimeout(),
                "the branches of " + owner + "/" + name,
                () -> repo.getBranches().values().stream()
                        .map(b -> new Branch(b.getName(), b.getSHA1()))
                        .sorted(Comparator.comparing(Branch::name))
                        .toList());
    }

    /**
     * The clone URL for {@code owner/name} when the App can reach it; empty when the text is not of
     * that form (a git URL or a path, used as it is) or no GitHub App is configured.
     */
    public Optional<String> cloneUrl(String repository) {
        var matcher = OWNER_NAME.matcher(repository);
        if (!matcher.matches() || !properties.configured()) {
            return Optional.empty();
        }
        repository(matcher.group(1), matcher.group(2));
        return Optional.of(properties.webUrl() + "/" + repository + ".git");
    }

    /** {@code owner/name} of a session repository on the configured GitHub host, if it is one. */
    public Optional<String> ownerName(String url) {
        if (!onGitHub(url)) {
            return Optional.empty();
        }
        var path = url.substring(properties.webUrl().length() + 1).replaceAll("\\.git$", "");
        return OWNER_NAME.matcher(path).matches() ? Optional.of(path) : Optional.empty();
    }

    /** The repository as a user sees it, with their own OAuth token. */
    GHRepository repositoryAs(String ownerName, String userToken) {
        return GitHubCalls.within(
                properties.callTimeout(),
                "repository " + ownerName,
                () -> tokens().builder().withOAuthToken(userToken).build().getRepository(ownerName));
    }

    /** The repository as the App sees it. */
    GHRepository repository(String ownerName) {
        var slash = ownerName.indexOf('/');
        return repository(ownerName.substring(0, slash), ownerName.substring(slash + 1));
    }

    /** Whether {@code url} is on the configured GitHub host (for which sandboxes get installation tokens). */
    public boolean onGitHub(String url) {
        return properties.configured() && url.startsWith(properties.webUrl() + "/");
    }

    private GHRepository repository(String owner, String name) {
        var github = tokens().installationClient();
        try {
            return GitHubCalls.within(
                    properties.callTimeout(),
                    "repository " + owner + "/" + name,
                    () -> github.getRepository(owner + "/" + name));
        } catch (GitHubException e) {
            if (e.notFound()) {
                throw ControlPlaneException.badRequest("The GitHub App cannot reach " + owner + "/" + name
                        + ": it does not exist or the App is not installed on it.");
            }
            throw e;
        }
    }

    private Cached load() {
        var github = tokens().installationClient();
        var repos = GitHubCalls.within(
                properties.callTimeout(),
                "the installation's repositories",
                () -> github.getInstallation().listRepositories().toList().stream()
                        .map(r -> new Repo(
                                r.getFullName(), r.getOwnerName(), r.getName(), r.isPrivate(), r.getDefaultBranch()))
                        .sorted(Comparator.comparing(Repo::fullName))
                        .toList());
        return new Cached(repos, clock.instant());
    }

    private InstallationTokens tokens() {
        var available = tokens.getIfAvailable();
        if (available == null) {
            throw new ControlPlaneException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "GitHub is not configured",
                    "Set codinspect.github.app-id and the App's private key to use GitHub repositories.");
        }
        return available;
    }
}

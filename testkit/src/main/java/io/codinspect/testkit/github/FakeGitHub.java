package io.codinspect.testkit.github;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake GitHub for tests: the REST subset CodInspect uses for a GitHub App (app JWTs checked
 * against the App's key, installation tokens that expire, may be narrowed to repositories and
 * permissions, and may be revoked; the installation's repositories and their branches) and real
 * bare repositories served over git's smart HTTP protocol, which accept only a live installation
 * token that reaches the repository, and push only with {@code contents: write}. Everything it
 * issued and revoked is recorded, so tests can assert it and look for leaks.
 */
public final class FakeGitHub implements AutoCloseable {

    private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)(/branches)?");
    static final Pattern PULLS = Pattern.compile("/repos/([^/]+)/([^/]+)/(pulls|issues)(?:/(\\d+))?(/labels)?");
    private static final Pattern GIT = Pattern.compile("/([^/]+)/([^/]+)\\.git(/.*)");

    private final HttpServer server;
    private final Path root;
    private final FakeApp app = new FakeApp();
    private final GitHttpBackend git;
    private final Map<String, FakeRepo> repos = new ConcurrentHashMap<>();
    private final FakePulls pulls;
    private final FakeOAuth oauth = new FakeOAuth();

    private FakeGitHub(HttpServer server, Path root) {
        this.server = server;
        this.root = root;
        this.git = new GitHttpBackend(root.resolve("git"));
        var web = "http://127.0.0.1:" + server.getAddress().getPort();
        this.pulls = new FakePulls(web, web + "/api/v3", this::branchHead);
    }

    /** The App's bot login, the author of what the App does. */
    public static final String APP_BOT = "codinspect-test[bot]";

    /** The OAuth App credentials the fake accepts. */
    public void oauthClient(String clientId, String clientSecret) {
        oauth.client(clientId, clientSecret);
    }

    /** The person signed in at GitHub, who approves the next OAuth request. */
    public void signIn(GitHubUser user) {
        oauth.signIn(user);
    }

    /** Issue expiring user tokens with refresh tokens (GitHub App user tokens). */
    public void expiringUserTokens(boolean value) {
        oauth.expiringTokens(value);
    }

    /** Refresh tokens issued, by the user token they came with. */
    public Map<String, String> issuedRefreshTokens() {
        return oauth.refreshTokens();
    }

    /** Every user token issued through OAuth, for leak checks. */
    public List<String> issuedUserTokens() {
        return oauth.issuedTokens();
    }

    /** Merges a pull request on the fake, as someone clicking the button (no webhook is sent). */
    public void merge(int number) {
        pulls.all().stream().filter(p -> p.number() == number).forEach(FakePulls.Pull::merge);
    }

    /**
     * A person opens a pull request on GitHub from {@code head}, a branch of {@code repo} already
     * pushed, into {@code base}.
     */
    public FakePulls.Pull openPullRequest(String repo, String head, String base, String author, String title) {
        return pulls.open(repo, repo, head, base, author, title, false);
    }

    /** A person opens a pull request into {@code repo} from a branch of their fork {@code fork} ({@code owner/name}). */
    public FakePulls.Pull openForkPullRequest(String repo, String fork, String head, String base, String author) {
        return pulls.open(repo, fork, head, base, author, "From a fork", false);
    }

    /** Closes a pull request without merging it, as someone clicking the button (no webhook is sent). */
    public void closePullRequest(int number) {
        pulls.all().stream().filter(p -> p.number() == number).forEach(FakePulls.Pull::close);
    }

    /** Every pull request opened on the fake. */
    public List<FakePulls.Pull> pullRequests() {
        return pulls.all();
    }

    /** Starts on a free loopback port, keeping repositories under {@code root}. */
    public static FakeGitHub start(Path root) {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            var fake = new FakeGitHub(server, root);
            server.createContext("/", fake::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake GitHub", e);
        }
    }

    /** The REST API base URL (what GitHub Enterprise Server calls {@code /api/v3}). */
    public String apiUrl() {
        return webUrl() + "/api/v3";
    }

    /** The web and git base URL. */
    public String webUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long appId() {
        return app.appId();
    }

    public long installationId() {
        return app.installationId();
    }

    public String privateKeyPem() {
        return app.privateKeyPem();
    }

    /**
     * The control-plane settings of this fake's App (its key written to {@code keyFile}), plus
     * {@code more}.
     */
    public Map<String, Object> appSettings(Path keyFile, Map<String, Object> more) {
        try {
            java.nio.file.Files.writeString(keyFile, privateKeyPem());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var settings = new LinkedHashMap<String, Object>();
        settings.put("codinspect.github.app-id", appId());
        settings.put("codinspect.github.private-key-file", keyFile);
        settings.put("codinspect.github.api-url", apiUrl());
        settings.put("codinspect.github.web-url", webUrl());
        settings.putAll(more);
        return settings;
    }

    /** How long installation tokens live (GitHub: one hour). */
    public void tokenLifetime(Duration lifetime) {
        app.tokenLifetime(lifetime);
    }

    /** How many installation tokens were issued. */
    public int tokenRequests() {
        return app.tokenRequests();
    }

    /** Every installation token issued, for leak checks. */
    public List<String> issuedTokens() {
        return app.issued().stream().map(IssuedToken::value).toList();
    }

    /** Every installation token issued, oldest first, with the repositories and permissions asked for. */
    public List<IssuedToken> tokenCreations() {
        return app.issued();
    }

    /** The next {@code count} revocations fail with a 502 (the token stays valid). */
    public void failRevocations(int count) {
        app.failRevocations(count);
    }

    /** The installation tokens revoked by their holders ({@code DELETE /installation/token}). */
    public List<String> revokedTokens() {
        return app.revoked();
    }

    /** Creates {@code owner/name} with one commit on {@code main}. */
    public FakeRepo createRepo(String owner, String name, boolean installed) {
        var seed = GitRepo.create(root.resolve("seed").resolve(owner).resolve(name));
        var bare = root.resolve("git").resolve(owner).resolve(name + ".git");
        seed.cloneBareTo(bare);
        var repo = new FakeRepo(owner, name, bare, installed);
        repos.put(repo.fullName(), repo);
        return repo;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The commit {@code branch} of {@code repo} is at, or null when the fake does not hold it. */
    private String branchHead(String repo, String branch) {
        var held = repos.get(repo);
        if (held == null) {
            return null;
        }
        try {
            return Bare.branches(held.bare()).stream()
                    .filter(b -> branch.equals(b.get("name")))
                    .map(b -> (String) ((Map<?, ?>) b.get("commit")).get("sha"))
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            var gitPath = GIT.matcher(path);
            if (gitPath.matches()) {
                serveGit(exchange, gitPath.group(1), gitPath.group(2), gitPath.group(3));
            } else if (path.equals("/login/oauth/authorize")) {
                oauth.authorize(exchange);
            } else if (path.equals("/login/oauth/access_token")) {
                oauth.token(exchange);
            } else if (path.startsWith("/api/v3/")) {
                api(exchange, path.substring("/api/v3".length()));
            } else {
                notFound(exchange);
            }
        }
    }

    private void api(HttpExchange exchange, String path) throws IOException {
        var authorization = exchange.getRequestHeaders().getFirst("Authorization");
        var method = exchange.getRequestMethod();
        if (path.equals("/rate_limit")) {
            send(
                    exchange,
                    200,
                    Map.of("resources", Map.of("core", Map.of("limit", 5000, "remaining", 5000, "reset", 0))));
        } else if (path.startsWith("/app")) {
            app.handle(exchange, method, path, authorization, this::installed);
        } else if (path.equals("/installation/token") && method.equals("DELETE")) {
            app.revoke(exchange, authorization);
        } else if (oauth.userOf(authorization) != null
                && oauth.userApi(exchange, method, path, oauth.userOf(authorization), webUrl(), repos, pulls)) {
            return;
        } else if (app.grant(authorization) == null && oauth.userOf(authorization) == null) {
            send(exchange, 401, Map.of("message", "Bad credentials"));
        } else if (path.equals("/installation/repositories")) {
            var list = repos.values().stream()
                    .filter(r -> reaches(authorization, r))
                    .map(r -> r.json(webUrl(), apiUrl()))
                    .toList();
            send(exchange, 200, Map.of("total_count", list.size(), "repositories", list));
        } else if (PULLS.matcher(path).matches()) {
            var matcher = PULLS.matcher(path);
            matcher.matches();
            var repo = reachable(matcher, authorization);
            if (repo == null) {
                notFound(exchange);
            } else {
                pulls.handle(
                        exchange,
                        method,
                        repo.fullName(),
                        matcher.group(3),
                        matcher.group(4),
                        matcher.group(5),
                        APP_BOT);
            }
        } else if (FakeRefs.REFS.matcher(path).matches()) {
            var matcher = FakeRefs.REFS.matcher(path);
            matcher.matches();
            var repo = reachable(matcher, authorization);
            if (repo == null) {
                notFound(exchange);
            } else {
                FakeRefs.handle(exchange, method, repo, matcher.group(3), apiUrl());
            }
        } else {
            var matcher = REPO.matcher(path);
            var repo = matcher.matches() ? reachable(matcher, authorization) : null;
            if (repo == null) {
                notFound(exchange);
            } else if (matcher.group(3) == null) {
                send(exchange, 200, repo.json(webUrl(), apiUrl()));
            } else {
                send(exchange, 200, Bare.branches(repo.bare()));
            }
        }
    }

    private void serveGit(HttpExchange exchange, String owner, String name, String rest) throws IOException {
        var repo = repos.get(owner + "/" + name);
        var password = GitHttpBackend.basicPassword(exchange.getRequestHeaders().getFirst("Authorization"));
        var token = password == null ? null : app.grant("token " + password);
        if (token == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"GitHub\"");
            exchange.sendResponseHeaders(401, -1);
            return;
        }
        if (repo == null || !repo.installed() || !token.reaches(repo.name())) {
            exchange.sendResponseHeaders(404, -1); // GitHub: "Repository not found", whether it exists or not
            return;
        }
        if (GitHttpBackend.isPush(exchange, rest) && !token.canWriteContents()) {
            exchange.sendResponseHeaders(403, -1);
            return;
        }
        git.serve(exchange, "/" + owner + "/" + name + ".git" + rest, "x-access-token");
    }

    /** Whether the installation reaches {@code name} of its account. */
    private boolean installed(String name) {
        var repo = repos.get(app.account() + "/" + name);
        return repo != null && repo.installed();
    }

    /** The repository a matched path names (its first two groups), if the caller's credential reaches it. */
    private FakeRepo reachable(Matcher path, String authorization) {
        var repo = repos.get(path.group(1) + "/" + path.group(2));
        return repo != null && reaches(authorization, repo) ? repo : null;
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        send(exchange, 404, Map.of("message", "Not Found"));
    }

    /** Whether the caller's credential reaches the repository: a user's token every one, an installation token its own. */
    private boolean reaches(String authorization, FakeRepo repo) {
        if (!repo.installed()) {
            return false;
        }
        var token = app.grant(authorization);
        return token == null || (repo.owner().equals(app.account()) && token.reaches(repo.name()));
    }

    static void send(HttpExchange exchange, int status, Object body) throws IOException {
        var bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

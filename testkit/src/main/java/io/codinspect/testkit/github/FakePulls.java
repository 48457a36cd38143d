package io.codinspect.testkit.github;

import com.sun.net.httpserver.HttpExchange;
import io.codinspect.testkit.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/** The fake GitHub's pull requests: create, find by head, edit, label, in GitHub's JSON shape. */
public final class FakePulls {

    /** One pull request as the fake holds it. */
    public static final class Pull {
        final int number;
        final String repo;
        final String headRepo;
        final String head;
        final String base;
        final String author;
        volatile String title;
        volatile String body;
        volatile boolean draft;
        volatile String state = "open";
        volatile boolean merged;
        final List<String> labels = new CopyOnWriteArrayList<>();
        volatile Instant updatedAt = Instant.now();

        Pull(
                int number,
                String repo,
                String headRepo,
                String head,
                String base,
                String author,
                String title,
                String body,
                boolean draft) {
            this.number = number;
            this.repo = repo;
            this.headRepo = headRepo;
            this.head = head;
            this.base = base;
            this.author = author;
            this.title = title;
            this.body = body;
            this.draft = draft;
        }

        public int number() {
            return number;
        }

        public String author() {
            return author;
        }

        public String title() {
            return title;
        }

        public String body() {
            return body;
        }

        public String head() {
            return head;
        }

        public String base() {
            return base;
        }

        /** The repository the head branch is in: this one, or a fork's {@code owner/name}. */
        public String headRepo() {
            return headRepo;
        }

        public boolean draft() {
            return draft;
        }

        public List<String> labels() {
            return List.copyOf(labels);
        }

        void merge() {
            merged = true;
            state = "closed";
            updatedAt = Instant.now();
        }

        void close() {
            state = "closed";
            updatedAt = Instant.now();
        }
    }

    private final List<Pull> pulls = new CopyOnWriteArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final String webUrl;
    private final String apiUrl;
    private final BiFunction<String, String, String> heads;

    /** @param heads the commit a branch of a repository is at ({@code (owner/name, branch)}), or null */
    FakePulls(String webUrl, String apiUrl, BiFunction<String, String, String> heads) {
        this.webUrl = webUrl;
        this.apiUrl = apiUrl;
        this.heads = heads;
    }

    List<Pull> all() {
        return List.copyOf(pulls);
    }

    /** A pull request opened on GitHub itself, from {@code head} of {@code headRepo}. */
    Pull open(String repo, String headRepo, String head, String base, String author, String title, boolean draft) {
        var pull = new Pull(numbers.incrementAndGet(), repo, headRepo, head, base, author, title, "", draft);
        pulls.add(pull);
        return pull;
    }

    Pull create(String repo, JsonNode request, String author) {
        var pull = new Pull(
                numbers.incrementAndGet(),
                repo,
                repo,
                request.path("head").asString(),
                request.path("base").asString("main"),
                author,
                request.path("title").asString(),
                request.path("body").asString(""),
                request.path("draft").asBoolean(false));
        pulls.add(pull);
        return pull;
    }

    /** Open pull requests of {@code repo} whose head is {@code owner:branch} (or any, when null). */
    List<Map<String, Object>> list(String repo, String head, String state) {
        var found = new ArrayList<Map<String, Object>>();
        for (var pull : pulls) {
            var owner = repo.substring(0, repo.indexOf('/'));
            var matchesHead = head == null || head.equals(owner + ":" + pull.head) || head.equals(pull.head);
            var matchesState = state == null || state.equals("all") || state.equals(pull.state);
            if (pull.repo.equals(repo) && matchesHead && matchesState) {
                found.add(json(pull));
            }
        }
        return found;
    }

    Pull find(String repo, int number) {
        return pulls.stream()
                .filter(p -> p.repo.equals(repo) && p.number == number)
                .findFirst()
                .orElse(null);
    }

    void edit(Pull pull, JsonNode request) {
        if (request.has("title")) {
            pull.title = request.path("title").asString();
        }
        if (request.has("body")) {
            pull.body = request.path("body").asString();
        }
        if (request.has("state")) {
            pull.state = request.path("state").asString();
        }
        pull.updatedAt = Instant.now();
    }

    void label(Pull pull, JsonNode request) {
        var names = request.isArray() ? request : request.path("labels");
        names.forEach(name -> {
            if (!pull.labels.contains(name.asString())) {
                pull.labels.add(name.asString());
            }
        });
    }

    List<Map<String, Object>> labels(Pull pull) {
        return pull.labels.stream()
                .map(name -> Map.<String, Object>of("name", name, "id", Math.abs(name.hashCode()), "color", "ededed"))
                .toList();
    }

    Map<String, Object> json(Pull pull) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", 1000 + pull.number);
        json.put("number", pull.number);
        json.put("title", pull.title);
        json.put("body", pull.body);
        json.put("state", pull.state);
        json.put("draft", pull.draft);
        json.put("merged", pull.merged);
        json.put("html_url", webUrl + "/" + pull.repo + "/pull/" + pull.number);
        json.put("url", apiUrl + "/repos/" + pull.repo + "/pulls/" + pull.number);
        json.put("user", Map.of("login", pull.author, "id", Math.abs(pull.author.hashCode())));
        var head = new LinkedHashMap<String, Object>();
        head.put("ref", pull.head);
        head.put("label", pull.headRepo.substring(0, pull.headRepo.indexOf('/')) + ":" + pull.head);
        head.put("sha", heads.apply(pull.headRepo, pull.head));
        head.put("repo", repo(pull.headRepo));
        json.put("head", head);
        var base = new LinkedHashMap<String, Object>();
        base.put("ref", pull.base);
        base.put("sha", heads.apply(pull.repo, pull.base));
        base.put("repo", repo(pull.repo));
        json.put("base", base);
        json.put("mergeable_state", "clean"); // present, as in GitHub's answers, so clients need not re-read the pull
        json.put("labels", labels(pull));
        json.put("updated_at", pull.updatedAt.toString());
        json.put("created_at", pull.updatedAt.toString());
        return json;
    }

    private Map<String, Object> repo(String fullName) {
        var slash = fullName.indexOf('/');
        return Map.of(
                "full_name",
                fullName,
                "name",
                fullName.substring(slash + 1),
                "owner",
                Map.of("login", fullName.substring(0, slash)),
                "url",
                apiUrl + "/repos/" + fullName,
                "html_url",
                webUrl + "/" + fullName);
    }

    /** Routes {@code /repos/{repo}/(pulls|issues)[/{number}][/labels]}. */
    void handle(
            HttpExchange exchange, String method, String repo, String kind, String number, String labels, String author)
            throws IOException {
        var body = method.equals("GET") ? null : parse(exchange.getRequestBody().readAllBytes());
        if (number == null && kind.equals("pulls")) {
            if (method.equals("POST")) {
                FakeGitHub.send(exchange, 201, json(create(repo, body, author)));
            } else {
                var query = FakeOAuth.form(exchange.getRequestURI().getRawQuery());
                FakeGitHub.send(exchange, 200, list(repo, query.get("head"), query.getOrDefault("state", "open")));
            }
            return;
        }
        var pull = number == null ? null : find(repo, Integer.parseInt(number));
        if (pull == null) {
            FakeGitHub.send(exchange, 404, Map.of("message", "Not Found"));
        } else if (labels != null) {
            label(pull, body);
            FakeGitHub.send(exchange, 200, labels(pull));
        } else {
            if (method.equals("PATCH")) {
                edit(pull, body);
            }
            FakeGitHub.send(exchange, 200, json(pull));
        }
    }

    static JsonNode parse(byte[] body) {
        return Json.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
}

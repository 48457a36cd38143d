package io.codinspect.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A typed client of the control plane's REST API (docs/api.md, docs/bots.md), acting with one
 * bearer token: a person's API token, or a bot's service-account token, which acts for a person
 * through {@link #onBehalfOf(UUID)}. Immutable and thread-safe; clients derived with
 * {@code onBehalfOf} share one connection pool.
 *
 * <p>Every call throws {@link CodInspectProblem} when the server refuses (with its status, title
 * and detail) and {@link CodInspectUnreachable} when it cannot be reached in time, which a caller
 * may retry. Bot calls ({@code /api/bot/**}) never send the on-behalf header.
 */
public final class CodInspectClient {

    private static final TypeReference<List<Prompt>> PROMPTS = new TypeReference<>() {};
    private static final TypeReference<List<Subscription>> SUBSCRIPTIONS = new TypeReference<>() {};
    private static final TypeReference<List<Repository>> REPOSITORIES = new TypeReference<>() {};
    private static final TypeReference<List<Branch>> BRANCHES = new TypeReference<>() {};
    private static final TypeReference<List<Model>> MODELS = new TypeReference<>() {};

    private final Transport transport;
    private final UUID onBehalfOf;

    private CodInspectClient(Transport transport, UUID onBehalfOf) {
        this.transport = transport;
        this.onBehalfOf = onBehalfOf;
    }

    /** A builder of a client of the control plane at {@code baseUrl} (such as {@code https://codinspect.acme.com}). */
    public static CodInspectClientBuilder builder(URI baseUrl) {
        return new CodInspectClientBuilder(baseUrl);
    }

    static CodInspectClient of(Transport transport) {
        return new CodInspectClient(transport, null);
    }

    /** This client acting for {@code userId}: its calls are made as that person (header {@code X-CodInspect-On-Behalf-Of}). */
    public CodInspectClient onBehalfOf(UUID userId) {
        return new CodInspectClient(transport, Objects.requireNonNull(userId, "userId"));
    }

    /** The person this client acts for; empty when it acts as its token's own. */
    public Optional<UUID> actingFor() {
        return Optional.ofNullable(onBehalfOf);
    }

    // ---- bot calls: the service account itself

    /** Resolves a platform identity to the CodInspect user to act for (403 {@code Not admitted} saying why). */
    public ResolvedIdentity resolveIdentity(IdentityClaim claim) {
        return read(transport.send("POST", "/api/bot/identities/resolve", null, claim), ResolvedIdentity.class);
    }

    /** Subscribes {@code callbackUrl} to notifications of {@code kinds}; again with the same URL updates it and answers a new secret. */
    public Subscription subscribe(URI callbackUrl, Set<String> kinds) {
        var body = Map.of("url", callbackUrl.toString(), "kinds", Set.copyOf(kinds));
        return read(transport.send("POST", "/api/bot/subscriptions", null, body), Subscription.class);
    }

    /** The service account's subscriptions, without their secrets. */
    public List<Subscription> subscriptions() {
        return read(transport.send("GET", "/api/bot/subscriptions", null, null), SUBSCRIPTIONS);
    }

    public void unsubscribe(UUID subscriptionId) {
        transport.send("DELETE", "/api/bot/subscriptions/" + subscriptionId, null, null);
    }

    // ---- sessions

    /** Starts a session, or answers the one that already has the request's external key ({@link SessionStart#created()} false). */
    public SessionStart startSession(NewSession session) {
        var answer = transport.send("POST", "/api/sessions", onBehalfOf, session);
        return new SessionStart(read(answer, Session.class), answer.status() == 201);
    }

    /** The session with this external key, if there is one. */
    public Optional<Session> sessionByExternalKey(String externalKey) {
        var path = "/api/sessions/lookup?externalKey=" + encode(externalKey);
        return transport.find("GET", path, onBehalfOf, null).map(a -> read(a, Session.class));
    }

    public Session session(UUID sessionId) {
        return read(transport.send("GET", "/api/sessions/" + sessionId, onBehalfOf, null), Session.class);
    }

    /** Names the repository (and base branch, nullable) of an {@code awaiting_repository} session, releasing its first prompt; 409 once it has one. */
    public Session chooseRepository(UUID sessionId, String repository, String baseBranch) {
        var body = JsonNodeFactory.instance.objectNode().put("repository", Objects.requireNonNull(repository));
        if (baseBranch != null) {
            body.put("baseBranch", baseBranch);
        }
        return patch(sessionId, body);
    }

    /** Renames the session. */
    public Session rename(UUID sessionId, String title) {
        return patch(sessionId, JsonNodeFactory.instance.objectNode().put("title", title));
    }

    /** Replaces the session's bot data (null clears it); 403 unless this bot created the session. */
    public Session updateSessionBotData(UUID sessionId, JsonNode botData) {
        var body = JsonNodeFactory.instance.objectNode();
        body.set("botData", botData == null ? JsonNodeFactory.instance.nullNode() : botData);
        return patch(sessionId, body);
    }

    private Session patch(UUID sessionId, JsonNode body) {
        return read(transport.send("PATCH", "/api/sessions/" + sessionId, onBehalfOf, body), Session.class);
    }

    // ---- prompts

    /** Queues a prompt (a repeated {@code clientRequestId} answers the prompt it first created). */
    public Prompt sendPrompt(UUID sessionId, NewPrompt prompt) {
        return read(transport.send("POST", promptsOf(sessionId), onBehalfOf, prompt), Prompt.class);
    }

    /** The session's prompts, oldest first. */
    public List<Prompt> prompts(UUID sessionId) {
        return read(transport.send("GET", promptsOf(sessionId), onBehalfOf, null), PROMPTS);
    }

    public Prompt prompt(UUID sessionId, UUID promptId) {
        return read(transport.send("GET", promptsOf(sessionId) + "/" + promptId, onBehalfOf, null), Prompt.class);
    }

    /** Replaces the prompt's bot data (null clears it); 403 unless this bot sent the prompt. */
    public Prompt updatePromptBotData(UUID sessionId, UUID promptId, JsonNode botData) {
        var body = botData == null ? JsonNodeFactory.instance.nullNode() : botData;
        var path = promptsOf(sessionId) + "/" + promptId + "/bot-data";
        return read(transport.send("PUT", path, onBehalfOf, body), Prompt.class);
    }

    /** Cancels a queued prompt; 409 when it is not queued (a running one is stopped with {@link #stop}). */
    public Prompt cancel(UUID sessionId, UUID promptId) {
        var path = promptsOf(sessionId) + "/" + promptId + "/cancel";
        return read(transport.send("POST", path, onBehalfOf, null), Prompt.class);
    }

    /** Stops the running prompt and answers it (it then ends {@code cancelled}); 409 when none runs. */
    public Prompt stop(UUID sessionId) {
        return read(transport.send("POST", "/api/sessions/" + sessionId + "/stop", onBehalfOf, null), Prompt.class);
    }

    private static String promptsOf(UUID sessionId) {
        return "/api/sessions/" + sessionId + "/prompts";
    }

    // ---- pull requests, repositories, models, the person

    /** Opens the session's pull request, or updates the one already open for its branch. */
    public PullRequest openPullRequest(UUID sessionId, NewPullRequest request) {
        var body = request == null ? NewPullRequest.DEFAULTS : request;
        return read(transport.send("POST", pullRequestOf(sessionId), onBehalfOf, body), PullRequest.class);
    }

    /** The session's pull request; empty when it has none (or the session is not known). */
    public Optional<PullRequest> pullRequest(UUID sessionId) {
        return transport.find("GET", pullRequestOf(sessionId), onBehalfOf, null).map(a -> read(a, PullRequest.class));
    }

    private static String pullRequestOf(UUID sessionId) {
        return "/api/sessions/" + sessionId + "/pull-request";
    }

    /** The GitHub repositories sessions can be started on. */
    public List<Repository> repositories() {
        return read(transport.send("GET", "/api/repos", onBehalfOf, null), REPOSITORIES);
    }

    /** The branches of {@code owner/name}. */
    public List<Branch> branches(String owner, String name) {
        var path = "/api/repos/" + encode(owner) + "/" + encode(name) + "/branches";
        return read(transport.send("GET", path, onBehalfOf, null), BRANCHES);
    }

    /** The models people may pick. */
    public List<Model> models() {
        return read(transport.send("GET", "/api/models", onBehalfOf, null), MODELS);
    }

    public Preferences preferences() {
        return read(transport.send("GET", "/api/me/preferences", onBehalfOf, null), Preferences.class);
    }

    /** Replaces the person's preferences; 400 for a model the catalog does not list. */
    public Preferences savePreferences(Preferences preferences) {
        return read(transport.send("PUT", "/api/me/preferences", onBehalfOf, preferences), Preferences.class);
    }

    public Me me() {
        return read(transport.send("GET", "/api/me", onBehalfOf, null), Me.class);
    }

    /** Names the server and the person acted for; never the token. */
    @Override
    public String toString() {
        return "CodInspectClient[" + transport.base() + (onBehalfOf == null ? "" : ", onBehalfOf=" + onBehalfOf) + "]";
    }

    private static <T> T read(Transport.Answer answer, Class<T> type) {
        return Json.read(answer.body(), type, answer.request());
    }

    private static <T> T read(Transport.Answer answer, TypeReference<T> type) {
        return Json.read(answer.body(), type, answer.request());
    }

    private static String encode(String value) {
        return URLEncoder.encode(Objects.requireNonNull(value), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}

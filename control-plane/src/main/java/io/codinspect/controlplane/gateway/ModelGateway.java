package io.codinspect.controlplane.gateway;

import io.codinspect.controlplane.model.ModelCatalog;
import io.codinspect.controlplane.model.ModelProperties;
import io.codinspect.controlplane.model.ModelProperties.ProviderType;
import io.codinspect.controlplane.system.BearerTokens;
import io.codinspect.model.event.EventCodec;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.node.ObjectNode;

/**
 * The model gateway: {@code /llm/<provider>/<API path>} serves the model APIs a provider speaks to
 * the sandboxes' agents, who authenticate with their sandbox's agent token where their SDK sends
 * a key ({@code Authorization} for OpenAI's APIs, {@code x-api-key} for Anthropic's). A call for a
 * model the catalog offers is passed to the provider with the real key and relayed back as it
 * streams, unchanged but for the credential and, for streamed Chat Completions, the option that
 * makes the provider report usage. Refusals come in the error shape of the provider's API, so the
 * agent's SDK shows them as they are.
 */
@Controller
class ModelGateway {

    private final ModelCatalog catalog;
    private final Callers callers;
    private final GatewayCalls calls;
    private final Upstream upstream;
    private final ModelProperties properties;
    private final Semaphore slots;

    ModelGateway(
            ModelCatalog catalog, Callers callers, GatewayCalls calls, Upstream upstream, ModelProperties properties) {
        this.catalog = catalog;
        this.callers = callers;
        this.calls = calls;
        this.upstream = upstream;
        this.properties = properties;
        this.slots = new Semaphore(properties.maxConcurrentCalls());
    }

    /** Calls in flight per sandbox (this replica's; a bound, not an account), removed when none is left. */
    private final Map<UUID, AtomicInteger> perSandbox = new ConcurrentHashMap<>();

    @RequestMapping("/llm/{provider}/**")
    void call(@PathVariable String provider, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        var configured = catalog.provider(provider).orElse(null);
        if (configured == null) {
            refuse(
                    response,
                    ProviderType.openai_compatible,
                    404,
                    "No model provider '" + provider + "' is offered here.");
            return;
        }
        var type = configured.type();
        var caller = callers.find(credential(request)).orElse(null);
        if (caller == null) {
            refuse(
                    response,
                    type,
                    401,
                    "CodInspect: this is not a live sandbox's model token (a sandbox's token"
                            + " ends with its sandbox).");
            return;
        }
        var path = request.getRequestURI().substring(request.getContextPath().length() + ("/llm/" + provider).length());
        var api = ProviderApi.of(type, path).orElse(null);
        if (api == null || !"POST".equals(request.getMethod())) {
            refuse(response, type, 404, "CodInspect's model gateway serves only the model APIs of '" + provider + "'.");
            return;
        }
        if (!slots.tryAcquire()) {
            response.setHeader("Retry-After", "1");
            refuse(
                    response,
                    type,
                    503,
                    "CodInspect's model gateway is at its limit of " + properties.maxConcurrentCalls()
                            + " calls at once; try again shortly.");
            return;
        }
        var mine = perSandbox.computeIfAbsent(caller.sandboxId(), id -> new AtomicInteger());
        try {
            if (mine.incrementAndGet() > properties.maxCallsPerSandbox()) {
                response.setHeader("Retry-After", "1");
                refuse(
                        response,
                        type,
                        429,
                        "CodInspect: a sandbox may make at most " + properties.maxCallsPerSandbox()
                                + " model calls at once.");
                return;
            }
            serve(provider, configured, caller, path, api, request, response);
        } finally {
            if (mine.decrementAndGet() <= 0) {
                perSandbox.remove(caller.sandboxId(), mine);
            }
            slots.release();
        }
    }

    private void serve(
            String provider,
            ModelProperties.Provider configured,
            CallContext context,
            String path,
            ProviderApi api,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var type = configured.type();
        var body = request.getInputStream().readNBytes(properties.maxRequestBytes() + 1);
        if (body.length > properties.maxRequestBytes()) {
            refuse(response, type, 413, "A model request may have at most " + properties.maxRequestBytes() + " bytes.");
            return;
        }
        ModelRequest read;
        try {
            read = ModelRequest.read(body);
        } catch (IllegalArgumentException e) {
            refuse(response, type, 400, "A model request's body must be one JSON object, each key once.");
            return;
        }
        var model = read.model() == null ? "" : read.model();
        if (!catalog.offers(provider, model)) {
            refuse(
                    response,
                    type,
                    403,
                    "CodInspect: model '" + provider + "/" + model
                            + "' is not offered here; GET /api/models lists the models you may use.");
            return;
        }
        if (read.background()) {
            refuse(
                    response,
                    type,
                    400,
                    "CodInspect's model gateway does not run requests in the background:"
                            + " their cost could not be metered.");
            return;
        }
        var providerTool = read.providerTool();
        if (providerTool.isPresent() || read.providerServers()) {
            refuse(
                    response,
                    type,
                    403,
                    "CodInspect's model gateway relays only the agent's own tools: the"
                            + " provider's (" + providerTool.orElse("mcp_servers") + ") would reach the network"
                            + " beyond the sandbox's egress rules.");
            return;
        }
        var call = new GatewayCall(context, provider, model, api, read.stream(), body.length);
        var over = calls.refusal(context);
        if (over.isPresent()) {
            calls.record(call.refused(over.get()));
            refuse(response, type, 403, "CodInspect: " + over.get());
            return;
        }
        if (api == ProviderApi.CHAT_COMPLETIONS && read.stream() && !read.includeUsage()) {
            body = withUsageReported(body);
        }
        new Forwarding(calls, upstream, properties)
                .forward(call, configured, path, request, response, Upstream.forwarded(request), body);
    }

    /** The agent's credential, where its SDK sends it. */
    private static String credential(HttpServletRequest request) {
        var key = request.getHeader("x-api-key");
        if (key != null && !key.isBlank()) {
            return key.strip();
        }
        return BearerTokens.of(request.getHeader("Authorization"));
    }

    /** Streamed Chat Completions report usage only when asked: the one change made to a request's body. */
    private static byte[] withUsageReported(byte[] body) {
        var json = (ObjectNode) EventCodec.mapper().readTree(body);
        var options = json.path("stream_options").isObject()
                ? (ObjectNode) json.get("stream_options")
                : json.putObject("stream_options");
        options.put("include_usage", true);
        return EventCodec.mapper().writeValueAsBytes(json);
    }

    static void refuse(HttpServletResponse response, ProviderType type, int status, String message) throws IOException {
        var bytes = ProviderApi.error(type, status, message);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}

package io.codinspect.controlplane.gateway;

import io.codinspect.controlplane.model.ModelProperties;
import io.codinspect.controlplane.model.ModelProperties.ProviderType;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The gateway's calls to providers: the provider's base URL (its default when none is configured)
 * plus the API's path, the request's own headers where they matter to the API and never its
 * credential, and the provider's real key, which exists nowhere but here and in the control
 * plane's configuration.
 */
@Component
class Upstream {

    /** Request headers passed to providers; everything else (credentials, cookies, encodings) stays behind. */
    private static final Set<String> FORWARDED = Set.of(
            "content-type",
            "accept",
            "anthropic-version",
            "anthropic-beta",
            "openai-beta",
            "user-agent",
            "idempotency-key");

    private final HttpClient client;
    private final ModelProperties properties;

    Upstream(ModelProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /**
     * The agent's request headers that go to the provider: those that matter to its API, with the
     * Anthropic betas that would let the provider reach the network for the agent dropped.
     */
    static java.util.Map<String, String> forwarded(jakarta.servlet.http.HttpServletRequest request) {
        var headers = new java.util.LinkedHashMap<String, String>();
        for (var name : java.util.Collections.list(request.getHeaderNames())) {
            var lower = name.toLowerCase(Locale.ROOT);
            var value = request.getHeader(name);
            if ("anthropic-beta".equals(lower)) {
                betas(value).ifPresent(betas -> headers.put(name, betas));
            } else if (FORWARDED.contains(lower)) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    /** Sends the call; throws on a refused connection or when no answer's headers came within the response timeout. */
    HttpResponse<InputStream> send(
            ModelProperties.Provider provider,
            String path,
            String query,
            java.util.Map<String, String> headers,
            byte[] body)
            throws java.io.IOException, InterruptedException {
        var uri = URI.create(base(provider) + path + (query == null ? "" : "?" + query));
        var request = HttpRequest.newBuilder(uri)
                .timeout(properties.responseTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        var key = provider.apiKey();
        if (key != null && !key.isBlank()) {
            if (provider.type() == ProviderType.anthropic) {
                request.header("x-api-key", key);
            } else {
                request.header("Authorization", "Bearer " + key);
            }
        }
        var built = request.build();
        try {
            return client.send(built, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException | java.net.ConnectException e) {
            throw e;
        } catch (java.io.IOException e) {
            // a pooled connection the provider had already closed fails before the request is read:
            // once more on a new connection
            return client.send(built, HttpResponse.BodyHandlers.ofInputStream());
        }
    }

    /**
     * The Anthropic betas passed on: all but those that let the provider reach the network or files
     * on the agent's behalf (MCP servers, web fetch, code execution, computer use, the Files API).
     */
    static java.util.Optional<String> betas(String value) {
        var kept = java.util.Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(beta -> !beta.isEmpty())
                .filter(beta -> REFUSED_BETAS.stream().noneMatch(beta::startsWith))
                .toList();
        return kept.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(",", kept));
    }

    private static final java.util.List<String> REFUSED_BETAS =
            java.util.List.of("mcp-client", "web-fetch", "code-execution", "computer-use", "files-api");

    /** Where a provider is reached: its configured base URL, else the public API's. */
    static String base(ModelProperties.Provider provider) {
        if (provider.baseUrl() != null && !provider.baseUrl().isBlank()) {
            return provider.baseUrl().replaceAll("/+$", "");
        }
        return switch (provider.type()) {
            case anthropic -> "https://api.anthropic.com/v1";
            case openai -> "https://api.openai.com/v1";
            case openai_compatible -> throw new IllegalStateException("an openai-compatible provider needs a base-url");
        };
    }
}

package io.codinspect.controlplane.gateway;

import io.codinspect.controlplane.model.ModelProperties.ProviderType;
import io.codinspect.model.event.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The model APIs the gateway serves, each on the path its SDK calls below its base URL, with the
 * error shape its SDK understands. Nothing else of a provider's API is reachable through the
 * gateway: an agent cannot use the organisation's key for files, batches or fine-tuning.
 */
enum ProviderApi {
    CHAT_COMPLETIONS("chat-completions", "/chat/completions"),
    RESPONSES("responses", "/responses"),
    MESSAGES("messages", "/messages");

    private final String id;
    private final String path;

    ProviderApi(String id, String path) {
        this.id = id;
        this.path = path;
    }

    String id() {
        return id;
    }

    /** The API a request path (below {@code /llm/<provider>}) calls, if the provider speaks it. */
    static Optional<ProviderApi> of(ProviderType type, String path) {
        for (var api : values()) {
            if (api.path.equals(path) && api.spokenBy(type)) {
                return Optional.of(api);
            }
        }
        return Optional.empty();
    }

    private boolean spokenBy(ProviderType type) {
        return switch (this) {
            case MESSAGES -> type == ProviderType.anthropic;
            case RESPONSES -> type == ProviderType.openai;
            case CHAT_COMPLETIONS -> type != ProviderType.anthropic;
        };
    }

    /** The error shape of a provider type: Anthropic's for Anthropic, OpenAI's for the rest. */
    static byte[] error(ProviderType type, int status, String message) {
        Object body = type == ProviderType.anthropic
                ? Map.of("type", "error", "error", Map.of("type", anthropicType(status), "message", message))
                : Map.of("error", Map.of("message", message, "type", openAiType(status), "code", status));
        return EventCodec.mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    private static String anthropicType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static String openAiType(int status) {
        return status >= 500 ? "server_error" : "invalid_request_error";
    }
}

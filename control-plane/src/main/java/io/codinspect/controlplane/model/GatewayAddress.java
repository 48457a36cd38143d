package io.codinspect.controlplane.model;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where sandboxes reach the model gateway: {@code codinspect.models.gateway-url} (the in-cluster
 * service URL on Kubernetes), else this control plane on loopback.
 */
@Component
class GatewayAddress {

    private final ModelProperties properties;
    private final Environment environment;

    GatewayAddress(ModelProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** The base URL a provider's SDK is given: {@code <gateway-url>/llm/<provider>}. */
    String of(String providerId) {
        return base() + "/llm/" + providerId;
    }

    private String base() {
        var configured = properties.gatewayUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.replaceAll("/+$", "");
        }
        return "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080");
    }
}

package io.codinspect.testkit.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment a kubelet would give one container of a pod: its {@code env} values and the
 * keys of the Secrets it names in {@code envFrom}, as tests that play the container need them.
 * Another container of the same pod gets only what its own spec says.
 */
public final class ContainerEnvironment {

    private ContainerEnvironment() {}

    /** The environment of the container named {@code container}. */
    public static Map<String, String> of(KubernetesClient client, Pod pod, String container) {
        return of(client, pod, container(pod, container));
    }

    /** The container named {@code name} of the pod's spec. */
    public static Container container(Pod pod, String name) {
        return pod.getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "pod " + pod.getMetadata().getName() + " has no container " + name));
    }

    private static Map<String, String> of(KubernetesClient client, Pod pod, Container container) {
        var env = new HashMap<String, String>();
        for (var from : container.getEnvFrom()) {
            if (from.getSecretRef() == null) {
                continue;
            }
            var secret = client.secrets()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(from.getSecretRef().getName())
                    .get();
            if (secret.getStringData() != null) {
                env.putAll(secret.getStringData());
            }
            if (secret.getData() != null) {
                secret.getData()
                        .forEach((k, v) ->
                                env.put(k, new String(Base64.getDecoder().decode(v), UTF_8)));
            }
        }
        container.getEnv().forEach(var -> env.put(var.getName(), var.getValue()));
        return env;
    }
}

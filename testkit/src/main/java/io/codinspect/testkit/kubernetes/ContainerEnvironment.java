package io.codinspect.testkit.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment a kubelet would give a pod's first container: its {@code env} values and the
 * keys of the Secrets it names in {@code envFrom}, as tests that play the container need them.
 */
public final class ContainerEnvironment {

    private ContainerEnvironment() {}

    public static Map<String, String> of(KubernetesClient client, Pod pod) {
        var container = pod.getSpec().getContainers().getFirst();
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

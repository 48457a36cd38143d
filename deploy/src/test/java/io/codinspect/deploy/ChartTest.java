package io.codinspect.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chart, by real Helm (helm-java), its manifests parsed by fabric8 and accepted by its mock API server. */
@EnableKubernetesMockClient(crud = true)
class ChartTest {

    static final Path CHART = RenderedChart.CHART;

    KubernetesClient client;

    @Test
    void lintsCleanEvenStrictly() {
        var lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "github-ingress", "evaluation", "locked-down"})
    void rendersManifestsThatAreKubernetesObjectsTheApiServerAccepts(String valueSet) throws Exception {
        var objects = objectsOf(valueSet);

        assertThat(objects)
                .extracting(HasMetadata::getKind)
                .contains("Deployment", "Service", "Role", "RoleBinding", "NetworkPolicy");
        for (var object : objects) {
            assertThat(object.getMetadata().getName()).as(object.getKind()).isNotBlank();
            var created = object instanceof GenericKubernetesResource custom
                    ? client.genericKubernetesResources(contextOf(custom))
                            .inNamespace(custom.getMetadata().getNamespace())
                            .resource(custom)
                            .create()
                    : client.resource(object).create();
            assertThat(created.getMetadata().getUid())
                    .as(
                            "accepted: %s %s",
                            object.getKind(), object.getMetadata().getName())
                    .isNotBlank();
        }
        var deployment = only(objects, Deployment.class);
        var container =
                deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getSecurityContext()
                        .getRunAsNonRoot())
                .isTrue();
        assertThat(deployment.getSpec().getStrategy().getType())
                .as("the old control plane stops before the new one starts")
                .isEqualTo("Recreate");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("JAVA_TOOL_OPTIONS");
            assertThat(env.getValue()).contains("-XX:MaxGCPauseMillis=5");
        });
        assertThat(Serialization.asYaml(deployment))
                .as("secrets reach the pod only by reference")
                .doesNotContain("never-printed")
                .doesNotContain("evaluation-password");
    }

    @Test
    void aSecondControlPlaneReplicaIsRefusedSayingWhy() {
        assertThatThrownBy(
                        () -> new Helm(CHART).template().set("replicaCount", 2).call())
                .hasMessageContaining("replicaCount is 2, but CodInspect runs one control plane until scale-out")
                .hasMessageContaining(
                        "live event streaming and the sandboxes' bridge connections are held per replica");
    }

    @Test
    void theDisruptionBudgetNeverBlocksANodeDrain() throws Exception {
        var budget = only(objectsOf("github-ingress"), PodDisruptionBudget.class);

        assertThat(budget.getSpec().getMinAvailable()).isNull();
        assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .set("podDisruptionBudget.maxUnavailable", 0)
                        .call())
                .hasMessageContaining("maxUnavailable");
    }

    @Test
    void sandboxesGetNoIngressAndOnlyTheEgressAllowedUnlessItIsOpened() throws Exception {
        var locked = only(objectsOf("locked-down"), NetworkPolicy.class);
        assertThat(locked.getMetadata().getNamespace()).isEqualTo("agents");
        assertThat(locked.getSpec().getIngress()).isEmpty();
        assertThat(Serialization.asJson(locked))
                .contains("\"10.20.0.0/16\"", "\"10.30.4.5/32\"", "\"k8s-app\":\"kube-dns\"");

        var open = only(objectsOf("evaluation"), NetworkPolicy.class);
        assertThat(open.getSpec().getEgress())
                .singleElement()
                .satisfies(rule -> assertThat(rule.getTo()).isNullOrEmpty());
    }

    @Test
    void theSchemaRefusesBadValues() {
        assertThatThrownBy(() ->
                        new Helm(CHART).template().set("replicaCount", "two").call())
                .hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .set("sandboxes.namespace", "Not_A_Name")
                        .call())
                .hasMessageContaining("namespace");
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .set("sandboxes.resources.memoryLimit", "lots")
                        .call())
                .hasMessageContaining("memoryLimit");
        assertThatThrownBy(() -> new Helm(CHART).template().set("replicas", 2).call())
                .hasMessageContaining("replicas");
    }

    @Test
    void theEvaluationDatabaseAndTheDatabaseFromValuesNeedTheirPasswords() {
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .set("postgresql.enabled", true)
                        .call())
                .hasMessageContaining("postgresql.password is required");
        assertThatThrownBy(() -> new Helm(CHART)
                        .template()
                        .set("database.existingSecret", "")
                        .call())
                .hasMessageContaining("database.url");
    }

    private List<HasMetadata> objectsOf(String valueSet) throws URISyntaxException {
        return RenderedChart.objects(client, valueSet, Map.of());
    }

    /** Custom resources of the chart (the ServiceMonitor), named so that no API discovery is needed. */
    private static ResourceDefinitionContext contextOf(GenericKubernetesResource custom) {
        var apiVersion = custom.getApiVersion().split("/");
        return new ResourceDefinitionContext.Builder()
                .withGroup(apiVersion[0])
                .withVersion(apiVersion[1])
                .withKind(custom.getKind())
                .withPlural(custom.getKind().toLowerCase(java.util.Locale.ROOT) + "s")
                .withNamespaced(true)
                .build();
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
        return RenderedChart.only(objects, type);
    }
}

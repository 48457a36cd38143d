package io.codinspect.deploy;

import static io.codinspect.deploy.RenderedChart.objects;
import static io.codinspect.deploy.RenderedChart.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sandbox egress on Kubernetes: the NetworkPolicy lets sandbox pods reach DNS, the control plane
 * (bridge, model gateway, egress proxy) and the {@code allowedEgress} CIDRs only; the control plane
 * runs the egress proxy on a port its Service exposes and sandboxes are pointed at.
 */
@EnableKubernetesMockClient(crud = true)
class ChartEgressTest {

    KubernetesClient client;

    @ParameterizedTest
    @ValueSource(strings = {"default", "github-ingress", "locked-down"})
    void sandboxesReachOnlyDnsTheControlPlaneAndTheAllowedCidrsNeverTheWholeInternet(String valueSet) throws Exception {
        var objects = objects(client, valueSet, Map.of());
        var policy = only(objects, NetworkPolicy.class);
        var proxyPort = proxyPort(objects);

        assertThat(Serialization.asJson(policy)).doesNotContain("0.0.0.0/0").doesNotContain("::/0");
        var rules = policy.getSpec().getEgress();
        assertThat(rules)
                .allSatisfy(rule -> assertThat(rule.getTo())
                        .as("no rule without a destination")
                        .isNotEmpty());
        var controlPlane = rules.get(0);
        assertThat(controlPlane.getTo())
                .singleElement()
                .satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                        .containsEntry("app.kubernetes.io/component", "control-plane"));
        assertThat(ports(controlPlane)).containsExactly("TCP/8080", "TCP/" + proxyPort);
        var dns = rules.get(1);
        assertThat(dns.getTo())
                .singleElement()
                .satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                        .containsExactly(Map.entry("k8s-app", "kube-dns")));
        assertThat(ports(dns)).containsExactly("UDP/53", "TCP/53");
        assertThat(rules.subList(2, rules.size()))
                .as("the allowedEgress CIDRs, nothing more")
                .allSatisfy(rule -> assertThat(rule.getTo())
                        .singleElement()
                        .satisfies(
                                peer -> assertThat(peer.getIpBlock().getCidr()).isNotBlank()));
    }

    @Test
    void theControlPlaneRunsTheProxyOnAPortItsServiceExposesAndSandboxesAreSentThere() throws Exception {
        var objects = objects(client, "default", Map.of());
        var container = only(objects, Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
        var service = only(objects, Service.class);

        assertThat(container.getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("egress");
            assertThat(p.getContainerPort()).isEqualTo(8090);
        });
        assertThat(service.getSpec().getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("egress");
            assertThat(p.getPort()).isEqualTo(8090);
            assertThat(p.getTargetPort()).isEqualTo(new IntOrString("egress"));
        });
        assertThat(env(objects))
                .containsEntry("CODINSPECT_SANDBOX_EGRESS_ENABLED", "true")
                .containsEntry("CODINSPECT_SANDBOX_EGRESS_PORT", "8090")
                .containsEntry("CODINSPECT_SANDBOX_EGRESS_PROXYURL", "http://codinspect.codinspect.svc:8090")
                .containsEntry("CODINSPECT_SANDBOX_EGRESS_ALLOWPRIVATEADDRESSES", "false")
                .containsEntry("CODINSPECT_SANDBOX_BRIDGEURL", "ws://codinspect.codinspect.svc:8080/bridge")
                .containsEntry("CODINSPECT_MODELS_GATEWAYURL", "http://codinspect.codinspect.svc:8080")
                .doesNotContainKey("CODINSPECT_SANDBOX_EGRESS_EXTRAALLOWEDHOSTS");
    }

    @Test
    void moreHostsAPortAndPrivateAddressesAreOpenedFromValues() throws Exception {
        var objects = objects(client, "locked-down", Map.of());

        assertThat(env(objects))
                .containsEntry("CODINSPECT_SANDBOX_EGRESS_PORT", "3128")
                .containsEntry("CODINSPECT_SANDBOX_EGRESS_PROXYURL", "http://codinspect.codinspect.svc:3128")
                .containsEntry(
                        "CODINSPECT_SANDBOX_EGRESS_EXTRAALLOWEDHOSTS",
                        "git.acme.internal,*.models.acme.internal:8443,cache.acme.internal:*")
                .containsEntry("CODINSPECT_SANDBOX_EGRESS_ALLOWPRIVATEADDRESSES", "true");
        assertThat(only(objects, Service.class).getSpec().getPorts())
                .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(3128));
    }

    @Test
    void openEgressLiftsThePolicysLimitsAndTurnsTheProxyOff() throws Exception {
        var objects = objects(client, "evaluation", Map.of());

        assertThat(only(objects, NetworkPolicy.class).getSpec().getEgress())
                .singleElement()
                .satisfies(rule -> assertThat(rule.getTo()).isNullOrEmpty());
        assertThat(env(objects)).containsEntry("CODINSPECT_SANDBOX_EGRESS_ENABLED", "false");
    }

    @Test
    void theSchemaRefusesAPrivilegedProxyPortAndAnEntryThatIsNoHost() {
        assertThatThrownBy(() -> new Helm(RenderedChart.CHART)
                        .template()
                        .set("sandboxes.network.egressProxy.port", 80)
                        .call())
                .hasMessageContaining("port");
        assertThatThrownBy(() -> new Helm(RenderedChart.CHART)
                        .template()
                        .set("sandboxes.network.egressProxy.extraAllowedHosts[0]", "https://evil.example.com/")
                        .call())
                .hasMessageContaining("extraAllowedHosts");
    }

    private static int proxyPort(List<HasMetadata> objects) {
        return Integer.parseInt(env(objects).get("CODINSPECT_SANDBOX_EGRESS_PORT"));
    }

    private static List<String> ports(NetworkPolicyEgressRule rule) {
        return rule.getPorts().stream()
                .map((NetworkPolicyPort p) ->
                        p.getProtocol() + "/" + p.getPort().getIntVal())
                .toList();
    }

    private static Map<String, String> env(List<HasMetadata> objects) {
        return only(objects, Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getEnv()
                .stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}

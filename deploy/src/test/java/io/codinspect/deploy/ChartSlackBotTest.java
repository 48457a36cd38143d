package io.codinspect.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional Slack bot: its own Deployment and Service, /slack/events routed to it, tokens from the app Secret. */
@EnableKubernetesMockClient(crud = true)
class ChartSlackBotTest {

    KubernetesClient client;

    @Test
    void isLeftOutUnlessEnabled() throws Exception {
        var objects = RenderedChart.objects(client, "github-ingress", Map.of());

        assertThat(objects).extracting(o -> o.getMetadata().getName()).noneMatch(name -> name.contains("slack-bot"));
        assertThat(env(deployment(objects, "control-plane")))
                .extracting(EnvVar::getName)
                .doesNotContain("CODINSPECT_BOTS_ENABLED");
    }

    @Test
    void runsRestrictedWithProbesItsSecretsFromTheAppSecretAndItsEventsRoutedToIt() throws Exception {
        var objects = RenderedChart.objects(
                client, "github-ingress", Map.of("slackBot.enabled", "true", "slackBot.defaultRepository", "acme/api"));
        for (var object : objects) {
            if (!(object instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource)) {
                assertThat(client.resource(object).create().getMetadata().getUid())
                        .isNotBlank();
            }
        }

        var bot = deployment(objects, "slack-bot");
        var pod = bot.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().getFirst();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        var env = env(bot);
        assertThat(secretKey(env, "SLACK_BOT_TOKEN")).isEqualTo("slackBotToken");
        assertThat(secretKey(env, "SLACK_SIGNING_SECRET")).isEqualTo("slackSigningSecret");
        assertThat(secretKey(env, "CODINSPECT_BOT_TOKEN")).isEqualTo("slackServiceAccountToken");
        assertThat(value(env, "CODINSPECT_SLACK_DEFAULT_REPOSITORY")).isEqualTo("acme/api");
        assertThat(value(env, "SLACK_BOT_PUBLIC_URL")).contains("-slack-bot.codinspect.svc:8081");
        var controlPlane = env(deployment(objects, "control-plane"));
        assertThat(value(controlPlane, "CODINSPECT_BOTS_ENABLED")).isEqualTo("slack");
        assertThat(secretKey(controlPlane, "CODINSPECT_BOTS_TOKENS_SLACK")).isEqualTo("slackServiceAccountToken");

        var service = objects.stream()
                .filter(Service.class::isInstance)
                .map(Service.class::cast)
                .filter(s -> s.getMetadata().getName().endsWith("-slack-bot"))
                .findFirst()
                .orElseThrow();
        assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "slack-bot");
        var ingress = RenderedChart.only(objects, Ingress.class);
        var paths = ingress.getSpec().getRules().getFirst().getHttp().getPaths();
        assertThat(paths)
                .filteredOn(p -> p.getPath().equals("/slack/events"))
                .singleElement()
                .satisfies(p -> assertThat(p.getBackend().getService().getName())
                        .isEqualTo(service.getMetadata().getName()));
        assertThat(paths)
                .as("the bot's notification endpoint is for the control plane only")
                .extracting(p -> p.getPath())
                .noneMatch(path -> path.startsWith("/codinspect"));
    }

    private static Deployment deployment(List<HasMetadata> objects, String component) {
        return objects.stream()
                .filter(Deployment.class::isInstance)
                .map(Deployment.class::cast)
                .filter(d -> component.equals(
                        d.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/component")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + component + " Deployment"));
    }

    private static List<EnvVar> env(Deployment deployment) {
        return deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getEnv();
    }

    private static String value(List<EnvVar> env, String name) {
        return env.stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getValue();
    }

    private static String secretKey(List<EnvVar> env, String name) {
        return env.stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name))
                .getValueFrom()
                .getSecretKeyRef()
                .getKey();
    }
}

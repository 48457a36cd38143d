package io.codinspect.deploy;

import static io.codinspect.deploy.RenderedChart.objects;
import static io.codinspect.deploy.RenderedChart.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the chart exposes and how: the Ingress routes what people and GitHub use and nothing of the
 * sandboxes' or the metrics' paths, and Prometheus scrapes with the scrape token from a Secret.
 */
@EnableKubernetesMockClient(crud = true)
class ChartExposureTest {

    private static final String SCRAPE_TOKEN = "cim_scrape-token-never-printed-0123456789";

    KubernetesClient client;

    @Test
    void theIngressRoutesThePagesTheApiAndGitHubButNeitherTheSandboxesPathsNorTheMetrics() throws Exception {
        var paths = ingressPaths();

        assertThat(List.of(
                        "/",
                        "/index.html",
                        "/assets/index-C8SdWqO6.js",
                        "/sessions/0b5e2a1c",
                        "/settings",
                        "/usage",
                        "/signin",
                        "/api/sessions",
                        "/api/sessions/0b5e2a1c/ws",
                        "/v3/api-docs",
                        "/swagger-ui.html",
                        "/swagger-ui/index.html",
                        "/webhooks/github",
                        "/oauth2/authorization/github",
                        "/login/oauth2/code/github",
                        "/actuator/health"))
                .allSatisfy(path -> assertThat(routed(paths, path)).as(path).isTrue());
        assertThat(List.of(
                        "/bridge",
                        "/bridge/0b5e2a1c",
                        "/llm",
                        "/llm/anthropic/v1/messages",
                        "/llm/openai/v1/chat/completions",
                        "/sandbox-api/git-credential",
                        "/sandbox-api/pull-request",
                        "/actuator",
                        "/actuator/prometheus",
                        "/actuator/metrics",
                        "/actuator/health/liveness",
                        "/apis",
                        "/index.html.bak"))
                .allSatisfy(path -> assertThat(routed(paths, path)).as(path).isFalse());
    }

    @Test
    void everyPageAndFileOfTheWebUiIsRoutedByTheIngress() throws Exception {
        var paths = ingressPaths();
        var pages = new ArrayList<String>();
        var controller = Files.readString(
                Path.of("../control-plane/src/main/java/io/codinspect/controlplane/system/WebUiController.java"));
        var mapping = Pattern.compile("@GetMapping\\(\\{([^}]*(?:\\{[^}]*}[^}]*)*)}\\)")
                .matcher(controller);
        assertThat(mapping.find()).as("WebUiController's @GetMapping").isTrue();
        Pattern.compile("\"([^\"]+)\"")
                .matcher(mapping.group(1))
                .results()
                .map(m -> m.group(1).replaceAll("\\{[^}]+}", "x"))
                .forEach(pages::add);
        try (var files = Files.list(Path.of("../web-ui/public"))) {
            files.map(f -> "/" + f.getFileName()).forEach(pages::add);
        }

        assertThat(pages).contains("/sessions/x", "/settings", "/usage", "/favicon.svg");
        assertThat(pages)
                .allSatisfy(page -> assertThat(routed(paths, page))
                        .as("%s is served by the control plane: add it to templates/ingress.yaml", page)
                        .isTrue());
    }

    @Test
    void prometheusScrapesWithTheScrapeTokenOfTheSecretTheChartMakesAndTheControlPlaneReads() throws Exception {
        var objects = objects(client, "github-ingress", Map.of());
        var secretName = "codinspect-bootstrap";

        assertServiceMonitorAuthorizedBy(objects, secretName);
        assertControlPlaneReadsTheScrapeTokenFrom(objects, secretName);
        var secret = secretNamed(objects, secretName);
        assertThat(secret.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(secret.getStringData()).containsEntry("scrapeToken", SCRAPE_TOKEN);
        assertThat(Serialization.asYaml(only(objects, Deployment.class)))
                .as("the token reaches the pod only by reference")
                .doesNotContain(SCRAPE_TOKEN)
                .doesNotContain("never-printed");
    }

    @Test
    void withoutAGivenScrapeTokenOneIsGeneratedApartFromTheBootstrapToken() throws Exception {
        var objects = objects(client, "default", Map.of("serviceMonitor.enabled", true));

        assertServiceMonitorAuthorizedBy(objects, "codinspect-bootstrap");
        var tokens = secretNamed(objects, "codinspect-bootstrap").getStringData();
        assertThat(tokens.get("scrapeToken")).matches("cim_[A-Za-z0-9]{40}");
        assertThat(tokens.get("bootstrapToken")).matches("cit_[A-Za-z0-9]{40}");
    }

    @Test
    void withAnExistingSecretTheScrapeTokenIsReadFromItAndNoneIsMade() throws Exception {
        var objects = objects(client, "locked-down", Map.of("serviceMonitor.enabled", true));

        assertServiceMonitorAuthorizedBy(objects, "codinspect-secrets");
        assertControlPlaneReadsTheScrapeTokenFrom(objects, "codinspect-secrets");
        assertThat(objects)
                .filteredOn(o -> o instanceof Secret)
                .extracting(o -> o.getMetadata().getName())
                .doesNotContain("codinspect-secrets", "codinspect-bootstrap");
    }

    private static void assertServiceMonitorAuthorizedBy(List<HasMetadata> objects, String secretName) {
        var monitor = only(objects, "ServiceMonitor");
        Map<String, Object> authorization = monitor.get("spec", "endpoints", 0, "authorization");
        assertThat(monitor.<String>get("spec", "endpoints", 0, "path")).isEqualTo("/actuator/prometheus");
        assertThat(authorization)
                .containsEntry("type", "Bearer")
                .containsEntry("credentials", Map.of("name", secretName, "key", "scrapeToken"));
    }

    private static void assertControlPlaneReadsTheScrapeTokenFrom(List<HasMetadata> objects, String secretName) {
        var env = only(objects, Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getEnv();
        assertThat(env)
                .filteredOn(e -> e.getName().equals("CODINSPECT_MANAGEMENT_SCRAPETOKEN"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secretName);
                    assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("scrapeToken");
                });
        assertThat(env).extracting(EnvVar::getValue).doesNotContain(SCRAPE_TOKEN);
    }

    private static Secret secretNamed(List<HasMetadata> objects, String name) {
        return objects.stream()
                .filter(o -> o instanceof Secret && o.getMetadata().getName().equals(name))
                .map(Secret.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Secret " + name + " is rendered"));
    }

    @Test
    void theIngressReachesOnlyTheHttpPortNeverTheEgressProxy() throws Exception {
        assertThat(ingressPaths())
                .isNotEmpty()
                .allSatisfy(path -> assertThat(
                                path.getBackend().getService().getPort().getName())
                        .isEqualTo("http"));
    }

    private List<HTTPIngressPath> ingressPaths() throws Exception {
        var ingress = only(objects(client, "github-ingress", Map.of()), Ingress.class);
        return ingress.getSpec().getRules().getFirst().getHttp().getPaths();
    }

    /** Whether a request for {@code path} reaches a backend, by the Ingress API's Exact and Prefix rules. */
    private static boolean routed(List<HTTPIngressPath> paths, String path) {
        return paths.stream().anyMatch(rule -> switch (rule.getPathType()) {
            case "Exact" -> path.equals(rule.getPath());
            case "Prefix" -> {
                var prefix = rule.getPath().replaceAll("/+$", "");
                yield prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
            }
            default -> throw new AssertionError("pathType " + rule.getPathType() + " is implementation-specific");
        });
    }
}

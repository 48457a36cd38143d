package io.codinspect.controlplane.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.codinspect.controlplane.sandbox.SandboxExited;
import io.codinspect.controlplane.sandbox.SandboxProgress;
import io.codinspect.controlplane.sandbox.SandboxProvider.ProviderStatus;
import io.codinspect.controlplane.sandbox.SandboxSpawnException;
import io.codinspect.controlplane.sandbox.SandboxSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Kubernetes provider against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class KubernetesSandboxProviderTest {

    private static final String NS = "codinspect-sandboxes";
    private static final String IMAGE = "registry.example.com/codinspect/sandbox:1.0";
    private static final String TOKEN = "cis_sandbox-secret-token-0123456789";
    private static final String CHECKPOINT_KEY = "Y2hlY2twb2ludC1rZXktb2YtdGhpcy1zZXNzaW9u";
    private static final Duration STOP_GRACE = Duration.ofSeconds(45);

    KubernetesClient client;
    KubernetesMockServer server;

    private final List<SandboxExited> exited = new CopyOnWriteArrayList<>();
    private final List<SandboxProgress> progress = new CopyOnWriteArrayList<>();
    private KubernetesSandboxProperties properties;
    private KubernetesSandboxProvider provider;

    @BeforeEach
    void setUp() {
        properties = PodFixtures.properties(NS, "registry.example.com/codinspect/sandbox:1.0", Map.of());
        provider = newProvider();
    }

    private KubernetesSandboxProvider newProvider() {
        return new KubernetesSandboxProvider(
                client,
                properties,
                STOP_GRACE,
                event -> {
                    if (event instanceof SandboxExited e) {
                        exited.add(e);
                    } else if (event instanceof SandboxProgress p) {
                        progress.add(p);
                    }
                },
                Clock.systemUTC());
    }

    private static SandboxSpec spec() {
        return new SandboxSpec(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "https://github.com/acme/widgets.git",
                "main",
                "codinspect/12345678",
                "ws://codinspect.codinspect.svc:8080/bridge/x",
                TOKEN,
                "{\"provider\":{\"fake\":{\"options\":{\"apiKey\":\"sk-secret\"}}}}",
                "cia_test",
                List.of("create-pull-request"),
                CHECKPOINT_KEY,
                "http://sandbox:cia_test@codinspect.codinspect.svc:8090");
    }

    private List<Pod> podsOf(SandboxSpec spec) {
        return client.pods()
                .inNamespace(NS)
                .withLabel(SandboxPods.SESSION_LABEL, spec.sessionId().toString())
                .list()
                .getItems();
    }

    @Test
    void theFirstSpawnCreatesExactlyOneRestrictedPodWithItsSecretAndLabels() {
        var spec = spec();
        provider.spawn(spec);

        var pods = podsOf(spec);
        assertThat(pods).hasSize(1);
        var pod = pods.getFirst();
        assertThat(pod.getMetadata().getName()).isEqualTo("codinspect-sandbox-" + spec.sandboxId());
        assertThat(pod.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "codinspect")
                .containsEntry("codinspect.io/sandbox", spec.sandboxId().toString());
        var podSpec = pod.getSpec();
        assertThat(podSpec.getAutomountServiceAccountToken()).isFalse();
        assertThat(podSpec.getActiveDeadlineSeconds()).isEqualTo(4 * 3600L);
        assertThat(podSpec.getRestartPolicy()).isEqualTo("Never");
        assertThat(podSpec.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(podSpec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(podSpec.getContainers()).extracting(c -> c.getName()).containsExactly("supervisor", "agent");
        assertThat(podSpec.getContainers()).allSatisfy(container -> {
            var security = container.getSecurityContext();
            assertThat(security.getRunAsNonRoot()).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).isFalse();
            assertThat(security.getPrivileged()).isFalse();
            assertThat(security.getReadOnlyRootFilesystem()).isTrue();
            assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(container.getImage()).isEqualTo(IMAGE);
        });
        assertThat(Serialization.asJson(pod))
                .doesNotContain(TOKEN)
                .doesNotContain("sk-secret")
                .doesNotContain(CHECKPOINT_KEY);

        var secret = client.secrets()
                .inNamespace(NS)
                .withName(pod.getMetadata().getName())
                .get();
        assertThat(secret).isNotNull();
        assertThat(secret.getStringData())
                .containsEntry("CODINSPECT_SANDBOX_TOKEN", TOKEN)
                .containsEntry("CODINSPECT_CHECKPOINT_KEY", CHECKPOINT_KEY);
        assertThat(secret.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(owner ->
                        assertThat(owner.getName()).isEqualTo(pod.getMetadata().getName()));
        assertThat(provider.status(spec.sandboxId())).isEqualTo(ProviderStatus.starting);
    }

    @Test
    void aControlPlaneRestartedMidSpawnFindsThePodInsteadOfMakingASecond() {
        var spec = spec();
        provider.spawn(spec);
        var first = podsOf(spec).getFirst().getMetadata().getUid();

        newProvider().spawn(spec);

        assertThat(podsOf(spec))
                .singleElement()
                .satisfies(pod -> assertThat(pod.getMetadata().getUid()).isEqualTo(first));
    }

    @Test
    void stoppingDeletesThePodAndItsSecret() {
        var spec = spec();
        provider.spawn(spec);

        provider.stop(spec.sandboxId());
        provider.stop(spec.sandboxId());

        assertThat(podsOf(spec)).isEmpty();
        assertThat(client.secrets()
                        .inNamespace(NS)
                        .withName(SandboxPods.name(spec.sandboxId()))
                        .get())
                .isNull();
        assertThat(provider.status(spec.sandboxId())).isEqualTo(ProviderStatus.unknown);
    }

    @Test
    void serverErrorsAreRetriedAndAnInvalidPodFailsAtOnceWithTheApiServersWords() {
        var spec = spec();
        server.expect()
                .post()
                .withPath("/api/v1/namespaces/" + NS + "/pods")
                .andReturn(503, status(503, "etcd is busy"))
                .once();
        provider.spawn(spec);
        assertThat(podsOf(spec)).hasSize(1);

        var refused = spec();
        server.expect()
                .post()
                .withPath("/api/v1/namespaces/" + NS + "/pods")
                .andReturn(422, status(422, "Pod \"x\" is invalid: spec.containers[0].image: Required value"))
                .always();
        assertThatThrownBy(() -> provider.spawn(refused))
                .isInstanceOf(SandboxSpawnException.class)
                .hasMessageContaining("HTTP 422")
                .hasMessageContaining("spec.containers[0].image: Required value");
    }

    @Test
    void imagePullBackOffAndOomKilledPodsEndTheirSandboxInPlainWords() {
        var pulling = spec();
        var hungry = spec();
        provider.spawn(pulling);
        provider.spawn(hungry);
        try (var watch = SandboxPodWatch.start(client, NS, Duration.ofSeconds(30), provider::inspect)) {
            PodFixtures.report(
                    client,
                    podOf(pulling),
                    "Pending",
                    PodFixtures.waiting(IMAGE, "ImagePullBackOff", "Back-off pulling image"));
            PodFixtures.report(client, podOf(hungry), "Pending", PodFixtures.oomKilled(IMAGE));

            await().atMost(Duration.ofSeconds(10)).until(() -> exited.size() == 2);
        }
        assertThat(exited).anySatisfy(e -> {
            assertThat(e.sandboxId()).isEqualTo(pulling.sandboxId());
            assertThat(e.reason())
                    .contains("registry.example.com/codinspect/sandbox:1.0 could not be pulled")
                    .contains("ImagePullBackOff");
        });
        assertThat(exited).anySatisfy(e -> {
            assertThat(e.sandboxId()).isEqualTo(hungry.sandboxId());
            assertThat(e.reason())
                    .contains("ran out of memory")
                    .contains("the agent's container")
                    .contains("memory limit of 3584Mi")
                    .contains("4Gi");
        });
    }

    @Test
    void theLeaseHolderReapsAnOrphanAndLeavesLiveSandboxesAlone() {
        var live = spec();
        var orphan = spec();
        provider.spawn(live);
        provider.spawn(orphan);
        var reaper =
                new SandboxPodReaper(client, NS, id -> id.equals(live.sandboxId()), Clock.systemUTC(), Duration.ZERO);
        try (var lease = ReaperLease.start(client, NS, Duration.ofSeconds(3));
                var reaping = new OrphanPodReaping(lease, reaper)) {
            await().atMost(Duration.ofSeconds(10)).until(lease::held);
            assertThat(client.leases()
                            .inNamespace(NS)
                            .withName(ReaperLease.NAME)
                            .get())
                    .isNotNull();

            reaping.reap();
        }
        assertThat(podsOf(orphan)).isEmpty();
        assertThat(client.secrets()
                        .inNamespace(NS)
                        .withName(SandboxPods.name(orphan.sandboxId()))
                        .get())
                .isNull();
        assertThat(podsOf(live)).hasSize(1);
        assertThat(reaper.reap()).as("nothing more to reap").isZero();
    }

    @Test
    void theSessionHearsWhenItsPodIsScheduledAndWhenItRunsOnceEach() {
        var spec = spec();
        provider.spawn(spec);
        var name = SandboxPods.name(spec.sandboxId());
        try (var watch = SandboxPodWatch.start(client, NS, Duration.ofSeconds(30), provider::inspect)) {
            var pod = client.pods().inNamespace(NS).withName(name).get();
            pod.getSpec().setNodeName("node-7");
            client.pods().inNamespace(NS).resource(pod).update();
            var scheduled = client.pods().inNamespace(NS).withName(name).get();
            client.pods()
                    .inNamespace(NS)
                    .resource(new PodBuilder(scheduled)
                            .withNewStatus()
                            .withPhase("Pending")
                            .endStatus()
                            .build())
                    .updateStatus();
            await().atMost(Duration.ofSeconds(10)).until(() -> progress.size() == 1);
            var running = client.pods().inNamespace(NS).withName(name).get();
            client.pods()
                    .inNamespace(NS)
                    .resource(new PodBuilder(running)
                            .withNewStatus()
                            .withPhase("Running")
                            .endStatus()
                            .build())
                    .updateStatus();
            await().atMost(Duration.ofSeconds(10)).until(() -> progress.size() == 2);
        }
        assertThat(progress).extracting(SandboxProgress::status).containsExactly("pod-scheduled", "pod-running");
        assertThat(progress.getLast().message()).isEqualTo("Sandbox pod running on node node-7");
    }

    private Pod podOf(SandboxSpec spec) {
        return client.pods()
                .inNamespace(NS)
                .withName(SandboxPods.name(spec.sandboxId()))
                .get();
    }

    private static io.fabric8.kubernetes.api.model.Status status(int code, String message) {
        return new io.fabric8.kubernetes.api.model.StatusBuilder()
                .withStatus("Failure")
                .withCode(code)
                .withMessage(message)
                .build();
    }
}

package io.codinspect.systemtest;

import io.codinspect.testkit.kubernetes.ContainerEnvironment;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A test-only kubelet: every sandbox pod created in fabric8's mock API server is started as the real
 * supervisor process on this machine, with the pod's environment and its Secret (the image's paths
 * mapped to this machine's supervisor jar and OpenCode), and is marked Running; a deleted pod's
 * process is stopped. So the Kubernetes provider, the supervisor and OpenCode run together.
 */
final class PodsAsProcesses implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final Path root;
    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final SharedIndexInformer<Pod> informer;

    private PodsAsProcesses(KubernetesClient client, String namespace, Path root) {
        this.client = client;
        this.namespace = namespace;
        this.root = root;
        this.informer = client.pods().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                worker.execute(() -> start(pod));
            }

            @Override
            public void onUpdate(Pod before, Pod pod) {}

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                worker.execute(() -> stop(pod.getMetadata().getName()));
            }
        });
    }

    static PodsAsProcesses start(KubernetesClient client, String namespace, Path root) {
        return new PodsAsProcesses(client, namespace, root);
    }

    /** Pods started as processes so far, by name. */
    Map<String, Process> processes() {
        return Map.copyOf(processes);
    }

    private void start(Pod pod) {
        var name = pod.getMetadata().getName();
        var dir = root.resolve(name);
        var env = new HashMap<>(ContainerEnvironment.of(client, pod, "supervisor"));
        env.put("HOME", dir.resolve("home").toString());
        env.put("CODINSPECT_WORKSPACE", dir.resolve("repo").toString());
        env.put("CODINSPECT_OPENCODE_BIN", System.getProperty("codinspect.opencode-binary"));
        env.put("PATH", System.getenv("PATH"));
        try {
            Files.createDirectories(dir.resolve("home"));
            var builder = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx256m",
                            "-jar",
                            System.getProperty("codinspect.supervisor-jar"))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("supervisor.log").toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            processes.put(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client.pods()
                .inNamespace(namespace)
                .resource(new PodBuilder(pod)
                        .withNewStatus()
                        .withPhase("Running")
                        .endStatus()
                        .build())
                .updateStatus();
    }

    private void stop(String name) {
        var process = processes.get(name);
        if (process != null) {
            process.destroy();
        }
    }

    @Override
    public void close() {
        informer.close();
        processes.values().forEach(Process::destroyForcibly);
        worker.shutdownNow();
    }
}

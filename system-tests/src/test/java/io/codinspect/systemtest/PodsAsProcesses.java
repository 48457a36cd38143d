package io.codinspect.systemtest;

import io.codinspect.testkit.kubernetes.ContainerEnvironment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A test-only kubelet: every sandbox pod created in fabric8's mock API server has each of its
 * containers started as a process on this machine — the supervisor as the real supervisor, the
 * agent container as the real runner — each with its own container's environment (the Secret only
 * where the spec puts it), and the pod is marked Running; a deleted pod's containers are all sent
 * SIGTERM at once, as Kubernetes does. Like a pod's, the containers share the network (loopback)
 * and the volumes they mount, nothing else: each runs inside bubblewrap in its own PID and IPC
 * namespaces with its own {@code /proc} and {@code /tmp}, so the agent's sees none of the
 * supervisor's processes, and of the pod's volumes only the ones it mounts. Both run as the same
 * user without any capability, as a pod's containers run as uid 1000: were their processes visible
 * to each other, each could read the other's environment.
 *
 * <p>What differs from a node: each volume is a folder under {@code root/<pod>/volumes} and the
 * image's paths in the containers' environments are mapped to it (the volumes' mount paths, the
 * supervisor jar, OpenCode); the containers share this machine's network, so the runner's port is
 * mapped to a free one; the containers run as this machine's user (root here, with every capability
 * dropped).
 */
final class PodsAsProcesses implements AutoCloseable {

    private static final String IMAGE_JAR = "/opt/codinspect/supervisor.jar";
    private static final List<Path> ALWAYS_HIDDEN = List.of(Path.of("/tmp"), Path.of("/run"), Path.of("/root"));

    private final KubernetesClient client;
    private final String namespace;
    private final Path root;
    private final Map<String, Process> containers = new ConcurrentHashMap<>();
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final SharedIndexInformer<Pod> informer;

    private PodsAsProcesses(KubernetesClient client, String namespace, Path root) {
        this.client = client;
        this.namespace = namespace;
        this.root = root.toAbsolutePath();
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

    /** The containers started so far, as processes, by {@code <pod>/<container>}. */
    Map<String, Process> containers() {
        return Map.copyOf(containers);
    }

    /** Where a pod's volume lives on this machine. */
    Path volume(String pod, String volume) {
        return root.resolve(pod).resolve("volumes").resolve(volume);
    }

    /** A container's output, as {@code kubectl logs} shows it. */
    Path log(String pod, String container) {
        return root.resolve(pod).resolve(container + ".log");
    }

    private void start(Pod pod) {
        var name = pod.getMetadata().getName();
        try {
            for (var volume : pod.getSpec().getVolumes()) {
                Files.createDirectories(volume(name, volume.getName()));
            }
            var runnerPort = freePort();
            for (var container : pod.getSpec().getContainers()) {
                var env = environment(pod, container, runnerPort);
                var command = command(container);
                var mounts = mounts(name, container);
                var workdir = mounts.getOrDefault("/workspace", root.resolve(name));
                var builder = new ProcessBuilder(bubblewrap(command, env, workdir, mounts))
                        .directory(workdir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log(name, container.getName()).toFile());
                builder.environment().clear();
                builder.environment().putAll(env);
                containers.put(name + "/" + container.getName(), builder.start());
            }
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

    /** The container's own environment, its image paths mapped to this machine, the runner on a free port. */
    private Map<String, String> environment(Pod pod, Container container, int runnerPort) {
        var env = new HashMap<String, String>();
        env.put("PATH", System.getenv("PATH"));
        env.putAll(ContainerEnvironment.of(client, pod, container.getName()));
        var mounts = mounts(pod.getMetadata().getName(), container).entrySet().stream()
                .sorted(Comparator.comparingInt(
                                (Map.Entry<String, Path> e) -> e.getKey().length())
                        .reversed())
                .toList();
        env.replaceAll((key, value) -> {
            for (var mount : mounts) {
                if (value.equals(mount.getKey()) || value.startsWith(mount.getKey() + "/")) {
                    return mount.getValue() + value.substring(mount.getKey().length());
                }
            }
            return value;
        });
        env.computeIfPresent(
                "CODINSPECT_OPENCODE_BIN",
                (k, v) -> local("codinspect.opencode-binary").toString());
        env.computeIfPresent("CODINSPECT_RUNNER_PORT", (k, v) -> Integer.toString(runnerPort));
        env.computeIfPresent("CODINSPECT_RUNNER_URL", (k, v) -> v.replaceAll(":[0-9]+$", ":" + runnerPort));
        return env;
    }

    /** The container's command (the image's entrypoint, the supervisor, when it has none) with this machine's paths. */
    private static List<String> command(Container container) {
        var command = container.getCommand() == null || container.getCommand().isEmpty()
                ? List.of("java", "-Xmx256m", "-jar", IMAGE_JAR)
                : container.getCommand();
        var mapped = new ArrayList<String>();
        for (var part : command) {
            mapped.add(
                    switch (part) {
                        case "java" ->
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString();
                        case IMAGE_JAR -> local("codinspect.supervisor-jar").toString();
                        default -> part;
                    });
        }
        return mapped;
    }

    /** Mount path → the volume's folder, for the volumes this container mounts. */
    private Map<String, Path> mounts(String pod, Container container) {
        var mounts = new HashMap<String, Path>();
        container.getVolumeMounts().forEach(m -> mounts.put(m.getMountPath(), volume(pod, m.getName())));
        return mounts;
    }

    /**
     * A container in its own PID and IPC namespaces, without capabilities: this machine read-only, its own {@code /proc}, {@code /dev} and empty {@code /tmp}, {@code /run}
     * and {@code /root} (where the test's folders and the other pods' volumes are), and of the
     * pod's volumes only its own, writable.
     */
    private List<String> bubblewrap(
            List<String> command, Map<String, String> env, Path workdir, Map<String, Path> mounts) {
        var args = new ArrayList<>(List.of(
                "bwrap",
                "--die-with-parent",
                "--unshare-pid",
                "--unshare-ipc",
                "--ro-bind",
                "/",
                "/",
                "--dev",
                "/dev",
                "--proc",
                "/proc"));
        var hidden = new ArrayList<>(ALWAYS_HIDDEN);
        if (ALWAYS_HIDDEN.stream().noneMatch(root::startsWith)) {
            hidden.add(root);
        }
        hidden.forEach(p -> args.addAll(List.of("--tmpfs", p.toString())));
        for (var image : IMAGE_FILES) { // what the image holds, wherever this build lives (e.g. under /tmp)
            args.addAll(List.of("--ro-bind", image.toString(), image.toString()));
        }
        for (var volume : mounts.values().stream().sorted().toList()) {
            var ancestors = new ArrayList<Path>();
            for (var a = volume.getParent(); a != null && hidden.stream().noneMatch(a::equals); a = a.getParent()) {
                ancestors.addFirst(a);
            }
            ancestors.forEach(a -> args.addAll(List.of("--dir", a.toString())));
            args.addAll(List.of("--bind", volume.toString(), volume.toString()));
        }
        args.addAll(List.of("--cap-drop", "ALL", "--clearenv"));
        env.forEach((key, value) -> args.addAll(List.of("--setenv", key, value)));
        args.addAll(List.of("--chdir", workdir.toString(), "--"));
        args.addAll(command);
        return args;
    }

    /**
     * This machine's copies of the image's programs, the supervisor jar and the OpenCode
     * installation: the only paths of the build bound into a container, so they are named without
     * {@code ..} (a path through another folder of the build would not resolve in there).
     */
    private static final List<Path> IMAGE_FILES = List.of(
            local("codinspect.supervisor-jar").getParent(),
            local("codinspect.opencode-binary").getParent().getParent().getParent());

    private static Path local(String property) {
        return Path.of(System.getProperty(property)).toAbsolutePath().normalize();
    }

    /** SIGTERM to every container's own program at once, as the kubelet sends it when a pod is deleted. */
    private void stop(String pod) {
        containers.forEach((name, process) -> {
            if (name.startsWith(pod + "/")) {
                program(process).destroy();
            }
        });
    }

    /** The container's program: the process itself, or inside bubblewrap the JVM it runs. */
    private static ProcessHandle program(Process process) {
        if (!process.info().command().orElse("").endsWith("/bwrap")) {
            return process.toHandle();
        }
        return process.descendants()
                .filter(p -> p.info().command().orElse("").endsWith("/java"))
                .findFirst()
                .orElse(process.toHandle());
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        informer.close();
        containers.values().forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
        worker.shutdownNow();
    }
}

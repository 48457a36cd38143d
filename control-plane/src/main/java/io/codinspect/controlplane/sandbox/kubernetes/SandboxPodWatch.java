package io.codinspect.controlplane.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * One informer on CodInspect's sandbox pods. It lists, then watches, and re-lists by itself when
 * the watch expires (410 Gone); its callbacks only hand the pod to one worker thread, so they never
 * block. Resyncs re-deliver every pod, which is how a pod waiting too long for a node is noticed.
 */
final class SandboxPodWatch implements AutoCloseable {

    private final SharedIndexInformer<Pod> informer;
    private final ExecutorService worker;

    private SandboxPodWatch(SharedIndexInformer<Pod> informer, ExecutorService worker) {
        this.informer = informer;
        this.worker = worker;
    }

    static SandboxPodWatch start(KubernetesClient client, String namespace, Duration resync, Consumer<Pod> onChange) {
        var worker = Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("sandbox-pod-watch").factory());
        SharedIndexInformer<Pod> informer;
        try {
            informer = client.pods()
                    .inNamespace(namespace)
                    .withLabel(SandboxPods.MANAGED_BY, SandboxPods.CODINSPECT)
                    .withLabel(SandboxPods.COMPONENT, "sandbox")
                    .inform(
                            new ResourceEventHandler<>() {
                                @Override
                                public void onAdd(Pod pod) {
                                    worker.execute(() -> onChange.accept(pod));
                                }

                                @Override
                                public void onUpdate(Pod before, Pod pod) {
                                    worker.execute(() -> onChange.accept(pod));
                                }

                                @Override
                                public void onDelete(Pod pod, boolean finalStateUnknown) {
                                    // deleted pods are the provider's own doing or the reaper's
                                }
                            },
                            resync.toMillis());
        } catch (RuntimeException e) {
            worker.shutdownNow();
            throw new IllegalStateException(
                    "Cannot watch the sandbox pods in namespace " + namespace + " at " + client.getMasterUrl() + ": "
                            + e,
                    e);
        }
        return new SandboxPodWatch(informer, worker);
    }

    private static String rootCause(Throwable e) {
        var cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + cause + ")";
    }

    @Override
    public void close() {
        informer.close();
        worker.shutdownNow();
    }
}

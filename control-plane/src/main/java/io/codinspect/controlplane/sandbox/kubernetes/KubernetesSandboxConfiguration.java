package io.codinspect.controlplane.sandbox.kubernetes;

import io.codinspect.controlplane.sandbox.LiveSandboxes;
import io.codinspect.controlplane.sandbox.SandboxProperties;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On when {@code codinspect.sandbox.provider=kubernetes}. The client talks to
 * {@code codinspect.sandbox.kubernetes.master-url} when set, else finds its cluster as fabric8
 * does: in a pod, its service account; elsewhere {@code KUBECONFIG} or {@code ~/.kube/config}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "codinspect.sandbox.provider", havingValue = "kubernetes")
class KubernetesSandboxConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KubernetesClient kubernetesClient(KubernetesSandboxProperties properties) {
        var builder = new KubernetesClientBuilder();
        if (properties.masterUrl() != null) {
            builder.withConfig(new ConfigBuilder(Config.empty())
                    .withMasterUrl(properties.masterUrl())
                    .withNamespace(properties.namespace())
                    .withConnectionTimeout(10_000)
                    .withRequestTimeout(30_000)
                    .build());
        }
        return builder.build();
    }

    @Bean
    KubernetesSandboxProvider kubernetesSandboxProvider(
            KubernetesClient client,
            KubernetesSandboxProperties properties,
            SandboxProperties sandboxes,
            ApplicationEventPublisher publisher,
            Clock clock) {
        return new KubernetesSandboxProvider(client, properties, sandboxes.stopGrace(), publisher, clock);
    }

    @Bean(destroyMethod = "close")
    OrphanPodReaping orphanPodReaping(
            KubernetesClient client, KubernetesSandboxProperties properties, LiveSandboxes live, Clock clock) {
        return new OrphanPodReaping(
                ReaperLease.start(client, properties.namespace(), properties.leaseDuration()),
                new SandboxPodReaper(client, properties.namespace(), live::isLive, clock, properties.reaperGrace()));
    }

    @Bean(destroyMethod = "close")
    SandboxPodWatch sandboxPodWatch(
            KubernetesClient client, KubernetesSandboxProperties properties, KubernetesSandboxProvider provider) {
        return SandboxPodWatch.start(client, properties.namespace(), Duration.ofSeconds(30), provider::inspect);
    }
}

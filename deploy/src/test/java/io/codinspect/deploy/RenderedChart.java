package io.codinspect.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The chart rendered by real Helm as release {@code codinspect} in namespace {@code codinspect},
 * with one of the value sets of {@code src/test/resources/values} and optional {@code --set}s.
 */
final class RenderedChart {

    static final Path CHART = Path.of("helm/codinspect");

    private RenderedChart() {}

    static String render(String valueSet, Map<String, Object> sets) throws URISyntaxException {
        var values = Path.of(
                RenderedChart.class.getResource("/values/" + valueSet + ".yaml").toURI());
        var template = new Helm(CHART)
                .template()
                .withName("codinspect")
                .withNamespace("codinspect")
                .withValuesFile(values);
        sets.forEach(template::set);
        return template.call();
    }

    /** The rendered manifests as Kubernetes objects (custom resources as generic ones). */
    static List<HasMetadata> objects(KubernetesClient client, String valueSet, Map<String, Object> sets)
            throws URISyntaxException {
        return client.load(new ByteArrayInputStream(render(valueSet, sets).getBytes(StandardCharsets.UTF_8)))
                .items();
    }

    static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
        var matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as(type.getSimpleName()).hasSize(1);
        return matching.getFirst();
    }

    static GenericKubernetesResource only(List<HasMetadata> objects, String customKind) {
        var matching = objects.stream()
                .filter(o ->
                        o instanceof GenericKubernetesResource && o.getKind().equals(customKind))
                .map(GenericKubernetesResource.class::cast)
                .toList();
        assertThat(matching).as(customKind).hasSize(1);
        return matching.getFirst();
    }
}

package io.codinspect.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The chart's README documents every value of values.yaml, and its NOTES never print a secret. */
class ChartDocumentationTest {

    @Test
    void theReadmeDocumentsEveryValue() throws IOException {
        Map<String, Object> values = new Yaml().load(Files.readString(RenderedChart.CHART.resolve("values.yaml")));
        var readme = Files.readString(RenderedChart.CHART.resolve("README.md"));

        var paths = new ArrayList<String>();
        flatten("", values, paths);

        assertThat(paths)
                .hasSizeGreaterThan(50)
                .allSatisfy(
                        path -> assertThat(readme).as("README row for %s", path).contains("| `" + path + "` |"));
    }

    @Test
    void theNotesNeverPrintASecret() throws IOException {
        var notes = Files.readString(RenderedChart.CHART.resolve("templates/NOTES.txt"));

        Map<String, Object> values = new Yaml().load(Files.readString(RenderedChart.CHART.resolve("values.yaml")));
        @SuppressWarnings("unchecked")
        var secrets = ((Map<String, Object>) values.get("secrets"))
                .keySet().stream()
                        .filter(key -> !key.equals("existingSecret"))
                        .map(key -> ".Values.secrets." + key)
                        .toList();

        assertThat(secrets).isNotEmpty();
        assertThat(notes)
                .doesNotContain(secrets.toArray(String[]::new))
                .doesNotContain(".Values.database.password")
                .doesNotContain(".Values.postgresql.password")
                .doesNotContain("b64dec")
                .doesNotContain("lookup");
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, List<String> into) {
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                flatten(prefix + key + ".", (Map<String, Object>) nested, into);
            } else {
                into.add(prefix + key);
            }
        });
    }
}

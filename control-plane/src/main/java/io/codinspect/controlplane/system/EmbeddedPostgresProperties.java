package io.codinspect.controlplane.system;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL that starts when no {@code spring.datasource.url} is set.
 *
 * @param dataDir where CodInspect keeps its data (env {@code CODINSPECT_DATA_DIR}, default
 *     {@code ~/.codinspect}); PostgreSQL's files go in its {@code postgres} folder and survive
 *     restarts, its superuser password in {@code postgres.password} (owner-only, generated on the
 *     first start) and its unpacked programs in {@code postgres-binaries}
 * @param postgresPort port of the embedded PostgreSQL on loopback; 0 picks a free one
 */
@ConfigurationProperties("codinspect")
public record EmbeddedPostgresProperties(
        Path dataDir, @DefaultValue("0") int postgresPort) {

    public EmbeddedPostgresProperties {
        if (dataDir == null) {
            dataDir = Path.of(System.getProperty("user.home"), ".codinspect");
        }
    }
}

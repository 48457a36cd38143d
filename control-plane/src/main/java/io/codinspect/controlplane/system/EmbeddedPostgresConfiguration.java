package io.codinspect.controlplane.system;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The embedded default database: a real PostgreSQL started from the binaries on the classpath,
 * with its data under {@code codinspect.data-dir}. Production sets {@code spring.datasource.url}
 * and this configuration stays off.
 *
 * <p>It is hardened against the local machine, where sandboxes share the network: logins need the
 * password in {@code <data-dir>/postgres.password} (see {@link PasswordOnlyLogins}), it listens on
 * loopback only, and it is durable ({@code fsync} and {@code synchronous_commit} on), unlike zonky's
 * test defaults.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDatasourceUrl.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean
    PostgresPassword embeddedPostgresPassword(EmbeddedPostgresProperties properties) throws IOException {
        Files.createDirectories(properties.dataDir());
        return PostgresPassword.loadOrCreate(properties.dataDir().resolve("postgres.password"));
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties, PostgresPassword password)
            throws IOException {
        var dir = properties.dataDir().resolve("postgres");
        var binaries = PostgresBinaries.in(properties.dataDir().resolve("postgres-binaries"));
        log.info("Starting embedded PostgreSQL with data in {}", dir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                // stopped by this context (destroyMethod), after the sandboxes' last reports are stored;
                // zonky's own JVM shutdown hook would stop it at once, in parallel with the shutdown
                .setRegisterShutdownHook(false)
                .setPort(properties.postgresPort())
                .setOverrideWorkingDirectory(binaries.workingDirectory().toFile())
                .setPgBinaryResolver(binaries)
                .setDataDirectoryCustomizer(new PasswordOnlyLogins(binaries, password))
                // zonky's own readiness check logs in with it
                .setConnectConfig("password", password.value())
                .setServerConfig("listen_addresses", "localhost")
                // zonky passes -F (fsync off) before these; PostgreSQL keeps the last value given
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    DataSource dataSource(EmbeddedPostgres postgres, PostgresPassword password) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPassword(password.value());
        return dataSource;
    }

    static class NoDatasourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}

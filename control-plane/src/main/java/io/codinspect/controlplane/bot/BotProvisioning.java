package io.codinspect.controlplane.bot;

import io.codinspect.controlplane.system.EmbeddedPostgresProperties;
import io.codinspect.controlplane.system.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the service account of each enabled bot at start. Its token is the configured one
 * ({@code codinspect.bots.tokens.<bot>}, e.g. from a Kubernetes Secret), else the one in
 * {@code <data-dir>/bots/<bot>.token}, generated (mode 0600) when missing, where
 * {@code ./codinspect up} finds it for the bot it starts.
 */
@Component
class BotProvisioning implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BotProvisioning.class);

    private final BotsProperties properties;
    private final ServiceAccounts accounts;
    private final Path folder;

    BotProvisioning(BotsProperties properties, ServiceAccounts accounts, EmbeddedPostgresProperties data) {
        this.properties = properties;
        this.accounts = accounts;
        this.folder = data.dataDir().resolve("bots");
    }

    @Override
    public void run(ApplicationArguments args) {
        for (var bot : properties.enabled()) {
            var configured = properties.tokens().get(bot);
            var token = configured != null && !configured.isBlank() ? configured.trim() : fromFile(bot);
            if (!token.startsWith(ServiceAccounts.PREFIX)) {
                throw new IllegalStateException("codinspect.bots.tokens." + bot + " must start with "
                        + ServiceAccounts.PREFIX + " (generate one with: openssl rand -base64 32)");
            }
            accounts.provision(bot, token);
            log.info("The service account of bot={} is ready", bot);
        }
    }

    private String fromFile(String bot) {
        var file = folder.resolve(bot + ".token");
        try {
            if (Files.exists(file)) {
                var token = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!token.isEmpty()) {
                    return token;
                }
            }
            Files.createDirectories(
                    folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            var token = Secrets.generate(ServiceAccounts.PREFIX);
            var temporary = Files.createTempFile(
                    folder,
                    bot,
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, token + "\n", StandardCharsets.UTF_8);
            Files.move(
                    temporary,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.info("Wrote the token of bot={} to {}", bot, file);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the token of bot " + bot + " in " + file, e);
        }
    }
}

package io.codinspect.controlplane.sandbox.local;

import io.codinspect.controlplane.session.SessionArchived;
import io.codinspect.model.bridge.CheckpointRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * An archived session's checkpoint ref is deleted from its repository when that repository is on
 * this machine (a path or {@code file://} URL); repositories on GitHub are cleaned by the GitHub
 * feature. Runs after the archive committed, off the request thread, with a timeout.
 */
@Component
class LocalCheckpointRefs {

    private static final Logger log = LoggerFactory.getLogger(LocalCheckpointRefs.class);

    @TransactionalEventListener
    void on(SessionArchived archived) {
        var path = localPath(archived.repository());
        if (path == null || !Files.isDirectory(path)) {
            return;
        }
        var ref = CheckpointRef.of(archived.sessionId().toString());
        Thread.ofVirtual().name("checkpoint-ref-" + archived.sessionId()).start(() -> delete(path, ref));
    }

    private static void delete(Path repository, String ref) {
        var command =
                List.of("git", "-c", "core.hooksPath=/dev/null", "-C", repository.toString(), "update-ref", "-d", ref);
        try {
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                log.warn("Deleting {} in {} timed out", ref, repository);
            } else if (process.exitValue() != 0) {
                log.warn("Deleting {} in {} failed with exit code {}", ref, repository, process.exitValue());
            } else {
                log.info("Deleted {} in {}", ref, repository);
            }
        } catch (IOException e) {
            log.warn("Could not delete {} in {}: {}", ref, repository, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Path localPath(String repository) {
        if (repository.startsWith("file://")) {
            return Path.of(URI.create(repository));
        }
        return repository.startsWith("/") ? Path.of(repository) : null;
    }
}

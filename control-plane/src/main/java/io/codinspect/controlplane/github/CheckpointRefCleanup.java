package io.codinspect.controlplane.github;

import io.codinspect.controlplane.session.SessionArchived;
import io.codinspect.model.bridge.CheckpointRef;
import java.io.FileNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * An archived session's checkpoint ref ({@code refs/codinspect/checkpoints/<session>}) is deleted
 * from its GitHub repository, after the archive committed, off the request thread, within the
 * GitHub call timeout. A session that never checkpointed has none; that is no error.
 */
@Component
class CheckpointRefCleanup {

    private static final Logger log = LoggerFactory.getLogger(CheckpointRefCleanup.class);

    private final GitHubRepos repos;
    private final GitHubProperties properties;

    CheckpointRefCleanup(GitHubRepos repos, GitHubProperties properties) {
        this.repos = repos;
        this.properties = properties;
    }

    @TransactionalEventListener
    void on(SessionArchived archived) {
        var ownerName = repos.ownerName(archived.repository());
        if (ownerName.isEmpty()) {
            return;
        }
        var ref = CheckpointRef.of(archived.sessionId().toString());
        Thread.ofVirtual().name("checkpoint-ref-" + archived.sessionId()).start(() -> delete(ownerName.get(), ref));
    }

    private void delete(String ownerName, String ref) {
        try {
            var repository = repos.repository(ownerName);
            GitHubCalls.within(properties.callTimeout(), "deleting " + ref + " of " + ownerName, () -> {
                try {
                    repository.getRef(ref).delete();
                } catch (FileNotFoundException e) {
                    return null; // no checkpoint was ever pushed
                }
                return null;
            });
            log.info("Deleted {} of {}", ref, ownerName);
        } catch (RuntimeException e) {
            log.warn("Could not delete {} of {}: {}", ref, ownerName, e.getMessage());
        }
    }
}

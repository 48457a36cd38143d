package io.codinspect.controlplane.session;

import io.codinspect.controlplane.github.GitHubRepos;
import io.codinspect.controlplane.model.ModelCatalog;
import io.codinspect.controlplane.session.internal.SessionEntity;
import io.codinspect.controlplane.session.internal.SessionRepository;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.CurrentUser;
import io.codinspect.controlplane.system.TransitionLog;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Creating, finding and changing sessions, and moving them through their lifecycle. */
@Service
public class SessionManagement {

    private static final Logger log = LoggerFactory.getLogger(SessionManagement.class);

    private final SessionRepository sessions;
    private final ModelCatalog models;
    private final GitHubRepos github;
    private final RepositoryLocations locations;
    private final TransitionLog transitions;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    SessionManagement(
            SessionRepository sessions,
            TransitionLog transitions,
            ApplicationEventPublisher publisher,
            Clock clock,
            ModelCatalog models,
            GitHubRepos github,
            RepositoryLocations locations) {
        this.models = models;
        this.github = github;
        this.locations = locations;
        this.sessions = sessions;
        this.transitions = transitions;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Transactional
    public Session create(CurrentUser actor, NewSession request) {
        models.check(request.model());
        var repository = github.cloneUrl(request.repository())
                .orElseGet(() -> locations.accept(request.repository(), actor.admin()));
        var id = UUID.randomUUID();
        var branch = "codinspect/" + id.toString().substring(0, 8);
        var entity = new SessionEntity(
                id,
                repository,
                request.baseBranch(),
                branch,
                request.title(),
                request.model(),
                request.reasoningEffort(),
                actor.id(),
                clock.instant());
        sessions.saveAndFlush(entity);
        transitions.record("session", id, null, SessionStatus.created, null, clock.instant());
        log.info("Created session={} repository={} by user={}", id, repository, actor.id());
        return entity.toSession();
    }

    @Transactional(readOnly = true)
    public Session get(UUID id) {
        return sessions.findById(id).map(SessionEntity::toSession).orElseThrow(() -> notFound(id));
    }

    @Transactional(readOnly = true)
    public Page<Session> list(SessionStatus status, UUID createdBy, String text, int page, int size) {
        var pattern = "%" + (text == null ? "" : likeEscaped(text.strip().toLowerCase(Locale.ROOT))) + "%";
        return sessions.search(status, createdBy, pattern, PageRequest.of(page, size))
                .map(SessionEntity::toSession);
    }

    /** The text with LIKE's wildcards taken literally (PostgreSQL's default escape is the backslash). */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Transactional
    public Session rename(UUID id, String title) {
        var session = lock(id);
        session.title(title, clock.instant());
        return session.toSession();
    }

    @Transactional
    public Session archive(UUID id) {
        var session = lock(id);
        if (session.status() == SessionStatus.archived) {
            return session.toSession();
        }
        if (session.status() == SessionStatus.running) {
            throw ControlPlaneException.conflict("Session " + id + " is running a prompt; stop it before archiving.");
        }
        move(session, SessionStatus.archived, "archived");
        publisher.publishEvent(new SessionArchived(id, session.toSession().repository()));
        return session.toSession();
    }

    @Transactional
    public Session unarchive(UUID id) {
        var session = lock(id);
        if (session.status() != SessionStatus.archived) {
            return session.toSession();
        }
        move(session, SessionStatus.idle, "unarchived");
        return session.toSession();
    }

    /**
     * Locks the session row for the rest of the transaction. Every change to a session, its prompts
     * or its sandbox takes this lock first, so they never deadlock each other.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Session lockSession(UUID id) {
        return lock(id).toSession();
    }

    /**
     * The key the session's sandboxes sign their checkpoints with (made on first use), for the
     * sandbox spec only: a secret, never logged nor returned by the API. The caller holds the lock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public byte[] checkpointKey(UUID id) {
        return lock(id).checkpointKey();
    }

    /** Moves a session to {@code next}, recording the transition; the caller holds its lock. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void move(UUID id, SessionStatus next, String reason) {
        move(lock(id), next, reason);
    }

    /** The next prompt ordinal of a session whose lock the caller holds. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long nextPromptOrdinal(UUID id) {
        return lock(id).nextPromptOrdinal();
    }

    private SessionEntity lock(UUID id) {
        return sessions.lock(id).orElseThrow(() -> notFound(id));
    }

    private void move(SessionEntity session, SessionStatus next, String reason) {
        var from = session.status();
        if (from == next) {
            return;
        }
        from.moveTo(next, "Session", session.id());
        var now = clock.instant();
        session.status(next, now);
        transitions.record("session", session.id(), from, next, reason, now);
    }

    private static ControlPlaneException notFound(UUID id) {
        return ControlPlaneException.notFound("session", id);
    }
}

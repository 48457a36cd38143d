package io.codinspect.controlplane.session;

import io.codinspect.controlplane.github.GitHubRepos;
import io.codinspect.controlplane.model.ModelCatalog;
import io.codinspect.controlplane.session.internal.SessionEntity;
import io.codinspect.controlplane.session.internal.SessionRepository;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.CurrentUser;
import io.codinspect.controlplane.system.TransitionLog;
import io.codinspect.controlplane.user.UserPreferences;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Creating, finding and changing sessions, and moving them through their lifecycle. */
@Service
public class SessionManagement {

    private static final Logger log = LoggerFactory.getLogger(SessionManagement.class);

    private final SessionRepository sessions;
    private final UserPreferences preferences;
    private final JdbcClient jdbc;
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
            RepositoryLocations locations,
            UserPreferences preferences,
            JdbcClient jdbc) {
        this.preferences = preferences;
        this.jdbc = jdbc;
        this.models = models;
        this.github = github;
        this.locations = locations;
        this.sessions = sessions;
        this.transitions = transitions;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** A session started, or the one that already had the request's external key. */
    public record Started(Session session, boolean created) {}

    /** The branch a session works on and the one it is based on. */
    public record Branches(String branch, String baseBranch) {}

    @Transactional
    public Session create(CurrentUser actor, NewSession request) {
        return start(actor, request).session();
    }

    /**
     * Creates a session, or answers the existing one when the request's external key is taken
     * (docs/bots.md). Defaults come from the person's preferences.
     */
    @Transactional
    public Started start(CurrentUser actor, NewSession request) {
        return start(actor, request, null);
    }

    /**
     * As {@link #start(CurrentUser, NewSession)}, on {@code branches} (an existing branch and its
     * base, a pull request's) when given instead of a new {@code codinspect/…} branch.
     */
    @Transactional
    public Started start(CurrentUser actor, NewSession request, Branches branches) {
        var key = ExternalKeys.check(actor, request.externalKey());
        if (key != null) {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 1))")
                    .param("key", key)
                    .query()
                    .singleRow();
            var existing = sessions.findByExternalKey(key);
            if (existing.isPresent()) {
                return new Started(existing.get().toSession(), false);
            }
        }
        var botData = BotData.stored(request.botData());
        if (botData != null && actor.via() == null) {
            throw ControlPlaneException.badRequest("Only a bot's service account may keep botData on a session.");
        }
        var preferences = this.preferences.of(actor.id());
        var model = request.model() != null ? request.model() : preferences.model();
        models.check(model);
        var repository = request.repository() == null ? null : accept(actor, request.repository());
        if (branches != null) {
            claim(repository, branches.branch());
        }
        var baseBranch = branches != null ? branches.baseBranch() : baseBranch(request, preferences);
        var id = UUID.randomUUID();
        var branch = branches != null
                ? branches.branch()
                : "codinspect/" + id.toString().substring(0, 8);
        var entity = new SessionEntity(
                id,
                repository,
                baseBranch,
                branch,
                request.title(),
                model,
                request.reasoningEffort() != null ? request.reasoningEffort() : preferences.reasoningEffort(),
                actor.id(),
                clock.instant());
        if (actor.via() != null || key != null) {
            var via = actor.via();
            entity.via(via == null ? null : via.serviceAccountId(), via == null ? null : via.name(), key, botData);
        }
        sessions.saveAndFlush(entity);
        transitions.record("session", id, null, entity.status(), null, clock.instant());
        log.info("Created session={} repository={} by user={}", id, repository, actor.id());
        return new Started(entity.toSession(), true);
    }

    /** One session per branch of a repository: waits for a concurrent start on it, then checks. */
    private void claim(String repository, String branch) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 2))")
                .param("key", repository + "\n" + branch)
                .query()
                .singleRow();
        sessions.findFirstByRepositoryAndBranch(repository, branch).ifPresent(other -> {
            throw ControlPlaneException.conflict(
                    "Session " + other.id() + " already works on the branch " + branch + " of this repository.");
        });
    }

    /** The session with the external key {@code actor} would create a session with, if one has it. */
    @Transactional(readOnly = true)
    public Optional<Session> byExternalKey(CurrentUser actor, String key) {
        var checked = ExternalKeys.check(actor, key);
        return checked == null ? Optional.empty() : byExternalKey(checked);
    }

    /** The session with this external key. */
    @Transactional(readOnly = true)
    public Optional<Session> byExternalKey(String key) {
        return sessions.findByExternalKey(key).map(SessionEntity::toSession);
    }

    /**
     * Names the repository of a session that awaited one, which releases its held prompt; a
     * session that has a repository keeps it.
     */
    @Transactional
    public Session chooseRepository(CurrentUser actor, UUID id, String repository, String baseBranch) {
        var session = lock(id);
        if (session.status() != SessionStatus.awaiting_repository) {
            throw ControlPlaneException.conflict("Session " + id + " already has its repository.");
        }
        var accepted = accept(actor, repository);
        var branch = baseBranch != null
                ? baseBranch
                : Optional.ofNullable(preferences.of(actor.id()).baseBranchFor(repository))
                        .orElse("main");
        session.repository(accepted, branch, clock.instant());
        move(session, SessionStatus.created, "repository chosen");
        publisher.publishEvent(new RepositoryChosen(id));
        log.info("Session={} got repository={} from user={}", id, accepted, actor.id());
        return session.toSession();
    }

    /** Changes what a PATCH names, all or nothing. */
    @Transactional
    public Session change(
            CurrentUser actor,
            UUID id,
            String title,
            String repository,
            String baseBranch,
            tools.jackson.databind.JsonNode botData) {
        var session = get(id);
        if (repository != null) {
            session = chooseRepository(actor, id, repository, baseBranch);
        }
        if (botData != null) {
            session = keepBotData(actor, id, botData);
        }
        if (title != null) {
            session = rename(id, title);
        }
        return session;
    }

    /** Replaces the bot data of a session; only the bot that created it may. */
    @Transactional
    public Session keepBotData(CurrentUser actor, UUID id, tools.jackson.databind.JsonNode data) {
        var session = lock(id);
        if (actor.via() == null || !actor.via().serviceAccountId().equals(session.serviceAccountId())) {
            throw ControlPlaneException.forbidden("Only the bot that created this session may change its botData.");
        }
        session.botData(BotData.stored(data), clock.instant());
        return session.toSession();
    }

    private String accept(CurrentUser actor, String repository) {
        return github.cloneUrl(repository).orElseGet(() -> locations.accept(repository, actor.admin()));
    }

    private static String baseBranch(NewSession request, io.codinspect.controlplane.user.Preferences preferences) {
        if (request.baseBranch() != null) {
            return request.baseBranch();
        }
        var preferred = preferences.baseBranchFor(request.repository());
        return preferred != null ? preferred : "main";
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

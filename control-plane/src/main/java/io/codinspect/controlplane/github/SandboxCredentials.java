package io.codinspect.controlplane.github;

import io.codinspect.controlplane.github.InstallationTokens.Token;
import io.codinspect.controlplane.prompt.PromptTransitioned;
import io.codinspect.controlplane.prompt.ReviewStarted;
import io.codinspect.controlplane.sandbox.LiveSandboxes;
import io.codinspect.controlplane.sandbox.SandboxEvents;
import io.codinspect.controlplane.system.ControlPlaneException;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.kohsuke.github.GHPermissionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each live sandbox's git credential: an installation token narrowed to the session's repository
 * with {@code contents: write}, created once per sandbox (concurrent requests share one creation)
 * and reused while more than {@code codinspect.github.token-refresh-margin} is left. When the
 * sandbox ends its tokens are revoked at GitHub, off the ending thread, retried a few times, never
 * holding up the end; a periodic sweep does the same for any sandbox whose end went unheard, and
 * shutdown revokes whatever is left. Held only in memory (at most one entry per live sandbox, each
 * with its current token and any replaced one not yet expired) and never logged.
 */
@Component
class SandboxCredentials {

    private static final Logger log = LoggerFactory.getLogger(SandboxCredentials.class);
    private static final int REVOKE_ATTEMPTS = 4;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    /** One sandbox's tokens; the lock makes concurrent requests share one creation. */
    private static final class Held {
        final ReentrantLock lock = new ReentrantLock();
        final List<Token> tokens = new ArrayList<>();
        final List<Token> readOnly = new ArrayList<>();
        String repository;
        boolean released;
        UUID review; // the review prompt running in the sandbox, if any: no credential may push
    }

    private final ObjectProvider<InstallationTokens> installation;
    private final LiveSandboxes live;
    private final GitHubProperties properties;
    private final Clock clock;
    private final Map<UUID, Held> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("git-credential-retry").factory());

    SandboxCredentials(
            ObjectProvider<InstallationTokens> installation,
            LiveSandboxes live,
            GitHubProperties properties,
            Clock clock) {
        this.installation = installation;
        this.live = live;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The live sandbox's credential for {@code repository} (a name of the installation's account):
     * the one it has if fresh, else a new one. A sandbox gets credentials for one repository only.
     */
    Token forSandbox(UUID sandboxId, String repository) {
        return forSandbox(sandboxId, repository, false);
    }

    /** As {@link #forSandbox(UUID, String)}; {@code readOnly}: a token that can fetch but never push. */
    Token forSandbox(UUID sandboxId, String repository, boolean readOnly) {
        var entry = held.computeIfAbsent(sandboxId, id -> new Held());
        Token token;
        entry.lock.lock();
        try {
            if (entry.released) {
                throw ended();
            }
            if (entry.repository != null && !entry.repository.equals(repository)) {
                throw ControlPlaneException.forbidden(
                        "A sandbox gets git credentials for its session's repository only.");
            }
            var pushes = !readOnly && entry.review == null;
            var tokens = pushes ? entry.tokens : entry.readOnly;
            if (!tokens.isEmpty() && fresh(tokens.getLast())) {
                return tokens.getLast();
            }
            token = installation
                    .getObject()
                    .narrowed(repository, pushes ? GHPermissionType.WRITE : GHPermissionType.READ);
            entry.repository = repository;
            tokens.removeIf(t -> !t.expiresAt().isAfter(clock.instant()));
            tokens.add(token);
        } finally {
            entry.lock.unlock();
        }
        log.info(
                "Created a git credential for sandbox={} repository={} valid until {}",
                sandboxId,
                repository,
                token.expiresAt());
        if (!live.isLive(sandboxId)) { // it ended while the token was made: its end may have come and gone
            releaseInBackground(sandboxId);
            throw ended();
        }
        return token;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(SandboxEvents.Ended ended) {
        releaseInBackground(ended.sandboxId());
    }

    /** Revokes the credentials of sandboxes that ended without this instance hearing of it. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void sweep() {
        for (var sandboxId : List.copyOf(held.keySet())) {
            if (!live.isLive(sandboxId)) {
                releaseInBackground(sandboxId);
            }
        }
    }

    /**
     * A review starts in the sandbox, in the transaction that starts it (so before the prompt is
     * sent): from now on, until that prompt ends, the sandbox gets read-only credentials only —
     * decided under its lock, so no credential being made meanwhile can push — and the ones it
     * holds that can push are revoked once the start commits.
     */
    @EventListener
    void on(ReviewStarted review) {
        var entry = held.computeIfAbsent(review.sandboxId(), id -> new Held());
        entry.lock.lock();
        try {
            entry.review = review.promptId();
        } finally {
            entry.lock.unlock();
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            revokeWriteAccess(review.sandboxId());
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    revokeWriteAccess(review.sandboxId());
                } else {
                    reviewEnded(review.promptId());
                }
            }
        });
    }

    /** A review ended: the sandbox may get credentials that push again. */
    @EventListener
    void on(PromptTransitioned change) {
        if (change.status().finished()) {
            reviewEnded(change.promptId());
        }
    }

    private void reviewEnded(UUID promptId) {
        for (var entry : held.values()) {
            entry.lock.lock();
            try {
                if (promptId.equals(entry.review)) {
                    entry.review = null;
                }
            } finally {
                entry.lock.unlock();
            }
        }
    }

    private void revokeWriteAccess(UUID sandboxId) {
        var entry = held.get(sandboxId);
        if (entry == null) {
            return;
        }
        List<Token> tokens;
        entry.lock.lock();
        try {
            tokens = List.copyOf(entry.tokens);
            entry.tokens.clear();
        } finally {
            entry.lock.unlock();
        }
        Thread.ofVirtual().name("git-credential-revoke-" + sandboxId).start(() -> {
            for (var token : tokens) {
                attempt(sandboxId, token, 1);
            }
        });
    }

    /**
     * The sandbox gets no more credentials, and the ones it had are revoked, on a thread of their
     * own: waiting for a creation in progress or for GitHub never holds up the caller.
     */
    private void releaseInBackground(UUID sandboxId) {
        Thread.ofVirtual().name("git-credential-revoke-" + sandboxId).start(() -> {
            for (var token : take(sandboxId)) {
                attempt(sandboxId, token, 1);
            }
        });
    }

    /** On shutdown, every credential still held is revoked, waiting at most the call timeout. */
    @PreDestroy
    void revokeEverythingLeft() throws InterruptedException {
        retries.shutdownNow();
        var revoking = new ArrayList<Thread>();
        for (var sandboxId : List.copyOf(held.keySet())) {
            for (var token : take(sandboxId)) {
                revoking.add(
                        Thread.ofVirtual().start(() -> installation.getObject().revoke(token)));
            }
        }
        var deadline = clock.instant().plus(properties.callTimeout());
        for (var thread : revoking) {
            var left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero() || !thread.join(left)) {
                log.warn("Shutting down before every git credential was revoked; the rest expire within the hour");
                return;
            }
        }
    }

    private List<Token> take(UUID sandboxId) {
        var entry = held.remove(sandboxId);
        if (entry == null) {
            return List.of();
        }
        entry.lock.lock();
        try {
            entry.released = true;
            var tokens = Stream.concat(entry.tokens.stream(), entry.readOnly.stream())
                    .filter(t -> t.expiresAt().isAfter(clock.instant()))
                    .toList();
            entry.tokens.clear();
            entry.readOnly.clear();
            return tokens;
        } finally {
            entry.lock.unlock();
        }
    }

    private void attempt(UUID sandboxId, Token token, int attempt) {
        if (!token.expiresAt().isAfter(clock.instant())) {
            return; // GitHub refuses it already
        }
        if (installation.getObject().revoke(token)) {
            log.info("Revoked the git credential of sandbox={}", sandboxId);
        } else if (attempt < REVOKE_ATTEMPTS) {
            var delay = FIRST_RETRY.multipliedBy(1L << (attempt - 1));
            log.warn(
                    "Revoking the git credential of sandbox={} failed (attempt {} of {}); trying again in {}",
                    sandboxId,
                    attempt,
                    REVOKE_ATTEMPTS,
                    delay);
            if (!retries.isShutdown()) {
                retries.schedule(
                        () -> Thread.ofVirtual().start(() -> attempt(sandboxId, token, attempt + 1)),
                        delay.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        } else {
            log.warn(
                    "Could not revoke the git credential of sandbox={} after {} attempts; it expires at {}",
                    sandboxId,
                    REVOKE_ATTEMPTS,
                    token.expiresAt());
        }
    }

    private boolean fresh(Token token) {
        return token.expiresAt().isAfter(clock.instant().plus(properties.tokenRefreshMargin()));
    }

    private static ControlPlaneException ended() {
        return new ControlPlaneException(
                HttpStatus.UNAUTHORIZED, "Unauthorized", "A live sandbox's token is required.");
    }
}

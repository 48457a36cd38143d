package io.codinspect.controlplane.usage;

import io.codinspect.controlplane.prompt.AdmissionPolicy;
import io.codinspect.controlplane.prompt.TurnStops;
import io.codinspect.controlplane.usage.internal.ModelCallStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The limits of {@code codinspect.limits}, computed from the recorded model calls in PostgreSQL so
 * that every replica agrees: prompts are admitted before a sandbox boots for them, the gateway
 * refuses calls once a limit is reached, and a turn whose call reached its session's or its
 * author's limit (or the monthly budget) is stopped with its work kept.
 */
@Service
public class SpendLimits implements AdmissionPolicy {

    private final ModelCallStore calls;
    private final LimitsProperties limits;
    private final TurnStops stops;
    private final Clock clock;

    SpendLimits(ModelCallStore calls, LimitsProperties limits, TurnStops stops, Clock clock) {
        this.calls = calls;
        this.limits = limits;
        this.stops = stops;
        this.clock = clock;
    }

    @Override
    public boolean limitsConcurrency() {
        return limits.maxRunningPrompts() != null;
    }

    @Override
    public Verdict admit(UUID sessionId, UUID authorId, long admitted) {
        var over = reached(sessionId, authorId, BigDecimal.ZERO);
        if (over.isPresent()) {
            return new Refuse(over.get());
        }
        var max = limits.maxRunningPrompts();
        if (max != null && admitted >= max) {
            return new Wait(
                    "Waiting for capacity: %d prompt%s running and the limit is %d (codinspect.limits.max-running-prompts)"
                            .formatted(admitted, admitted == 1 ? " is" : "s are", max));
        }
        return new Admit();
    }

    /**
     * The limit a session's or person's spend has reached, with {@code pending} (the cost of a
     * call still streaming) added, in words with the amounts; empty while under every limit.
     */
    public Optional<String> reached(UUID sessionId, UUID userId, BigDecimal pending) {
        if (limits.sessionCostUsd() != null) {
            var spent = calls.ofSession(sessionId).knownCost().add(pending);
            if (spent.compareTo(limits.sessionCostUsd()) >= 0) {
                return Optional.of(
                        words("The session's cost limit", spent, limits.sessionCostUsd(), "session-cost-usd"));
            }
        }
        var now = clock.instant();
        if (limits.userDailyCostUsd() != null && userId != null) {
            var spent = calls.totalBetween(dayStart(), now.plusSeconds(1), userId)
                    .knownCost()
                    .add(pending);
            if (spent.compareTo(limits.userDailyCostUsd()) >= 0) {
                return Optional.of(
                        words("Your daily cost limit", spent, limits.userDailyCostUsd(), "user-daily-cost-usd"));
            }
        }
        if (limits.monthlyBudgetUsd() != null) {
            var spent = calls.totalBetween(monthStart(), now.plusSeconds(1), null)
                    .knownCost()
                    .add(pending);
            if (spent.compareTo(limits.monthlyBudgetUsd()) >= 0) {
                return Optional.of(words("The monthly budget", spent, limits.monthlyBudgetUsd(), "monthly-budget-usd"));
            }
        }
        return Optional.empty();
    }

    /** Stops the running prompt if its spend reached a limit; true if it was asked to stop. */
    public boolean stopIfOver(UUID sessionId, UUID promptId, UUID userId, BigDecimal pending) {
        return reached(sessionId, userId, pending)
                .map(reason -> stops.stop(sessionId, promptId, reason))
                .orElse(false);
    }

    Instant dayStart() {
        return LocalDate.now(clock.withZone(limits.zone()))
                .atStartOfDay(limits.zone())
                .toInstant();
    }

    Instant monthStart() {
        return LocalDate.now(clock.withZone(limits.zone()))
                .withDayOfMonth(1)
                .atStartOfDay(limits.zone())
                .toInstant();
    }

    LimitsProperties properties() {
        return limits;
    }

    static String usd(BigDecimal amount) {
        var scale = amount.abs().compareTo(BigDecimal.ONE) >= 0 ? 2 : 4;
        return "$" + amount.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    private static String words(String limit, BigDecimal spent, BigDecimal max, String setting) {
        return "%s is reached: %s spent of %s (codinspect.limits.%s)".formatted(limit, usd(spent), usd(max), setting);
    }
}

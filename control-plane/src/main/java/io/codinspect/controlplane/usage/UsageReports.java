package io.codinspect.controlplane.usage;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.codinspect.controlplane.session.SessionManagement;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.usage.internal.ModelCallStore;
import io.codinspect.controlplane.usage.internal.ModelCallStore.Grouping;
import io.codinspect.controlplane.user.UserManagement;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Usage added up per session, and per day, user, repository or model over a range of days. */
@Service
class UsageReports {

    /** One group's usage with what to call it. */
    record Group(String key, String label, @JsonUnwrapped Usage usage) {}

    record PromptUsage(UUID promptId, @JsonUnwrapped Usage usage) {}

    record SessionUsage(UUID sessionId, Usage total, List<PromptUsage> prompts, List<Group> models) {}

    record RangeUsage(LocalDate from, LocalDate to, String groupBy, Usage total, List<Group> groups) {}

    static final int MAX_DAYS = 366;

    private final ModelCallStore calls;
    private final SessionManagement sessions;
    private final UserManagement users;
    private final Clock clock;

    UsageReports(ModelCallStore calls, SessionManagement sessions, UserManagement users, Clock clock) {
        this.calls = calls;
        this.sessions = sessions;
        this.users = users;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    SessionUsage ofSession(UUID sessionId) {
        sessions.get(sessionId);
        return new SessionUsage(
                sessionId,
                calls.ofSession(sessionId),
                calls.ofSessionBy(sessionId, Grouping.prompt).stream()
                        .filter(g -> !g.key().isEmpty())
                        .map(g -> new PromptUsage(UUID.fromString(g.key()), g.usage()))
                        .toList(),
                sorted(calls.ofSessionBy(sessionId, Grouping.model).stream()
                        .map(g -> new Group(g.key(), g.key(), g.usage()))
                        .toList()));
    }

    /**
     * Usage of the UTC days {@code from} to {@code to}, both included (the last 30 days when left
     * out), of {@code userId}'s prompts or (null) everyone's.
     */
    @Transactional(readOnly = true)
    RangeUsage between(LocalDate from, LocalDate to, Grouping grouping, UUID userId) {
        var last = to != null ? to : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        var first = from != null ? from : last.minusDays(29);
        if (first.isAfter(last)) {
            throw ControlPlaneException.badRequest("'from' (" + first + ") is after 'to' (" + last + ").");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw ControlPlaneException.badRequest("A usage report covers at most " + MAX_DAYS + " days.");
        }
        var start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        var end = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        var groups = calls.between(start, end, userId, grouping).stream()
                .map(g -> new Group(g.key(), label(grouping, g.key()), g.usage()))
                .toList();
        return new RangeUsage(
                first,
                last,
                grouping.name(),
                calls.totalBetween(start, end, userId),
                grouping == Grouping.day ? groups : sorted(groups));
    }

    private String label(Grouping grouping, String key) {
        if (grouping == Grouping.user && !key.isEmpty()) {
            return users.find(UUID.fromString(key))
                    .map(u -> u.name() != null && !u.name().isBlank() ? u.name() : u.login())
                    .orElse(key);
        }
        return key.isEmpty() ? "(none)" : key;
    }

    /** Most expensive first, then most calls; unpriced groups after priced ones of the same known cost. */
    private static List<Group> sorted(List<Group> groups) {
        return groups.stream()
                .sorted(Comparator.comparing((Group g) -> g.usage().knownCost(), Comparator.<BigDecimal>reverseOrder())
                        .thenComparing(g -> g.usage().calls(), Comparator.reverseOrder())
                        .thenComparing(Group::label))
                .toList();
    }
}

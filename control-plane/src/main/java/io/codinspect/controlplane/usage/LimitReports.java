package io.codinspect.controlplane.usage;

import io.codinspect.controlplane.prompt.PromptLoad;
import io.codinspect.controlplane.usage.internal.ModelCallStore;
import io.codinspect.controlplane.usage.internal.ModelCallStore.Grouping;
import io.codinspect.controlplane.user.UserManagement;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Current spend against each limit, for admins. */
@Service
class LimitReports {

    record SessionLimit(BigDecimal limit) {}

    record UserSpend(UUID userId, String label, BigDecimal spentUsd) {}

    record UserDailyLimit(BigDecimal limit, List<UserSpend> users) {}

    record MonthlyBudget(BigDecimal limit, BigDecimal spentUsd, String month) {}

    record RunningPrompts(Integer limit, long running, long waiting) {}

    record LimitsView(
            SessionLimit sessionCostUsd,
            UserDailyLimit userDailyCostUsd,
            MonthlyBudget monthlyBudgetUsd,
            RunningPrompts runningPrompts) {}

    private final ModelCallStore calls;
    private final SpendLimits limits;
    private final PromptLoad prompts;
    private final UserManagement users;
    private final Clock clock;

    LimitReports(ModelCallStore calls, SpendLimits limits, PromptLoad prompts, UserManagement users, Clock clock) {
        this.calls = calls;
        this.limits = limits;
        this.prompts = prompts;
        this.users = users;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    LimitsView view() {
        var properties = limits.properties();
        var now = clock.instant().plusSeconds(1);
        var today = calls.between(limits.dayStart(), now, null, Grouping.user).stream()
                .filter(g -> !g.key().isEmpty() && g.usage().knownCost().signum() > 0)
                .map(g -> {
                    var id = UUID.fromString(g.key());
                    var label = users.find(id)
                            .map(u -> u.name() != null ? u.name() : u.login())
                            .orElse(g.key());
                    return new UserSpend(id, label, g.usage().knownCost());
                })
                .sorted(java.util.Comparator.comparing(UserSpend::spentUsd).reversed())
                .toList();
        var month = calls.totalBetween(limits.monthStart(), now, null).knownCost();
        var load = prompts.current();
        return new LimitsView(
                new SessionLimit(properties.sessionCostUsd()),
                new UserDailyLimit(properties.userDailyCostUsd(), today),
                new MonthlyBudget(
                        properties.monthlyBudgetUsd(),
                        month,
                        YearMonth.now(clock.withZone(properties.zone())).toString()),
                new RunningPrompts(properties.maxRunningPrompts(), load.admitted(), load.waiting()));
    }
}

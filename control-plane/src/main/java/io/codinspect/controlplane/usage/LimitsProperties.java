package io.codinspect.controlplane.usage;

import java.math.BigDecimal;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Spending and concurrency limits, enforced before work starts and while it runs. Each is off
 * when unset. Spend is the known cost of recorded model calls (calls of unpriced models count
 * nothing towards a limit, and admins see them as unpriced).
 *
 * @param sessionCostUsd what one session may spend in all; its next prompt fails at once once
 *     reached, and a running turn that reaches it is stopped, its work kept
 * @param userDailyCostUsd what one person's prompts may spend per day (in {@code zone})
 * @param monthlyBudgetUsd what everyone together may spend per calendar month (in {@code zone})
 * @param maxRunningPrompts how many prompts may run at once across the deployment; more wait in
 *     their queues, saying why
 * @param zone the time zone whose days and months the daily limit and the monthly budget count in
 */
@ConfigurationProperties("codinspect.limits")
public record LimitsProperties(
        BigDecimal sessionCostUsd,
        BigDecimal userDailyCostUsd,
        BigDecimal monthlyBudgetUsd,
        Integer maxRunningPrompts,
        @DefaultValue("UTC") ZoneId zone) {}

package io.codinspect.controlplane.usage;

import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.controlplane.system.CurrentUser;
import io.codinspect.controlplane.usage.internal.ModelCallStore.Grouping;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What model calls cost: per session, and over days grouped by day, user, repository or model. */
@RestController
class UsageController {

    private final UsageReports reports;
    private final LimitReports limits;

    UsageController(UsageReports reports, LimitReports limits) {
        this.reports = reports;
        this.limits = limits;
    }

    @GetMapping("/api/sessions/{id}/usage")
    UsageReports.SessionUsage session(@PathVariable UUID id) {
        return reports.ofSession(id);
    }

    /** Admins see everyone's usage, other people their own prompts'. */
    @GetMapping("/api/usage")
    UsageReports.RangeUsage range(
            @AuthenticationPrincipal CurrentUser actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "day") String groupBy) {
        return reports.between(from, to, grouping(groupBy), actor.admin() ? null : actor.id());
    }

    @GetMapping("/api/usage/limits")
    LimitReports.LimitsView limits(@AuthenticationPrincipal CurrentUser actor) {
        if (!actor.admin()) {
            throw ControlPlaneException.forbidden("Only admins see the spend against the limits.");
        }
        return limits.view();
    }

    private static Grouping grouping(String name) {
        return switch (name) {
            case "day" -> Grouping.day;
            case "user" -> Grouping.user;
            case "repository" -> Grouping.repository;
            case "model" -> Grouping.model;
            default ->
                throw ControlPlaneException.badRequest("groupBy must be one of "
                        + Arrays.asList("day", "user", "repository", "model") + ", not '" + name + "'.");
        };
    }
}

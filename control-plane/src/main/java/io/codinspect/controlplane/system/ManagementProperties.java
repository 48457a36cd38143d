package io.codinspect.controlplane.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read the Actuator endpoints. The health probes are public; every other endpoint needs an
 * admin's API token, and {@code /actuator/prometheus} also takes the scrape token.
 *
 * @param scrapeToken the bearer token Prometheus sends to read {@code /actuator/prometheus} (env
 *     {@code CODINSPECT_MANAGEMENT_SCRAPETOKEN}), at least 24 characters; only its hash is kept.
 *     When unset, only admins' API tokens read metrics
 */
@ConfigurationProperties("codinspect.management")
record ManagementProperties(String scrapeToken) {

    @Override
    public String toString() {
        return "ManagementProperties[scrapeToken=%s]".formatted(scrapeToken == null ? "unset" : "***");
    }
}

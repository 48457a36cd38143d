package io.codinspect.slackbot;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Slack side of the bot ({@code codinspect.slack.*}, each from its environment variable: see
 * docs/slack.md).
 *
 * @param botToken the bot token ({@code xoxb-…}), {@code SLACK_BOT_TOKEN}
 * @param signingSecret verifies every request from Slack, {@code SLACK_SIGNING_SECRET}
 * @param apiUrl the Web API's base URL, {@code SLACK_API_URL}: {@code https://slack.com/api/} (or
 *     {@code https://slack.com}, {@code /api/} is then added)
 * @param publicUrl where the control plane reaches this bot's {@code /codinspect/notifications}
 * @param defaultRepository the repository when neither the message nor its channel names one
 * @param channelRepositories per-channel repositories: {@code C0123=acme/api,C0456=acme/web}
 * @param maxConcurrentWork how many messages, clicks and notifications are worked on at once
 * @param maxQueuedWork how many more may wait; beyond, a message is answered "busy"
 * @param outageRetryFor how long a message keeps trying while the control plane cannot be reached
 * @param slackTimeout the deadline of each Web API call
 */
@ConfigurationProperties("codinspect.slack")
public record SlackBotProperties(
        String botToken,
        String signingSecret,
        @DefaultValue("https://slack.com/api/") URI apiUrl,
        URI publicUrl,
        String defaultRepository,
        String channelRepositories,
        @DefaultValue("32") int maxConcurrentWork,
        @DefaultValue("500") int maxQueuedWork,
        @DefaultValue("2m") Duration outageRetryFor,
        @DefaultValue("10s") Duration slackTimeout) {

    public SlackBotProperties {
        if (botToken == null || botToken.isBlank()) {
            throw new IllegalArgumentException("SLACK_BOT_TOKEN (codinspect.slack.bot-token) is required");
        }
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new IllegalArgumentException("SLACK_SIGNING_SECRET (codinspect.slack.signing-secret) is required");
        }
        defaultRepository = blankToNull(defaultRepository);
        channelRepositories = blankToNull(channelRepositories);
    }

    /** The Web API methods' prefix, {@code https://slack.com/api/}. */
    String methodsPrefix() {
        var base = apiUrl.toString().replaceAll("/+$", "");
        return base.endsWith("/api") ? base + "/" : base + "/api/";
    }

    /** {@link #channelRepositories} as a map from channel id to repository. */
    Map<String, String> repositoryByChannel() {
        var map = new LinkedHashMap<String, String>();
        if (channelRepositories != null) {
            for (var pair : channelRepositories.split(",")) {
                var at = pair.indexOf('=');
                if (at <= 0 || at == pair.length() - 1) {
                    throw new IllegalArgumentException(
                            "CODINSPECT_SLACK_CHANNEL_REPOSITORIES: expected C0123=owner/name, got '" + pair.strip()
                                    + "'");
                }
                map.put(pair.substring(0, at).strip(), pair.substring(at + 1).strip());
            }
        }
        return Map.copyOf(map);
    }

    @Override
    public String toString() {
        return "SlackBotProperties[apiUrl=%s, publicUrl=%s, defaultRepository=%s, channelRepositories=%s]"
                .formatted(apiUrl, publicUrl, defaultRepository, channelRepositories);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

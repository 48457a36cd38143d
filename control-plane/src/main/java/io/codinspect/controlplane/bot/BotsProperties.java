package io.codinspect.controlplane.bot;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bots (separate services such as the Slack bot) and their service accounts.
 *
 * @param enabled the bots whose service accounts are created at start, e.g. {@code slack} (env
 *     {@code CODINSPECT_BOTS_ENABLED})
 * @param tokens each bot's service-account token when it comes from outside, e.g. a Kubernetes
 *     Secret (env {@code CODINSPECT_BOTS_TOKENS_SLACK}); a bot without one gets a generated token in
 *     {@code <data-dir>/bots/<bot>.token} (mode 0600)
 * @param allowGuests let bots act for a platform's guests (Slack single- and multi-channel guests)
 * @param allowForeignWorkspaces let bots act for people of other workspaces (Slack Connect)
 */
@ConfigurationProperties("codinspect.bots")
public record BotsProperties(
        @DefaultValue List<String> enabled,
        @DefaultValue Map<String, String> tokens,
        @DefaultValue("false") boolean allowGuests,
        @DefaultValue("false") boolean allowForeignWorkspaces) {

    @Override
    public String toString() {
        return "BotsProperties[enabled=%s, tokens=%s, allowGuests=%s, allowForeignWorkspaces=%s]"
                .formatted(enabled, tokens.keySet(), allowGuests, allowForeignWorkspaces);
    }
}

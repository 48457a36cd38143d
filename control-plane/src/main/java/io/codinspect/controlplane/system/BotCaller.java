package io.codinspect.controlplane.system;

import java.util.UUID;

/**
 * A bot's service account calling for itself, without acting for a person: it may reach only
 * {@code /api/bot/**} (identity resolution, notification subscriptions), with authority
 * {@code ROLE_BOT}. Controllers there take it as their {@code @AuthenticationPrincipal}.
 *
 * @param namespace the identity namespace the account acts in ({@code slack}, {@code github}, …)
 */
public record BotCaller(UUID serviceAccountId, String name, String namespace) {}

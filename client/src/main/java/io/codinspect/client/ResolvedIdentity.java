package io.codinspect.client;

import java.util.UUID;

/**
 * The CodInspect user a platform identity comes to; act for them with
 * {@link CodInspectClient#onBehalfOf(UUID)}.
 *
 * @param name nullable
 * @param login nullable
 * @param email nullable
 * @param created the user was created for this identity just now
 * @param linked the identity was linked to the user just now (created, or found by email or login)
 */
public record ResolvedIdentity(UUID userId, String name, String login, String email, boolean created, boolean linked) {}

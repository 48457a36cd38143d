package io.codinspect.client;

/**
 * What {@link CodInspectClient#startSession} answers.
 *
 * @param session the new session, or the one that already had the request's external key
 * @param created true when it was created now (201), false when it existed (200)
 */
public record SessionStart(Session session, boolean created) {}

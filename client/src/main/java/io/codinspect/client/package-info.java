/**
 * A typed client of the CodInspect control plane for bots, tests and tools (docs/bots.md).
 *
 * <pre>{@code
 * var bot = CodInspectClient.builder(URI.create("https://codinspect.acme.com"))
 *         .token(serviceAccountToken)
 *         .build();
 * var person = bot.resolveIdentity(IdentityClaim.slack("T0123/U0456", email, name, avatar, false, false));
 * var ada = bot.onBehalfOf(person.userId());
 * var start = ada.startSession(NewSession.forBot(null, "slack:T0123/C0456/1712345678.000100",
 *         new NewPrompt("Fix the flaky checkout test"), null));
 *
 * // the notification endpoint
 * var verifier = new NotificationVerifier(subscription.secret(), Clock.systemUTC());
 * Notification n = verifier.verify(request::getHeader, body);   // throws InvalidNotification
 * }</pre>
 *
 * <p>Failures: {@link io.codinspect.client.CodInspectProblem} when the server refuses,
 * {@link io.codinspect.client.CodInspectUnreachable} when it cannot be reached in time (retry),
 * both {@link io.codinspect.client.CodInspectException}s.
 */
package io.codinspect.client;

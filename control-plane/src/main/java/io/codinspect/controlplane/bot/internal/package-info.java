/** Persistence of the bot feature: service accounts and people's platform identities. */
package io.codinspect.controlplane.bot.internal;

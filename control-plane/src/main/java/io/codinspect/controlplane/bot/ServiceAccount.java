package io.codinspect.controlplane.bot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A bot's service account. Its token acts only for people with an identity in its namespace.
 *
 * @param token the account's token, only in the answer that made it (creation, rotation)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceAccount(
        UUID id,
        String name,
        String namespace,
        Instant createdAt,
        Instant rotatedAt,
        Instant disabledAt,
        String token) {

    ServiceAccount withToken(String newToken) {
        return new ServiceAccount(id, name, namespace, createdAt, rotatedAt, disabledAt, newToken);
    }
}

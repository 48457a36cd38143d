package io.codinspect.controlplane.sandbox;

import io.codinspect.controlplane.sandbox.internal.SandboxRepository;
import io.codinspect.controlplane.system.Secrets;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The agent's own credential: a random token per sandbox, given to the sandbox's OpenCode for the
 * model gateway and to its tools for the egress proxy. Unlike the bridge token it is readable by
 * the agent, so it grants only what the agent may do anyway (model calls the catalog allows,
 * metered and limited; connections to allowed hosts), and only while its sandbox is live: the
 * check reads the sandbox's state in PostgreSQL, so a sandbox's end revokes it on every replica at
 * once. Only its hash is stored.
 */
@Component
public class AgentTokens {

    /** Who holds an agent token. */
    public record Agent(UUID sandboxId, UUID sessionId) {}

    static final String PREFIX = "cia_";

    private final SandboxRepository sandboxes;

    AgentTokens(SandboxRepository sandboxes) {
        this.sandboxes = sandboxes;
    }

    static String generate() {
        return Secrets.generate(PREFIX);
    }

    /** Whether {@code token} has an agent token's form (before anything is looked up). */
    public static boolean looksLikeOne(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    /** The live sandbox whose agent holds {@code token}; empty for anything else, an ended sandbox's token included. */
    @Transactional(readOnly = true)
    public Optional<Agent> authenticate(String token) {
        if (!looksLikeOne(token)) {
            return Optional.empty();
        }
        var hash = Secrets.hash(token);
        return sandboxes
                .findByAgentTokenHash(hash)
                .filter(s -> s.status().live() && Secrets.same(s.agentTokenHash(), hash))
                .map(s -> new Agent(s.id(), s.sessionId()));
    }
}

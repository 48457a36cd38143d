package io.codinspect.controlplane.prompt;

import java.util.UUID;

/**
 * Whether the limits let a session's next prompt start, asked before a sandbox is requested for
 * it, so that nothing boots for a prompt that may not run. The dispatcher asks under a lock in
 * PostgreSQL, so several replicas agree.
 */
public interface AdmissionPolicy {

    /** What the limits say. */
    sealed interface Verdict {}

    record Admit() implements Verdict {}

    /** Not yet: it stays queued, saying why, and is asked about again. */
    record Wait(String reason) implements Verdict {}

    /** Never: it fails at once, saying why. */
    record Refuse(String reason) implements Verdict {}

    /**
     * @param admitted prompts running or admitted now, across the deployment (counted, under a
     *     lock, only when {@link #limitsConcurrency()})
     */
    Verdict admit(UUID sessionId, UUID authorId, long admitted);

    /** Whether {@link #admit} needs the count of running prompts. */
    boolean limitsConcurrency();
}

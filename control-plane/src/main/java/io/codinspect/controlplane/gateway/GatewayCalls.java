package io.codinspect.controlplane.gateway;

import io.codinspect.controlplane.event.EventLog;
import io.codinspect.controlplane.usage.ModelCall;
import io.codinspect.controlplane.usage.ModelCalls;
import io.codinspect.controlplane.usage.SpendLimits;
import io.codinspect.controlplane.usage.TokenCounts;
import io.codinspect.model.event.Warning;
import java.math.BigDecimal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the gateway asks of the rest of the control plane for each call: whether a limit refuses
 * it, what it cost, and what the session's timeline should show of its failure.
 */
@Component
class GatewayCalls {

    private static final Logger log = LoggerFactory.getLogger(GatewayCalls.class);
    private static final java.time.Duration WARN_EVERY = java.time.Duration.ofMinutes(1);
    private static final int MAX_WARNED = 10_000;

    /** When each (session, message) was last shown; cleared when it grows past {@link #MAX_WARNED}. */
    private final java.util.Map<String, Long> warned = new java.util.concurrent.ConcurrentHashMap<>();

    private final ModelCalls calls;
    private final SpendLimits limits;
    private final EventLog events;
    private final TransactionTemplate tx;

    GatewayCalls(ModelCalls calls, SpendLimits limits, EventLog events, TransactionTemplate tx) {
        this.calls = calls;
        this.limits = limits;
        this.events = events;
        this.tx = tx;
    }

    /** The limit that refuses a new call, in words; empty when it may go ahead. */
    Optional<String> refusal(CallContext context) {
        return limits.reached(context.sessionId(), context.userId(), BigDecimal.ZERO);
    }

    /** A stream told more of its usage: the turn is stopped if what it costs so far takes it over a limit. */
    void progress(CallContext context, String provider, String model, TokenCounts tokens) {
        if (context.promptId() == null) {
            return;
        }
        try {
            calls.cost(provider, model, tokens)
                    .ifPresent(pending ->
                            limits.stopIfOver(context.sessionId(), context.promptId(), context.userId(), pending));
        } catch (RuntimeException e) { // the stream goes on; the call's record checks again at its end
            log.warn("Could not check the limits of session={} mid-stream", context.sessionId(), e);
        }
    }

    void record(ModelCall call) {
        try {
            calls.record(call);
        } catch (RuntimeException e) {
            log.error("Could not record a model call of session={} provider={}", call.sessionId(), call.provider(), e);
        }
    }

    /**
     * Shows a failure the agent may retry on its own in the session's timeline, so people see why
     * it waits; the same message for the same session is shown at most once a minute.
     */
    void warn(CallContext context, String message) {
        var key = context.sessionId() + " " + message;
        var now = System.nanoTime();
        if (warned.size() > MAX_WARNED) {
            warned.clear();
        }
        var last = warned.put(key, now);
        if (last != null && now - last < WARN_EVERY.toNanos()) {
            return;
        }
        try {
            var promptId =
                    context.promptId() == null ? null : context.promptId().toString();
            // the append locks the session's row itself
            tx.executeWithoutResult(status -> events.append(context.sessionId(), new Warning(promptId, message)));
        } catch (RuntimeException e) {
            log.warn("Could not add a gateway warning to session={}", context.sessionId(), e);
        }
    }
}

package io.codinspect.controlplane.usage;

import io.codinspect.controlplane.usage.internal.ModelCallStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Records every model call with its cost, and stops the turn whose call took it over a limit. */
@Service
public class ModelCalls {

    private static final Logger log = LoggerFactory.getLogger(ModelCalls.class);

    private final ModelCallStore store;
    private final Prices prices;
    private final SpendLimits limits;
    private final MeterRegistry meters;

    ModelCalls(ModelCallStore store, Prices prices, SpendLimits limits, MeterRegistry meters) {
        this.store = store;
        this.prices = prices;
        this.limits = limits;
        this.meters = meters;
    }

    /** What {@code tokens} of a model cost; empty when its price is unknown. */
    public Optional<BigDecimal> cost(String provider, String model, TokenCounts tokens) {
        return prices.cost(provider, model, tokens);
    }

    /** What the prompt's model calls cost, as far as their prices are known; empty without priced calls. */
    public Optional<BigDecimal> costOfPrompt(java.util.UUID sessionId, java.util.UUID promptId) {
        return store.ofSessionBy(sessionId, ModelCallStore.Grouping.prompt).stream()
                .filter(group -> group.key().equals(promptId.toString()))
                .map(group -> group.usage().costUsd())
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    public void record(ModelCall call) {
        var cost = prices.cost(call.provider(), call.model(), call.tokens()).orElse(null);
        store.insert(call, cost);
        meters.counter(
                        "codinspect.model.calls",
                        "provider",
                        call.provider(),
                        "outcome",
                        call.outcome().wire())
                .increment();
        log.info(
                "Model call session={} prompt={} provider={} model={} outcome={} status={} tokens={} cost={}",
                call.sessionId(),
                call.promptId(),
                call.provider(),
                call.model(),
                call.outcome().wire(),
                call.status(),
                call.tokens(),
                cost == null ? "unknown" : cost.toPlainString());
        if (call.promptId() != null && cost != null) {
            limits.stopIfOver(call.sessionId(), call.promptId(), call.userId(), BigDecimal.ZERO);
        }
    }
}

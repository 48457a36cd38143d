package io.codinspect.controlplane.usage;

import io.codinspect.controlplane.model.ModelProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What model calls cost, from the price table under {@code codinspect.models.providers.<id>.prices}
 * (USD per million tokens). A model without an input and an output price has no known cost: its
 * calls are counted as unpriced, never as free.
 */
@Component
public class Prices {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final ModelProperties properties;

    Prices(ModelProperties properties) {
        this.properties = properties;
    }

    /** The cost in USD of {@code tokens} of {@code provider/model}; empty when its price is unknown. */
    public Optional<BigDecimal> cost(String provider, String model, TokenCounts tokens) {
        var configured = properties.providers().get(provider);
        var price = configured == null ? null : configured.prices().get(model);
        if (price == null || price.input() == null || price.output() == null) {
            return Optional.empty();
        }
        var cacheRead = price.cacheRead() == null ? price.input() : price.cacheRead();
        var cacheWrite = price.cacheWrite() == null ? price.input() : price.cacheWrite();
        var micros = price.input()
                .multiply(BigDecimal.valueOf(tokens.input()))
                .add(price.output().multiply(BigDecimal.valueOf(tokens.output())))
                .add(cacheRead.multiply(BigDecimal.valueOf(tokens.cacheRead())))
                .add(cacheWrite.multiply(BigDecimal.valueOf(tokens.cacheWrite())));
        return Optional.of(micros.divide(MILLION, 9, RoundingMode.HALF_UP));
    }
}

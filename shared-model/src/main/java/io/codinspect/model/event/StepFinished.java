package io.codinspect.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * One model step ended, with what it cost.
 *
 * @param truncated whether {@code reason} was cut to fit the event size limit; left out of the
 *     JSON when false
 */
public record StepFinished(
        String promptId,
        String reason,
        Tokens tokens,
        BigDecimal cost,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean truncated)
        implements SessionEvent {

    public StepFinished(String promptId, String reason, Tokens tokens, BigDecimal cost) {
        this(promptId, reason, tokens, cost, false);
    }
}

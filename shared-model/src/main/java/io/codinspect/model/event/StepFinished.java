package io.codinspect.model.event;

import java.math.BigDecimal;

/** One model step ended, with what it cost. */
public record StepFinished(String promptId, String reason, Tokens tokens, BigDecimal cost) implements SessionEvent {}

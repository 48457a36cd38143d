package io.codinspect.model.event;

/** Token counts of one model step. */
public record Tokens(long total, long input, long output, long reasoning, long cacheRead, long cacheWrite) {}

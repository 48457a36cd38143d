package io.codinspect.client;

/** A branch of a {@link Repository}, with the commit at its tip. */
public record Branch(String name, String sha) {}

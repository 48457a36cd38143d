package io.codinspect.controlplane.model;

/**
 * A model users may pick.
 *
 * @param id {@code provider/model}, as given in prompts and sessions
 */
public record Model(String id, String provider, String providerName, String model, boolean isDefault) {}

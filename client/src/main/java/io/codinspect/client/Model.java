package io.codinspect.client;

/**
 * A model people may pick for sessions and prompts.
 *
 * @param id {@code provider/model}, as given in prompts and sessions
 * @param isDefault the deployment's default
 */
public record Model(String id, String provider, String providerName, String model, boolean isDefault) {}

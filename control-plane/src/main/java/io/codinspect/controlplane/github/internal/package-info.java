/** Persistence of the GitHub feature: session pull requests and handled webhook deliveries. */
package io.codinspect.controlplane.github.internal;

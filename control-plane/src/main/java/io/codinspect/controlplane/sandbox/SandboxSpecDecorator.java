package io.codinspect.controlplane.sandbox;

/**
 * Adds what one feature needs to every sandbox's spec before it is spawned (the GitHub feature
 * gives sandboxes of GitHub sessions the {@code create-pull-request} tool). Pure: no I/O.
 */
public interface SandboxSpecDecorator {

    SandboxSpec decorate(SandboxSpec spec);
}

package io.codinspect.controlplane.prompt;

/**
 * Where a prompt came from. People's own tokens may say {@link #web} or {@link #api}; a bot's
 * prompts get its namespace; the others are set by the control plane itself.
 */
public enum PromptSource {
    web,
    api,
    slack,
    github,
    linear,
    webhook,
    automation,
    agent;

    /** The source of a bot's prompts: its namespace. */
    static PromptSource ofNamespace(String namespace) {
        try {
            return valueOf(namespace);
        } catch (IllegalArgumentException e) {
            return api;
        }
    }
}

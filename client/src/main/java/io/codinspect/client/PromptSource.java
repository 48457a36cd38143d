package io.codinspect.client;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Where a prompt came from. A person's own token may send {@link #web} or {@link #api} (the
 * default); a bot's prompts always get its namespace ({@link #slack}) whatever they say; the others
 * are set by the control plane. A source this client does not know yet reads as {@link #unknown},
 * which must never be sent.
 */
public enum PromptSource {
    web,
    api,
    slack,
    github,
    linear,
    webhook,
    automation,
    agent,
    /** A source added to the server after this client was built; never send it. */
    unknown;

    @JsonCreator
    static PromptSource of(String value) {
        return Enums.of(PromptSource.class, value, unknown);
    }
}

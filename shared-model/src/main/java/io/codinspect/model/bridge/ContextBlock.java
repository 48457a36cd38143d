package io.codinspect.model.bridge;

/**
 * Context given beside a person's words (a thread's earlier messages, a pull request's
 * description). Untrusted blocks reach the agent fenced as data, never as instructions.
 */
public record ContextBlock(String title, String content, boolean trusted) {}

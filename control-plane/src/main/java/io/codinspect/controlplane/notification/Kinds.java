package io.codinspect.controlplane.notification;

import java.util.List;

/** The kinds of happenings a subscription may ask for. */
final class Kinds {

    static final String PROMPT_STARTED = "prompt.started";
    static final String PROMPT_FINISHED = "prompt.finished";
    static final String PROMPT_PROGRESS = "prompt.progress";
    static final String PULL_REQUEST = "pull_request";

    static final List<String> ALL = List.of(PROMPT_STARTED, PROMPT_PROGRESS, PROMPT_FINISHED, PULL_REQUEST);

    private Kinds() {}
}

package io.codinspect.controlplane.prompt;

import io.codinspect.controlplane.prompt.internal.PromptEntity;
import io.codinspect.controlplane.session.BotData;
import io.codinspect.controlplane.user.User;
import io.codinspect.controlplane.user.UserManagement;
import io.codinspect.model.event.Author;
import io.codinspect.model.event.EventCodec;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/** Turns prompt rows into API records, with author and queue position. */
@Component
class PromptViews {

    private final UserManagement users;

    PromptViews(UserManagement users) {
        this.users = users;
    }

    Author author(UUID userId) {
        return users.find(userId).map(PromptViews::author).orElse(new Author(userId.toString(), null, null, null));
    }

    static Author author(User user) {
        return new Author(user.id().toString(), user.name(), user.login(), user.email());
    }

    /** Views of a session's prompts in queue order; positions count unfinished prompts ahead. */
    List<Prompt> all(List<PromptEntity> inOrder) {
        int ahead = 0;
        var views = new java.util.ArrayList<Prompt>(inOrder.size());
        for (var p : inOrder) {
            Integer position = null;
            if (!p.status().finished()) {
                position = ahead++;
            }
            views.add(view(p, position));
        }
        return views;
    }

    Prompt view(PromptEntity p, Integer position) {
        return new Prompt(
                p.id(),
                p.sessionId(),
                p.status(),
                p.status().finished() ? null : position,
                author(p.authorId()),
                p.content(),
                p.model(),
                p.reasoningEffort(),
                p.clientRequestId(),
                p.error(),
                p.status() == PromptStatus.queued ? p.waiting() : null,
                p.createdAt(),
                p.startedAt(),
                p.finishedAt(),
                PromptSource.valueOf(p.source()),
                p.sourceUrl(),
                contextOf(p),
                p.createdVia(),
                BotData.read(p.botData()),
                PromptKind.valueOf(p.kind()));
    }

    private static final TypeReference<List<NewPrompt.Context>> CONTEXT = new TypeReference<>() {};

    static List<NewPrompt.Context> contextOf(PromptEntity p) {
        return p.context() == null ? List.of() : EventCodec.mapper().readValue(p.context(), CONTEXT);
    }
}

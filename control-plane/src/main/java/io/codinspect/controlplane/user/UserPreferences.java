package io.codinspect.controlplane.user;

import io.codinspect.controlplane.model.ModelCatalog;
import io.codinspect.controlplane.user.internal.UserPreferencesEntity;
import io.codinspect.controlplane.user.internal.UserPreferencesRepository;
import io.codinspect.model.event.EventCodec;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/** Each person's defaults for new sessions and prompts. */
@Service
public class UserPreferences {

    private static final TypeReference<Map<String, String>> BRANCHES = new TypeReference<>() {};

    private final UserPreferencesRepository preferences;
    private final ModelCatalog models;
    private final Clock clock;

    UserPreferences(UserPreferencesRepository preferences, ModelCatalog models, Clock clock) {
        this.preferences = preferences;
        this.models = models;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Preferences of(UUID userId) {
        return preferences
                .findById(userId)
                .map(p -> new Preferences(
                        p.model(),
                        p.reasoningEffort(),
                        p.baseBranches() == null
                                ? Map.of()
                                : EventCodec.mapper().readValue(p.baseBranches(), BRANCHES)))
                .orElse(Preferences.NONE);
    }

    /** Replaces the person's preferences; a model the catalog does not list is refused. */
    @Transactional
    public Preferences set(UUID userId, Preferences wanted) {
        models.check(wanted.model());
        var entity = preferences.findById(userId).orElseGet(() -> new UserPreferencesEntity(userId));
        entity.set(
                wanted.model(),
                wanted.reasoningEffort(),
                EventCodec.mapper().writeValueAsString(wanted.baseBranches()),
                clock.instant());
        preferences.save(entity);
        return of(userId);
    }
}

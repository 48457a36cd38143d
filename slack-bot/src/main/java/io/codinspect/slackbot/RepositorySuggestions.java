package io.codinspect.slackbot;

import com.slack.api.app_backend.interactive_components.response.Option;
import io.codinspect.client.CodInspectClient;
import io.codinspect.client.Repository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The picker's options as a person types: Slack asks at each keystroke and shows nothing unless
 * the answer comes within 3 s. The repositories a person reaches are fetched once and kept for
 * {@link #KEEP}; what is not fetched within {@link #WAIT} is answered with no options, and the
 * fetch goes on, so the next keystroke has them.
 */
final class RepositorySuggestions {

    static final Duration WAIT = Duration.ofMillis(2500);
    private static final Duration KEEP = Duration.ofMinutes(1);
    private static final int PEOPLE_KEPT = 1000;

    private record Fetch(Instant at, CompletableFuture<List<Repository>> repositories) {}

    private final People people;
    private final CodInspectClient bot;
    private final Clock clock;
    private final Map<String, Fetch> fetches = Bounded.oldestDropped(PEOPLE_KEPT);

    RepositorySuggestions(People people, CodInspectClient bot, Clock clock) {
        this.people = people;
        this.bot = bot;
        this.clock = clock;
    }

    /** The options for what {@code user} of {@code team} typed; none when they cannot be found in time. */
    List<Option> options(String team, String user, String typed) {
        try {
            var reachable = fetch(team, user).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return RepositoryPicker.options(reachable, typed);
        } catch (TimeoutException | ExecutionException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private synchronized CompletableFuture<List<Repository>> fetch(String team, String user) {
        var key = team + "/" + user;
        var now = clock.instant();
        var earlier = fetches.get(key);
        var failed = earlier != null && earlier.repositories().isCompletedExceptionally();
        if (earlier != null && !failed && earlier.at().plus(KEEP).isAfter(now)) {
            return earlier.repositories();
        }
        var repositories = CompletableFuture.supplyAsync(
                () -> bot.onBehalfOf(people.resolve(team, user).userId()).repositories(),
                task -> Thread.ofVirtual().name("slack-suggestions").start(task));
        fetches.put(key, new Fetch(now, repositories));
        return repositories;
    }
}

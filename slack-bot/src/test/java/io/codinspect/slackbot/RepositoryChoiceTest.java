package io.codinspect.slackbot;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.client.Repository;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryChoiceTest {

    private static final List<Repository> REACHABLE = List.of(
            new Repository("acme/api", "acme", "api", true, "main"),
            new Repository("acme/web", "acme", "web", false, "main"));

    private final RepositoryChoice choice = new RepositoryChoice(Map.of("C0WEB", "acme/web"), "acme/default");

    @Test
    void aGitUrlInTheMessageIsTheRepository() {
        assertThat(choice.choose("fix it in https://github.com/acme/api.git please", "C1", () -> REACHABLE))
                .isEqualTo("https://github.com/acme/api.git");
    }

    @Test
    void aLinkToSomethingElseIsNotTheRepositoryButAReachableRepositorysPageIs() {
        assertThat(choice.choose("see https://sentry.example/issues/42 and fix it", "C1", () -> REACHABLE))
                .isEqualTo("acme/default");
        assertThat(choice.choose("see https://github.com/acme/api/issues/42", "C1", () -> REACHABLE))
                .isEqualTo("acme/default");
        assertThat(choice.choose("fix https://github.com/ACME/api", "C1", () -> REACHABLE))
                .isEqualTo("acme/api");
        assertThat(choice.choose("clone git@github.com:other/lib.git", "C1", () -> REACHABLE))
                .isEqualTo("git@github.com:other/lib.git");
    }

    @Test
    void anOwnerNameIsTakenOnlyWhenCodInspectReachesIt() {
        assertThat(choice.choose("and/or fix ACME/api's test", "C1", () -> REACHABLE))
                .isEqualTo("acme/api");
        assertThat(choice.choose("fix it, and/or the docs", "C1", () -> REACHABLE))
                .isEqualTo("acme/default");
    }

    @Test
    void anOwnerNameIsTakenAsItIsWhenCodInspectListsNoRepositories() {
        assertThat(choice.choose("fix other/thing", "C1", List::of)).isEqualTo("other/thing");
    }

    @Test
    void aLocalDirectoryIsTakenButAnUrlPathIsNot(@TempDir Path dir) {
        assertThat(choice.choose("work in " + dir + " now", "C1", () -> REACHABLE))
                .isEqualTo(dir.toString());
        assertThat(choice.choose("fix the /api/users endpoint", "C1", () -> REACHABLE))
                .isEqualTo("acme/default");
    }

    @Test
    void theChannelsRepositoryComesBeforeTheDefault() {
        assertThat(choice.choose("fix the flaky test", "C0WEB", () -> REACHABLE))
                .isEqualTo("acme/web");
        assertThat(choice.choose("fix the flaky test", "C1", () -> REACHABLE)).isEqualTo("acme/default");
    }

    @Test
    void withoutAnyRepositoryTheAnswerIsNullAndTheListIsNotFetchedForPlainWords() {
        var fetched = new AtomicInteger();
        var none = new RepositoryChoice(Map.of(), null);
        assertThat(none.choose("fix the flaky test", "C1", () -> {
                    fetched.incrementAndGet();
                    return REACHABLE;
                }))
                .isNull();
        assertThat(fetched).hasValue(0);
    }
}

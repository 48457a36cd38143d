package io.codinspect.supervisor.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.event.Author;
import io.codinspect.supervisor.workspace.Workspace;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptRunnerTest {

    @Test
    void usersWithoutAnEmailCommitWithTheDocumentedNoreplyAddress() {
        assertThat(PromptRunner.email(new Author("1", "Bob", "bob", null)))
                .isEqualTo("bob@users.noreply.codinspect.invalid");
        assertThat(PromptRunner.email(new Author("1", "Bob", "bob", "bob@acme.dev")))
                .isEqualTo("bob@acme.dev");
        assertThat(PromptRunner.name(new Author("1", " ", "bob", null))).isEqualTo("bob");
    }

    @Test
    void theCommitSubjectIsThePromptsFirstLineCutTo72Characters() {
        var long_ = "Refactor " + "the billing module ".repeat(10);
        var message = PromptRunner.message(prompt("\n\n  " + long_ + "\nmore detail"));
        var subject = message.lines().findFirst().orElseThrow();
        assertThat(subject).hasSize(72).startsWith("Refactor the billing").endsWith("…");
        assertThat(message).contains("CodInspect-Prompt: p-1").contains("for Ada");
        assertThat(PromptRunner.message(prompt("   ")).lines().findFirst()).contains("Agent changes");
    }

    @Test
    void aConflictSaysWhoseChangesMetWhereTheWorkIsAndHowToBringItIn() {
        var files = List.of("a", "b", "c", "d", "e", "f", "g");
        var said = PromptRunner.conflict(
                "feature/x",
                new Workspace.Integration.Conflict("0123456789abcdef0123", files),
                "refs/codinspect/conflicts/s1/p1");
        assertThat(said)
                .contains("Someone pushed to feature/x")
                .contains("now at 0123456789ab)")
                .contains("in a, b, c, d, e and 2 more")
                .contains("Nothing was pushed to feature/x and nothing was overwritten")
                .contains("the agent's work is on refs/codinspect/conflicts/s1/p1")
                .contains("the next prompt starts from feature/x as it is now")
                .contains("git fetch origin refs/codinspect/conflicts/s1/p1 && git merge FETCH_HEAD");
        assertThat(PromptRunner.conflict("x", new Workspace.Integration.Conflict("abc", List.of()), null))
                .contains("conflict with the agent's. Nothing")
                .contains("is committed in the sandbox only")
                .contains("merge origin/x");
    }

    private static ControlMessage.RunPrompt prompt(String content) {
        return new ControlMessage.RunPrompt(
                "p-1", content, new Author("1", "Ada", "ada", "ada@example.com"), "m/x", null, "codinspect/1");
    }
}

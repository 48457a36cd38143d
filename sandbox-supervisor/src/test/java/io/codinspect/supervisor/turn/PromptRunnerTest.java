package io.codinspect.supervisor.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.event.Author;
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

    private static ControlMessage.RunPrompt prompt(String content) {
        return new ControlMessage.RunPrompt(
                "p-1", content, new Author("1", "Ada", "ada", "ada@example.com"), "m/x", null, "codinspect/1");
    }
}

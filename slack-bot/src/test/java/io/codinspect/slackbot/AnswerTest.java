package io.codinspect.slackbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.ButtonElement;
import io.codinspect.client.Notification;
import io.codinspect.client.PromptSource;
import io.codinspect.client.PromptStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnswerTest {

    private static final UUID SESSION = UUID.randomUUID();

    @Test
    void aCompletedPromptIsToldWithTheAnswerInMrkdwnWhatChangedAndTheButtons() {
        var messages = Answer.of(finished(PromptStatus.completed, null, "I fixed the **flaky** test.", null));

        assertThat(messages).hasSize(1);
        var blocks = messages.getFirst().blocks();
        assertThat(sections(messages.getFirst()))
                .anySatisfy(text -> assertThat(text).isEqualTo("I fixed the *flaky* test."));
        assertThat(Answer.summary(finished(PromptStatus.completed, null, "x", null)))
                .contains("`DateTest.java`", "branch `codinspect/abc`", "$0.0123", "1 min 5 s");
        var buttons = ((ActionsBlock) blocks.getLast())
                .getElements().stream().map(ButtonElement.class::cast).toList();
        assertThat(buttons).extracting(b -> b.getText().getText()).containsExactly("View session", "Create PR");
        assertThat(buttons.getFirst().getUrl()).isEqualTo("https://ci.example/sessions/" + SESSION);
        assertThat(buttons.getLast().getValue()).isEqualTo(SESSION.toString());
    }

    @Test
    void aFailureIsSaidInWordsAndOffersNoPullRequest() {
        var messages = Answer.of(finished(PromptStatus.failed, "the sandbox ran out of memory", null, null));

        assertThat(sections(messages.getFirst()).getFirst()).contains("failed", "the sandbox ran out of memory");
        var actions = (ActionsBlock) messages.getFirst().blocks().getLast();
        assertThat(actions.getElements())
                .extracting(e -> ((ButtonElement) e).getText().getText())
                .containsExactly("View session");
    }

    @Test
    void aLongErrorIsCutToFitItsSection() {
        var messages = Answer.of(finished(PromptStatus.failed, "boom ".repeat(2000), null, null));

        assertThat(sections(messages.getFirst()).getFirst())
                .startsWith(":x: *It failed:* boom")
                .endsWith("…");
        assertThat(messages)
                .allSatisfy(message -> assertThat(sections(message))
                        .allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(3000)));
    }

    @Test
    void anExistingPullRequestIsLinkedInsteadOfOffered() {
        var pr = new Notification.PullRequestRef(7, "https://github.example/acme/api/pull/7", "open");
        var notification = finished(PromptStatus.completed, null, "Done", pr);

        assertThat(Answer.summary(notification)).contains("<https://github.example/acme/api/pull/7|pull request #7>");
        var actions = (ActionsBlock) Answer.of(notification).getFirst().blocks().getLast();
        assertThat(actions.getElements())
                .extracting(e -> ((ButtonElement) e).getText().getText())
                .doesNotContain("Create PR");
    }

    @Test
    void aLongAnswerIsSplitWithinSlacksLimitsAcrossMessages() {
        var paragraph = "word ".repeat(500).strip();
        var answer = String.join("\n\n", java.util.Collections.nCopies(60, paragraph));

        var messages = Answer.of(finished(PromptStatus.completed, null, answer, null));

        assertThat(messages.size()).isGreaterThan(1);
        assertThat(messages).allSatisfy(message -> {
            assertThat(message.blocks().size()).isLessThanOrEqualTo(50);
            assertThat(message.text().length()).isLessThanOrEqualTo(3000);
            assertThat(sections(message))
                    .allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(3000));
            // Slack refuses a message whose blocks hold more than about 12,000 characters in all
            assertThat(blockChars(message)).isLessThanOrEqualTo(12_000);
        });
        var words = messages.stream()
                .flatMap(m -> sections(m).stream())
                .mapToLong(text -> text.split("word", -1).length - 1)
                .sum();
        assertThat(words).isEqualTo(500L * 60);
    }

    @Test
    void namesFromTheRepositoryCannotBreakOutOfTheirCodeOrMentionAnyone() {
        var base = finished(PromptStatus.completed, null, "ok", null);
        var files = List.of("a`<!channel>`.txt", "x".repeat(500));
        var notification = new Notification(
                base.deliveryId(),
                base.kind(),
                base.occurredAt(),
                base.session(),
                base.prompt(),
                new Notification.Finished(
                        PromptStatus.completed, null, "ok", files, List.of(), "b<@U1>", null, null, null, null),
                null,
                null);

        var summary = Answer.summary(notification);

        assertThat(summary)
                .doesNotContain("<!channel>", "<@U1>")
                .contains("`a'&lt;!channel&gt;'.txt`", "`b&lt;@U1&gt;`");
        assertThat(summary.length()).isLessThan(400);
    }

    private static int blockChars(Answer.Message message) {
        return message.blocks().stream()
                .mapToInt(b -> b instanceof SectionBlock section
                        ? section.getText().getText().length()
                        : b instanceof com.slack.api.model.block.ContextBlock context
                                ? context.getElements().stream()
                                        .mapToInt(e -> ((com.slack.api.model.block.composition.MarkdownTextObject) e)
                                                .getText()
                                                .length())
                                        .sum()
                                : 0)
                .sum();
    }

    private static List<String> sections(Answer.Message message) {
        return message.blocks().stream()
                .filter(SectionBlock.class::isInstance)
                .map(b -> ((SectionBlock) b).getText().getText())
                .toList();
    }

    private static Notification finished(
            PromptStatus outcome, String error, String answer, Notification.PullRequestRef pr) {
        var webUrl = "https://ci.example/sessions/" + SESSION;
        return new Notification(
                UUID.randomUUID(),
                Notification.PROMPT_FINISHED,
                Instant.now(),
                new Notification.SessionRef(SESSION, "slack:T/C/1.2", null, "acme/api", "codinspect/abc", webUrl),
                new Notification.PromptRef(
                        UUID.randomUUID(), outcome, PromptSource.slack, null, UUID.randomUUID(), null),
                new Notification.Finished(
                        outcome,
                        error,
                        answer,
                        List.of("DateTest.java"),
                        List.of(new Notification.Commit("abc123", "codinspect/abc")),
                        "codinspect/abc",
                        pr,
                        new BigDecimal("0.01234"),
                        65_000L,
                        webUrl),
                null,
                null);
    }
}

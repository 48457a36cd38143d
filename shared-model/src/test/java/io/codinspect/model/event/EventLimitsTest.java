package io.codinspect.model.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EventLimitsTest {

    private static final int CAP = 256 * 1024;
    private static final String HUGE = "x".repeat(6_000_000);
    private static final Author AUTHOR = new Author("u1", "Ann", "ann", "ann@example.com");

    /** One event of every kind, each with one field far over the limit; the test fails when a kind is missing. */
    private static List<SessionEvent> oversized() {
        var input = EventCodec.mapper().createObjectNode().put("content", HUGE).put("filePath", "a.txt");
        var unknown =
                EventCodec.mapper().createObjectNode().put("promptId", "p").put("html", HUGE);
        return List.of(
                new UserMessage("p", AUTHOR, HUGE, "m", "high"),
                new SandboxStatus("s", "failed", null, null, HUGE),
                new AssistantText("p", "part", HUGE),
                new Reasoning("p", "part", HUGE),
                new ToolCall("p", "c", "write", ToolStatus.completed, input, "ok", false, "t", null),
                new StepFinished("p", HUGE, new Tokens(1, 1, 0, 0, 0, 0), new BigDecimal("0.25")),
                new PromptStarted("p", HUGE),
                new PromptCompleted(HUGE),
                new PromptFailed("p", HUGE),
                new PromptCancelled("p", HUGE),
                new CommitPushed("p", HUGE, "b"),
                new PullRequestArtifact("p", 1, HUGE, "open", "b", "ann"),
                new Warning("p", HUGE),
                new ErrorEvent("p", HUGE),
                new UnknownEvent("browser.screenshot", unknown));
    }

    @Test
    void theSamplesCoverEveryKindOfEvent() {
        var kinds = oversized().stream().map(Object::getClass).collect(Collectors.toSet());

        assertThat(kinds).containsExactlyInAnyOrder(SessionEvent.class.getPermittedSubclasses());
    }

    @Test
    void everyKindOverTheLimitComesOutWithinIt() {
        for (var event : oversized()) {
            var cut = EventLimits.cut(event, CAP);

            assertThat(EventLimits.sizeOf(cut)).as(EventTypes.nameOf(event)).isLessThanOrEqualTo(CAP);
            assertThat(bytesOf(cut)).as(EventTypes.nameOf(event)).isLessThanOrEqualTo(CAP);
        }
    }

    @Test
    void kindsWithTextKeepTheirKindAndSayTheyWereCut() {
        Map<Class<?>, SessionEvent> cut = oversized().stream()
                .map(e -> EventLimits.cut(e, CAP))
                .filter(e -> !(e instanceof Warning w) || !w.message().startsWith("A '"))
                .collect(Collectors.toMap(Object::getClass, Function.identity()));

        assertThat(((UserMessage) cut.get(UserMessage.class)).content()).endsWith(" bytes]");
        assertThat(((UserMessage) cut.get(UserMessage.class)).truncated()).isTrue();
        assertThat(((SandboxStatus) cut.get(SandboxStatus.class)).truncated()).isTrue();
        assertThat(((AssistantText) cut.get(AssistantText.class)).truncated()).isTrue();
        assertThat(((Reasoning) cut.get(Reasoning.class)).truncated()).isTrue();
        assertThat(((ToolCall) cut.get(ToolCall.class)).truncated()).isTrue();
        assertThat(((StepFinished) cut.get(StepFinished.class)).truncated()).isTrue();
        assertThat(((StepFinished) cut.get(StepFinished.class)).cost()).isEqualByComparingTo("0.25");
        assertThat(((PromptFailed) cut.get(PromptFailed.class)).truncated()).isTrue();
        assertThat(((PromptCancelled) cut.get(PromptCancelled.class)).truncated())
                .isTrue();
        assertThat(((ErrorEvent) cut.get(ErrorEvent.class)).truncated()).isTrue();
        var unknown = (UnknownEvent) cut.get(UnknownEvent.class);
        assertThat(unknown.type()).isEqualTo("browser.screenshot");
        assertThat(unknown.promptId()).isEqualTo("p");
        assertThat(unknown.fields().get("html").asString()).endsWith(" bytes]");
        assertThat(unknown.fields().get("truncated").asBoolean()).isTrue();
    }

    @Test
    void kindsWithoutTextToCutAreReplacedByAWarningNamingThem() {
        var event = new PromptStarted("p1", HUGE);
        var started = EventLimits.cut(event, CAP);
        var completed = EventLimits.cut(new PromptCompleted(HUGE), CAP);

        assertThat(started).isInstanceOf(Warning.class);
        assertThat(((Warning) started).promptId()).isEqualTo("p1");
        assertThat(((Warning) started).message())
                .isEqualTo("A 'prompt.started' event of %,d bytes was dropped: it does not fit in 262,144 bytes even"
                                .formatted(bytesOf(event))
                        + " with its texts cut.");
        assertThat(completed.promptId()).as("a huge prompt id is not kept").isNull();
    }

    @Test
    void anEventUnderTheLimitIsReturnedUnchanged() {
        for (var event : List.<SessionEvent>of(
                new AssistantText("p", "part", "é".repeat(100_000)),
                new UserMessage("p", AUTHOR, "€".repeat(64_000), "m", "max"),
                new PromptCompleted("p"))) {
            assertThat(EventLimits.cut(event, CAP)).isSameAs(event);
        }
    }

    @Test
    void aPromptOfTheLargestAllowedLengthFitsWhole() {
        var prompt = new UserMessage("p", AUTHOR, "😀".repeat(32_000), "m", "max");
        var threeByte = new UserMessage("p", AUTHOR, "€".repeat(64_000), "m", "max");

        assertThat(EventLimits.cut(prompt, CAP)).isSameAs(prompt);
        assertThat(EventLimits.cut(threeByte, CAP)).isSameAs(threeByte);
    }

    @Test
    void aLongTextKeepsItsBeginningAndSaysExactlyHowMuchWasCut() {
        var text = "é€😀".repeat(1_000_000);
        var cut = (AssistantText) EventLimits.cut(new AssistantText("p", "part", text), CAP);

        var at = cut.text().indexOf("… [cut ");
        var kept = cut.text().substring(0, at);
        assertThat(text).startsWith(kept);
        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
        long removed = text.getBytes(StandardCharsets.UTF_8).length - kept.getBytes(StandardCharsets.UTF_8).length;
        assertThat(cut.text().substring(at)).isEqualTo(TextCut.marker(removed));
        assertThat(EventLimits.sizeOf(cut)).isBetween(CAP - 100L, (long) CAP);
        assertThat(cut.partId()).isEqualTo("part");
    }

    @Test
    void textsFullOfEscapedCharactersStillFit() {
        var cut = EventLimits.cut(new Warning("p", "\u0001\"\\\n".repeat(200_000)), CAP);

        assertThat(bytesOf(cut)).isLessThanOrEqualTo(CAP);
        assertThat(((Warning) cut).truncated()).isTrue();
    }

    @Test
    void aToolCallLosesItsLargestInputStringsFirstAndKeepsTheRest() {
        var input = EventCodec.mapper()
                .createObjectNode()
                .put("filePath", "src/A.java")
                .put("content", HUGE);
        input.putArray("lines").add("small").add(HUGE);
        var call = new ToolCall("p", "c", "write", ToolStatus.completed, input, "done", false, "Write A", null);

        var cut = (ToolCall) EventLimits.cut(call, CAP);

        assertThat(cut.input().get("filePath").asString()).isEqualTo("src/A.java");
        assertThat(cut.input().get("lines").get(0).asString()).isEqualTo("small");
        assertThat(cut.input().get("content").asString()).contains("… [cut ");
        assertThat(cut.input().get("lines").get(1).asString()).contains("… [cut ");
        assertThat(cut.output()).isEqualTo("done");
        assertThat(cut.outputTruncated()).isFalse();
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.title()).isEqualTo("Write A");
        assertThat(EventLimits.sizeOf(cut)).isLessThanOrEqualTo(CAP);
    }

    @Test
    void aToolCallWhoseOutputIsCutSaysSoInOutputTruncatedToo() {
        var call =
                new ToolCall("p", "c", "bash", ToolStatus.completed, null, HUGE, false, "t", HUGE.substring(0, 1000));

        var cut = (ToolCall) EventLimits.cut(call, CAP);

        assertThat(cut.outputTruncated()).isTrue();
        assertThat(cut.output()).endsWith(" bytes]");
        assertThat(cut.error()).as("the smaller text is kept").hasSize(1000);
    }

    @Test
    void aToolInputMadeOfManySmallValuesIsReplacedByAMarker() {
        var input = EventCodec.mapper().createObjectNode();
        for (int i = 0; i < 100_000; i++) {
            input.put("k" + i, i);
        }
        var call = new ToolCall("p", "c", "odd", ToolStatus.running, input, null, false, null, null);

        var cut = (ToolCall) EventLimits.cut(call, CAP);

        assertThat(cut.input().size()).isEqualTo(1);
        assertThat(cut.input().get(EventLimits.INPUT_MARKER_KEY).asString()).startsWith("… [cut ");
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.callId()).isEqualTo("c");
    }

    @Test
    void anUnknownKindWithAHugeTypeNameIsReplacedByAWarning() {
        var event = new UnknownEvent("x".repeat(CAP), EventCodec.mapper().createObjectNode());

        var cut = EventLimits.cut(event, CAP);

        assertThat(cut).isInstanceOf(Warning.class);
        assertThat(bytesOf(cut)).isLessThan(1024);
    }

    @Test
    void theSmallestLimitStillHoldsTheWarning() {
        for (var event : oversized()) {
            assertThat(bytesOf(EventLimits.cut(event, EventLimits.MIN_BYTES)))
                    .as(EventTypes.nameOf(event))
                    .isLessThanOrEqualTo(EventLimits.MIN_BYTES);
        }
    }

    @Test
    void aCutEventReadsBackAsItself() {
        for (var event : oversized()) {
            var cut = EventLimits.cut(event, CAP);
            var json = (ObjectNode)
                    EventCodec.mapper().readTree(EventCodec.mapper().writeValueAsString(EventCodec.toJson(cut)));

            assertThat(EventCodec.fromJson(json)).as(EventTypes.nameOf(event)).isEqualTo(cut);
        }
    }

    @Test
    void sizeIsTheBytesOfTheEventsJson() {
        for (var event : List.<SessionEvent>of(
                new PromptCompleted("p"),
                new AssistantText("p", "part", "é😀\n\""),
                new UnknownEvent("thing", EventCodec.mapper().createObjectNode()))) {
            assertThat(EventLimits.sizeOf(event)).isEqualTo(bytesOf(event));
        }
    }

    @Test
    void refusesALimitTooSmallForTheWarning() {
        assertThatThrownBy(() -> EventLimits.cut(new PromptCompleted("p"), 1023))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1024");
    }

    @Test
    void cutsAPlainTextToItsLimitInBytes() {
        var cut = EventLimits.cutText("€".repeat(1000), 100);

        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(100);
        assertThat(cut).startsWith("€").endsWith(" bytes]");
        assertThat(EventLimits.cutText("fits", 100)).isEqualTo("fits");
    }

    private static long bytesOf(SessionEvent event) {
        return EventCodec.mapper().writeValueAsString(EventCodec.toJson(event)).getBytes(StandardCharsets.UTF_8).length;
    }
}

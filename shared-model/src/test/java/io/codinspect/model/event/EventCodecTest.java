package io.codinspect.model.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    @Test
    void writesKnownEventsFlatWithTheirTypeAndReadsThemBack() {
        var event = new StepFinished("p1", "stop", new Tokens(10, 6, 4, 0, 0, 0), new BigDecimal("0.0012"));

        var json = EventCodec.toJson(event);

        assertThat(json.get("type").asString()).isEqualTo("step.finished");
        assertThat(json.get("tokens").get("input").asLong()).isEqualTo(6);
        assertThat(EventCodec.fromJson(json)).isEqualTo(event);
    }

    @Test
    void leavesNullFieldsOut() {
        var json = EventCodec.toJson(new Warning(null, "careful"));

        assertThat(json.has("promptId")).isFalse();
        assertThat(json.get("message").asString()).isEqualTo("careful");
    }

    @Test
    void keepsUnknownKindsWholeInsteadOfDroppingThem() {
        var json = (tools.jackson.databind.node.ObjectNode)
                EventCodec.mapper().readTree("{\"type\":\"browser.screenshot\",\"promptId\":\"p9\",\"url\":\"x\"}");

        var event = EventCodec.fromJson(json);

        assertThat(event).isInstanceOf(UnknownEvent.class);
        assertThat(event.promptId()).isEqualTo("p9");
        assertThat(EventTypes.nameOf(event)).isEqualTo("browser.screenshot");
        assertThat(EventCodec.toJson(event)).isEqualTo(json);
    }

    @Test
    void ignoresFieldsANewerSandboxAddsToKnownKinds() {
        var json = EventCodec.mapper().readTree("{\"type\":\"warning\",\"message\":\"m\",\"severity\":3}");

        assertThat(EventCodec.fromJson(json)).isEqualTo(new Warning(null, "m"));
    }

    @Test
    void rejectsEventsWithoutAType() {
        var json = EventCodec.mapper().readTree("{\"message\":\"m\"}");

        assertThatThrownBy(() -> EventCodec.fromJson(json))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("type");
    }

    @Test
    void rejectsKnownKindsWithFieldsOfTheWrongShape() {
        var json = EventCodec.mapper().readTree("{\"type\":\"step.finished\",\"tokens\":\"many\"}");

        assertThatThrownBy(() -> EventCodec.fromJson(json)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void truncatesToolOutputToTheLimitAndSaysSo() {
        var call = new ToolCall("p", "c", "bash", ToolStatus.completed, null, "abcdef", false, "t", null);

        assertThat(call.outputLimitedTo(3).output()).isEqualTo("abc");
        assertThat(call.outputLimitedTo(3).outputTruncated()).isTrue();
        assertThat(call.outputLimitedTo(10)).isSameAs(call);
    }

    @Test
    void cuttingToolOutputToTheLimitNeverSplitsASurrogatePair() {
        var call = new ToolCall("p", "c", "bash", ToolStatus.completed, null, "ab😀cd", false, "t", null);

        assertThat(call.outputLimitedTo(3).output()).isEqualTo("ab");
    }

    @Test
    void eventsThatWereNotCutAreWrittenAsBeforeAndOldEventsReadAsNotCut() {
        var json = EventCodec.toJson(new AssistantText("p", "part", "hi"));

        assertThat(json.has("truncated")).isFalse();
        var old = EventCodec.mapper().readTree("{\"type\":\"warning\",\"message\":\"m\"}");
        assertThat(EventCodec.fromJson(old)).isEqualTo(new Warning(null, "m", false));
        var cut = EventCodec.mapper().readTree("{\"type\":\"warning\",\"message\":\"m\",\"truncated\":true}");
        assertThat(((Warning) EventCodec.fromJson(cut)).truncated()).isTrue();
        assertThat(EventCodec.toJson(new Warning(null, "m", true))
                        .get("truncated")
                        .asBoolean())
                .isTrue();
    }
}

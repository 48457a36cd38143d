package io.codinspect.model.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextCutTest {

    @Test
    void countsEveryCharacterAsTheEventCodecWritesIt() {
        for (char c = 0; c < Character.MIN_SURROGATE; c++) {
            assertJsonLengthMatchesCodec(String.valueOf(c));
        }
        for (char c = Character.MAX_SURROGATE + 1; c != 0; c++) {
            assertJsonLengthMatchesCodec(String.valueOf(c));
        }
        assertJsonLengthMatchesCodec("😀 a \"quoted\" \\ path/with/slashes\n\t\u0001\u007f\u2028");
    }

    @Test
    void countsSurrogatePairsAsFourBytesAndLoneSurrogatesAsNoFewerThanTheyTake() {
        assertThat(TextCut.utf8Length("😀")).isEqualTo(4);
        assertThat(TextCut.utf8Length("\ud83d")).isEqualTo(3);
        assertThat(TextCut.utf8Length("\ude00x")).isEqualTo(4);
        assertThat(TextCut.utf8Length("aé€😀")).isEqualTo("aé€😀".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void cutsNeverSplitACharacterAndStayWithinTheBudget() throws CharacterCodingException {
        var text = "aé€😀\"\n\u0001".repeat(300);
        for (int budget = 40; budget < 200; budget++) {
            for (boolean json : new boolean[] {true, false}) {
                var cut = TextCut.cut(text, budget, json);
                var kept = cut.substring(0, cut.indexOf("… [cut "));

                assertThat(json ? TextCut.jsonLength(cut) : TextCut.utf8Length(cut))
                        .as("budget %d", budget)
                        .isLessThanOrEqualTo(budget);
                assertThat(text).startsWith(kept);
                assertThat(kept).doesNotEndWith("\ud83d");
                strictUtf8(cut); // throws on a split surrogate pair
                long removed = TextCut.utf8Length(text) - TextCut.utf8Length(kept);
                assertThat(cut).endsWith(TextCut.marker(removed));
            }
        }
    }

    @Test
    void leavesATextThatFitsAsItIs() {
        var text = "short enough";

        assertThat(TextCut.cut(text, 100, true)).isSameAs(text);
    }

    @Test
    void marksHowManyBytesWereCutWithThousandsSeparators() {
        assertThat(TextCut.marker(5_901_234)).isEqualTo("… [cut 5,901,234 bytes]");
    }

    private static void assertJsonLengthMatchesCodec(String text) {
        var written = EventCodec.mapper().writeValueAsString(text);
        assertThat(TextCut.jsonLength(text))
                .as("U+%04X", (int) text.charAt(0))
                .isEqualTo(written.getBytes(StandardCharsets.UTF_8).length - 2);
    }

    private static ByteBuffer strictUtf8(String text) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(text));
    }
}

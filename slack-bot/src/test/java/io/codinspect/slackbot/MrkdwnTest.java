package io.codinspect.slackbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MrkdwnTest {

    @Test
    void boldBecomesSingleAsterisks() {
        assertThat(Mrkdwn.fromMarkdown("I fixed the **flaky** date test.")).isEqualTo("I fixed the *flaky* date test.");
        assertThat(Mrkdwn.fromMarkdown("a __b__ c")).isEqualTo("a *b* c");
    }

    @Test
    void italicBecomesUnderscoresButSnakeCaseIsLeftAlone() {
        assertThat(Mrkdwn.fromMarkdown("*one* and _two_")).isEqualTo("_one_ and _two_");
        assertThat(Mrkdwn.fromMarkdown("call my_snake_case_name now")).isEqualTo("call my_snake_case_name now");
        assertThat(Mrkdwn.fromMarkdown("2 * 3 * 4")).isEqualTo("2 * 3 * 4");
        assertThat(Mrkdwn.fromMarkdown("*see **this** now*")).isEqualTo("_see *this* now_");
    }

    @Test
    void strikethroughBecomesSingleTilde() {
        assertThat(Mrkdwn.fromMarkdown("~~old~~ new")).isEqualTo("~old~ new");
    }

    @Test
    void linksImagesAndAutolinksBecomeSlackLinks() {
        assertThat(Mrkdwn.fromMarkdown("see [the PR](https://x.io/pr/1?a=1&b=2) **now**"))
                .isEqualTo("see <https://x.io/pr/1?a=1&b=2|the PR> *now*");
        assertThat(Mrkdwn.fromMarkdown("![diagram](https://x.io/d.png)")).isEqualTo("<https://x.io/d.png|diagram>");
        assertThat(Mrkdwn.fromMarkdown("go to <https://x.io/a_b_c>")).isEqualTo("go to <https://x.io/a_b_c>");
    }

    @Test
    void onlyWebAndMailLinksBecomeLinksSoTheAgentCannotMentionPeople() {
        assertThat(Mrkdwn.fromMarkdown("[everyone](!here) [boss](@U0BOSS) [room](#C1) [x](javascript:alert(1))"))
                .isEqualTo("everyone boss room x");
        assertThat(Mrkdwn.fromMarkdown("<slack://channel?id=C1> <mailto:a@acme.com>"))
                .isEqualTo("&lt;slack://channel?id=C1&gt; <mailto:a@acme.com>");
    }

    @Test
    void ampersandAndAngleBracketsAreEscapedInText() {
        assertThat(Mrkdwn.fromMarkdown("if a < b && c > d then <!here> <b>"))
                .isEqualTo("if a &lt; b &amp;&amp; c &gt; d then &lt;!here&gt; &lt;b&gt;");
    }

    @Test
    void headingsOfAnyLevelBecomeBoldLines() {
        assertThat(Mrkdwn.fromMarkdown("# Summary\ntext\n### Details ###")).isEqualTo("*Summary*\ntext\n*Details*");
    }

    @Test
    void bulletMarkersBecomeBulletsKeepingIndentationAndInlineFormatting() {
        assertThat(Mrkdwn.fromMarkdown("- **Fix**: the test\n  * nested _item_\n+ plus"))
                .isEqualTo("• *Fix*: the test\n  • nested _item_\n• plus");
    }

    @Test
    void orderedListsAndBlockquotesAreKept() {
        assertThat(Mrkdwn.fromMarkdown("1. first **one**\n2. second\n\n> quoted **text** & more"))
                .isEqualTo("1. first *one*\n2. second\n\n> quoted *text* &amp; more");
    }

    @Test
    void inlineCodeIsNotConvertedButEscaped() {
        assertThat(Mrkdwn.fromMarkdown("run `**x** && [a](b)` then **y**"))
                .isEqualTo("run `**x** &amp;&amp; [a](b)` then *y*");
    }

    @Test
    void fencedCodeBlocksAreKeptVerbatimWithoutLanguageTag() {
        String markdown =
                "Before\n```java\nif (a < b && **c**) {}\n- not a bullet\n```\n~~~\n# not a heading\n~~~\nAfter";
        assertThat(Mrkdwn.fromMarkdown(markdown))
                .isEqualTo(
                        "Before\n```\nif (a &lt; b &amp;&amp; **c**) {}\n- not a bullet\n```\n```\n# not a heading\n```\n"
                                + "After");
    }

    @Test
    void horizontalRulesBecomeALine() {
        assertThat(Mrkdwn.fromMarkdown("a\n\n---\n\nb\n***")).isEqualTo("a\n\n──────────\n\nb\n──────────");
    }

    @Test
    void tablesBecomeAlignedCodeBlocks() {
        String markdown = "Results:\n| Test | Status |\n|---|:---:|\n| DateTest | **ok** |\n| A | <fail> |\nDone";
        assertThat(Mrkdwn.fromMarkdown(markdown))
                .isEqualTo(String.join(
                        "\n",
                        "Results:",
                        "```",
                        "| Test     | Status |",
                        "| -------- | ------ |",
                        "| DateTest | **ok** |",
                        "| A        | &lt;fail&gt; |",
                        "```",
                        "Done"));
    }

    @Test
    void nullOrBlankInputGivesNothing() {
        assertThat(Mrkdwn.fromMarkdown(null)).isEmpty();
        assertThat(Mrkdwn.split(null, 2900)).isEmpty();
        assertThat(Mrkdwn.split(" \n\n ", 2900)).isEmpty();
        assertThat(Mrkdwn.split("short", 2900)).containsExactly("short");
    }

    @Test
    void splitPrefersParagraphBoundaries() {
        String first = "first line\nof paragraph one";
        String second = "paragraph two is here";
        assertThat(Mrkdwn.split(first + "\n\n" + second, 40)).containsExactly(first, second);
    }

    @Test
    void longParagraphIsSplitAtSpacesWithEveryChunkWithinLimit() {
        String text = "word ".repeat(200).strip();
        List<String> chunks = Mrkdwn.split(text, 50);
        assertThat(chunks).hasSizeGreaterThan(1).allSatisfy(chunk -> {
            assertThat(chunk).hasSizeLessThanOrEqualTo(50).isNotBlank();
            assertThat(chunk).matches("word( word)*");
        });
    }

    @Test
    void wordLongerThanLimitIsCutHard() {
        assertThat(Mrkdwn.split("x".repeat(45), 20)).containsExactly("x".repeat(20), "x".repeat(20), "x".repeat(5));
    }

    @Test
    void codeBlockSplitAcrossChunksKeepsFencesBalanced() {
        StringBuilder code = new StringBuilder("Intro\n```\n");
        for (int i = 0; i < 40; i++) {
            code.append("line ").append(i).append(" of code\n");
        }
        String text = code.append("```\nOutro").toString();
        List<String> chunks = Mrkdwn.split(text, 120);
        assertThat(chunks).hasSizeGreaterThan(3).allSatisfy(chunk -> {
            assertThat(chunk.length()).isLessThanOrEqualTo(120);
            assertThat(chunk.split("```", -1).length % 2)
                    .as("balanced fences in %s", chunk)
                    .isEqualTo(1);
        });
        assertThat(chunks.get(1)).startsWith("```\nline");
    }

    @Test
    void joiningChunksLosesNoNonWhitespaceCharacters() {
        String markdown = "# Report\n\nI fixed the **flaky** date test in `DateTest` & more. ".repeat(20)
                + "\n```java\n" + "int x = 1; // a < b\n".repeat(60) + "```\n\n- done\n- " + "y".repeat(500);
        String text = Mrkdwn.fromMarkdown(markdown);
        List<String> chunks = Mrkdwn.split(text, 300);
        assertThat(chunks)
                .allSatisfy(
                        chunk -> assertThat(chunk).hasSizeLessThanOrEqualTo(300).isNotBlank());
        assertThat(squash(String.join("", chunks))).isEqualTo(squash(text));
    }

    private static String squash(String text) {
        return text.replace("```", "").replaceAll("\\s+", "");
    }
}

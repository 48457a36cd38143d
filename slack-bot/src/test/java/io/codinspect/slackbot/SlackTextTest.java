package io.codinspect.slackbot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackTextTest {

    @Test
    void theBotsMentionIsDroppedAndOthersMentionsKept() {
        assertThat(SlackText.plain("<@UBOT> ask <@U0ADA> about it", "UBOT")).isEqualTo("ask @U0ADA about it");
    }

    @Test
    void linksBecomeTheirUrlAndChannelsTheirName() {
        assertThat(SlackText.plain("fix <https://github.com/acme/api|acme/api> see <#C1|dev>", "UBOT"))
                .isEqualTo("fix https://github.com/acme/api see #dev");
    }

    @Test
    void slacksEscapesAreUndoneOnce() {
        assertThat(SlackText.plain("a &lt;b&gt; &amp;amp; <!here>", "UBOT")).isEqualTo("a <b> &amp; @here");
    }

    @Test
    void nothingGivesEmptyWords() {
        assertThat(SlackText.plain(null, "UBOT")).isEmpty();
        assertThat(SlackText.plain("<@UBOT>", "UBOT")).isEmpty();
    }
}

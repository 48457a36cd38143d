package io.codinspect.model.event;

import java.util.Locale;

/**
 * Sizes and cuts of text, counted in UTF-8 bytes either as the text itself or as it is written
 * inside a JSON string by {@link EventCodec} (escapes included, quotes not). Cuts fall between code
 * points only, so a surrogate pair is never split and no UTF-8 sequence is broken.
 */
final class TextCut {

    private TextCut() {}

    /** UTF-8 bytes of the text; an unpaired surrogate counts as 3 (never fewer than it takes). */
    static long utf8Length(CharSequence text) {
        return length(text, false);
    }

    /** UTF-8 bytes of the text written inside a JSON string, without the quotes. */
    static long jsonLength(CharSequence text) {
        return length(text, true);
    }

    /** The marker that ends a text of which {@code bytes} UTF-8 bytes were cut. */
    static String marker(long bytes) {
        return String.format(Locale.ROOT, "… [cut %,d bytes]", bytes);
    }

    /**
     * The text cut so that it and its marker take at most {@code budget} bytes (as JSON when
     * {@code json}); the text itself when it already fits. Gives just the marker when nothing of the
     * text fits beside it, which may then be longer than the budget.
     */
    static String cut(String text, long budget, boolean json) {
        long length = length(text, json);
        if (length <= budget) {
            return text;
        }
        long original = utf8Length(text);
        long room = budget - length(marker(original), json); // the marker never grows as less is cut
        int end = room <= 0 ? 0 : prefixEnd(text, room, json);
        return text.substring(0, end) + marker(original - utf8Length(text.subSequence(0, end)));
    }

    /** The end of the longest prefix of the text taking at most {@code budget} bytes. */
    static int prefixEnd(String text, long budget, boolean json) {
        long used = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            int cost = pair ? 4 : cost(c, json);
            if (used + cost > budget) {
                break;
            }
            used += cost;
            i += pair ? 2 : 1;
        }
        return i;
    }

    private static long length(CharSequence text, boolean json) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += cost(c, json);
            }
        }
        return n;
    }

    /** Bytes of one char that is not half of a surrogate pair. */
    private static int cost(char c, boolean json) {
        if (json && c < 0x20) {
            return c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r' ? 2 : 6; // \n or \u0001
        }
        if (json && (c == '"' || c == '\\')) {
            return 2;
        }
        if (c < 0x80) {
            return 1;
        }
        return c < 0x800 ? 2 : 3;
    }
}

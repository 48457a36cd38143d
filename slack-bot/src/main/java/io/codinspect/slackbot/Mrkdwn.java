package io.codinspect.slackbot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the agent's Markdown (CommonMark/GFM as LLMs write it) into Slack mrkdwn and splits the result into chunks that
 * fit into Block Kit {@code section} blocks.
 */
final class Mrkdwn {
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}(?:\\s+(.*?))?(?:\\s+#+)?\\s*$");
    private static final Pattern RULE = Pattern.compile("^ {0,3}(?:(?:-\\s*){3,}|(?:\\*\\s*){3,}|(?:_\\s*){3,})$");
    private static final Pattern QUOTE = Pattern.compile("^ {0,3}> ?(.*)$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+]\\s+(.*)$");
    private static final Pattern TABLE_DELIMITER =
            Pattern.compile("^\\s*\\|?(?:\\s*:?-+:?\\s*\\|)+(?:\\s*:?-+:?\\s*)?$");
    private static final String CODE = "```";
    private static final String RULE_LINE = "──────────";

    private Mrkdwn() {}

    /** Converts Markdown to Slack mrkdwn; {@code null} gives an empty string. */
    static String fromMarkdown(String markdown) {
        String[] lines =
                (markdown == null ? "" : markdown).replace("\r\n", "\n").split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            Matcher fence = FENCE.matcher(lines[i]);
            if (fence.matches()
                    && !(fence.group(1).startsWith("`") && fence.group(2).contains("`"))) {
                out.append(CODE).append('\n');
                while (++i < lines.length && !closesFence(lines[i], fence.group(1))) {
                    out.append(escape(lines[i])).append('\n');
                }
                out.append(CODE).append('\n');
            } else if (i + 1 < lines.length
                    && lines[i].contains("|")
                    && TABLE_DELIMITER.matcher(lines[i + 1]).matches()) {
                int end = i + 2;
                while (end < lines.length && lines[end].contains("|")) {
                    end++;
                }
                out.append(table(Arrays.asList(lines).subList(i, end)));
                i = end - 1;
            } else {
                out.append(line(lines[i])).append('\n');
            }
        }
        return out.toString().strip();
    }

    /**
     * Splits mrkdwn into non-empty chunks of at most {@code limit} characters, cutting at blank lines, then line
     * breaks, then spaces, hard as a last resort. A code block cut in two is closed and reopened around the cut;
     * {@code null} or blank text gives no chunks.
     */
    static List<String> split(String mrkdwn, int limit) {
        if (limit < 16) {
            throw new IllegalArgumentException("limit too small: " + limit);
        }
        List<String> chunks = new ArrayList<>();
        String rest = mrkdwn == null ? "" : mrkdwn.strip();
        boolean inCode = false;
        while (!rest.isEmpty()) {
            String prefix = inCode ? CODE + "\n" : "";
            int budget = limit - prefix.length();
            if (rest.length() <= budget) {
                chunks.add(prefix + rest);
                break;
            }
            int cut = cutPoint(rest, budget);
            boolean endsInCode = inCodeAfter(inCode, rest.substring(0, cut));
            if (endsInCode) { // leave room for the closing fence
                cut = cutPoint(rest, budget - CODE.length() - 1);
                endsInCode = inCodeAfter(inCode, rest.substring(0, cut));
            }
            String piece = rest.substring(0, cut).stripTrailing();
            if (!piece.isBlank()) {
                chunks.add(prefix + piece + (endsInCode ? "\n" + CODE : ""));
            }
            rest = dropSeparator(rest.substring(cut));
            if (endsInCode && (rest.equals(CODE) || rest.startsWith(CODE + "\n"))) {
                rest = dropSeparator(rest.substring(CODE.length())); // the added fence already closed the block
                endsInCode = false;
            }
            inCode = endsInCode;
        }
        return chunks;
    }

    private static int cutPoint(String text, int budget) {
        for (String separator : List.of("\n\n", "\n", " ")) {
            int cut = text.lastIndexOf(separator, budget);
            if (cut > 0) {
                return cut;
            }
        }
        return Character.isHighSurrogate(text.charAt(budget - 1)) ? budget - 1 : budget;
    }

    private static String dropSeparator(String text) {
        return text.replaceFirst("^(\n+| )", "");
    }

    /** Whether text starting inside (or outside) a code block ends inside one; a one-line ```x``` does not count. */
    private static boolean inCodeAfter(boolean inCode, String text) {
        long fences = text.lines()
                .map(String::strip)
                .filter(t -> t.startsWith(CODE) && !(t.length() > 6 && t.endsWith(CODE)))
                .count();
        return inCode ^ (fences % 2 == 1);
    }

    private static boolean closesFence(String line, String open) {
        String t = line.strip();
        return t.length() >= open.length() && t.chars().allMatch(c -> c == open.charAt(0));
    }

    private static String line(String s) {
        Matcher m;
        if ((m = HEADING.matcher(s)).matches()) {
            String title = m.group(1) == null ? "" : inline(m.group(1));
            return title.isEmpty() || (title.startsWith("*") && title.endsWith("*")) ? title : "*" + title + "*";
        }
        if (RULE.matcher(s).matches()) {
            return RULE_LINE;
        }
        if ((m = QUOTE.matcher(s)).matches()) {
            return ("> " + line(m.group(1))).stripTrailing();
        }
        if ((m = BULLET.matcher(s)).matches()) {
            return m.group(1) + "• " + inline(m.group(2));
        }
        return inline(s);
    }

    /** Converts inline markup of one line with a small left-to-right scanner. */
    private static String inline(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int next = -1;
            if (c == '\\' && i + 1 < s.length() && "\\`*_{}[]()#+-.!|~<>".indexOf(s.charAt(i + 1)) >= 0) {
                out.append(escape(s.substring(i + 1, i + 2)));
                next = i + 2;
            } else if (c == '`') {
                int run = run(s, i, '`');
                int end = s.indexOf("`".repeat(run), i + run);
                String code = end < 0 ? null : s.substring(i + run, end);
                out.append(end < 0 ? s.substring(i, i + run) : "`" + escape(run > 1 ? code.strip() : code) + "`");
                next = end < 0 ? i + run : end + run;
            } else if (c == '[' || (c == '!' && s.startsWith("[", i + 1))) {
                next = link(s, i, out);
            } else if (c == '<') {
                int end = s.indexOf('>', i);
                String url = end < 0 ? "" : s.substring(i + 1, end);
                if (linkable(url) && url.matches("[^\\s<>]+")) {
                    out.append('<').append(url.replace("|", "%7C")).append('>');
                    next = end + 1;
                }
            } else if (c == '*' || c == '_' || c == '~') {
                next = emphasis(s, i, out);
            }
            if (next < 0) {
                out.append(escape(String.valueOf(c)));
                next = i + 1;
            }
            i = next;
        }
        return out.toString();
    }

    private static int link(String s, int i, StringBuilder out) {
        boolean image = s.charAt(i) == '!';
        int open = image ? i + 1 : i;
        int close = matching(s, open, '[', ']');
        int end = close < 0 || !s.startsWith("(", close + 1) ? -1 : matching(s, close + 1, '(', ')');
        if (end < 0) {
            return -1;
        }
        String target = s.substring(close + 2, end).strip().split("\\s+")[0]; // drops an optional "title"
        String label = image ? escape(s.substring(open + 1, close)) : inline(s.substring(open + 1, close));
        if (target.isEmpty() || !linkable(target)) {
            out.append(label); // only web and mail links: Slack reads <!here>, <@U1>, <#C1> as mentions
        } else {
            String url = target.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E");
            out.append('<')
                    .append(url)
                    .append(label.isEmpty() ? "" : "|" + label)
                    .append('>');
        }
        return end + 1;
    }

    /** Converts an emphasis run at {@code i}; an unmatched run is copied literally. */
    private static int emphasis(String s, int i, StringBuilder out) {
        char c = s.charAt(i);
        int n = run(s, i, c);
        boolean opens = n <= 3
                && (c != '~' || n == 2)
                && i + n < s.length()
                && !Character.isWhitespace(s.charAt(i + n))
                && !(c == '_' && i > 0 && Character.isLetterOrDigit(s.charAt(i - 1)));
        int close = opens ? closer(s, i + n, c, n) : -1;
        if (close < 0) {
            out.append(s, i, i + n);
            return i + n;
        }
        String inner = inline(s.substring(i + n, close));
        String mark = c == '~' ? "~" : n == 1 ? "_" : n == 2 ? "*" : "*_";
        out.append(mark).append(inner).append(new StringBuilder(mark).reverse());
        return close + n;
    }

    /** Finds the closing run of at least {@code n} {@code c}s, skipping code spans and nested openers. */
    private static int closer(String s, int from, char c, int n) {
        for (int j = from; j < s.length(); j++) {
            char ch = s.charAt(j);
            if (ch == '\\') {
                j++;
            } else if (ch == '`') {
                int r = run(s, j, '`');
                int end = s.indexOf("`".repeat(r), j + r);
                j = end < 0 ? j + r - 1 : end + r - 1;
            } else if (ch == c) {
                int r = run(s, j, c);
                boolean before = Character.isWhitespace(s.charAt(j - 1));
                boolean after = j + r < s.length() && !Character.isWhitespace(s.charAt(j + r));
                if (before && after) { // a nested opener: skip past its own closer
                    int inner = closer(s, j + r, c, r);
                    j = inner < 0 ? j + r - 1 : inner + r - 1;
                } else if (!before && r >= n && !(c == '_' && after && Character.isLetterOrDigit(s.charAt(j + r)))) {
                    return j;
                } else {
                    j += r - 1;
                }
            }
        }
        return -1;
    }

    private static int matching(String s, int open, char o, char c) {
        int depth = 0;
        for (int j = open; j < s.length(); j++) {
            char ch = s.charAt(j);
            if (ch == '\\') {
                j++;
            } else if (ch == o) {
                depth++;
            } else if (ch == c && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    /** Renders a GFM table as a code block with padded columns. */
    private static String table(List<String> lines) {
        List<String[]> rows = lines.stream().map(Mrkdwn::cells).toList();
        int[] widths = new int[rows.stream().mapToInt(row -> row.length).max().orElse(0)];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).length && r != 1; c++) {
                widths[c] = Math.max(widths[c], rows.get(r)[c].length());
            }
        }
        StringBuilder out = new StringBuilder(CODE + "\n");
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder("|");
            for (int c = 0; c < widths.length; c++) {
                String cell = r == 1 ? "-".repeat(widths[c]) : c < rows.get(r).length ? rows.get(r)[c] : "";
                line.append(' ')
                        .append(cell)
                        .append(" ".repeat(widths[c] - cell.length()))
                        .append(" |");
            }
            out.append(escape(line.toString())).append('\n');
        }
        return out.append(CODE + "\n").toString();
    }

    private static String[] cells(String line) {
        String row = line.strip().replaceAll("^\\|", "").replaceAll("(?<!\\\\)\\|$", "");
        return Arrays.stream(row.split("(?<!\\\\)\\|", -1))
                .map(cell -> cell.strip().replace("\\|", "|"))
                .toArray(String[]::new);
    }

    private static int run(String s, int i, char c) {
        int j = i;
        while (j < s.length() && s.charAt(j) == c) {
            j++;
        }
        return j - i;
    }

    /** Whether {@code target} may become a link: http(s) and mailto only, never a Slack special. */
    private static boolean linkable(String target) {
        var lower = target.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:");
    }

    /** Escapes the three characters Slack's mrkdwn gives a meaning ({@code & < >}). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

package io.codinspect.supervisor.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a program's output line by line, each line cut at {@link #MAX_CHARS} characters (the rest
 * of a longer line is skipped and the cut marked), so that a program printing without newlines
 * cannot make its reader hold more than one bounded line.
 */
final class BoundedLines {

    static final int MAX_CHARS = 8192;
    static final String CUT = " […]";

    private BoundedLines() {}

    /** Hands every line of {@code in} (UTF-8) to {@code line} until the end of the stream. */
    static void read(InputStream in, Consumer<String> line) throws IOException {
        read(new InputStreamReader(in, StandardCharsets.UTF_8), line);
    }

    static void read(Reader reader, Consumer<String> line) throws IOException {
        var current = new StringBuilder();
        var cut = false;
        var buffer = new char[4096];
        int n;
        while ((n = reader.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                var c = buffer[i];
                if (c == '\n') {
                    emit(current, cut, line);
                    current.setLength(0);
                    cut = false;
                } else if (current.length() < MAX_CHARS) {
                    current.append(c);
                } else {
                    cut = true;
                }
            }
        }
        if (!current.isEmpty() || cut) {
            emit(current, cut, line);
        }
    }

    private static void emit(StringBuilder current, boolean cut, Consumer<String> line) {
        var length = current.length();
        if (!cut && length > 0 && current.charAt(length - 1) == '\r') {
            current.setLength(length - 1);
        }
        line.accept(cut ? current + CUT : current.toString());
    }
}

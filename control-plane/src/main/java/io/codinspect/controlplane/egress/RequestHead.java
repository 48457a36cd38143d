package io.codinspect.controlplane.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A proxy request's line and headers, read with bounds: at most {@code maxBytes} in all (so each
 * line too) and {@link #MAX_HEADERS} headers, before a deadline. Nothing of the body is read.
 */
record RequestHead(String method, String target, String version, List<Header> headers) {

    record Header(String name, String value) {}

    /** A request the proxy answers with {@code status} and {@code message} instead of serving it. */
    static final class Rejected extends Exception {
        private final int status;

        Rejected(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    static final int MAX_HEADERS = 100;

    RequestHead {
        headers = List.copyOf(headers);
    }

    /** The first value of a header, by its name in any case. */
    Optional<String> header(String name) {
        return headers.stream()
                .filter(h -> h.name().equalsIgnoreCase(name))
                .map(Header::value)
                .findFirst();
    }

    static RequestHead read(InputStream in, int maxBytes, long deadlineNanos) throws IOException, Rejected {
        var budget = new int[] {maxBytes};
        String requestLine;
        do { // empty lines before the request line are allowed (RFC 9112 2.2)
            requestLine = line(in, budget, deadlineNanos);
        } while (requestLine.isEmpty());
        var parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new Rejected(400, "The request line is not 'METHOD target HTTP/1.1'.");
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            throw new Rejected(505, "Only HTTP/1.0 and HTTP/1.1 are spoken here.");
        }
        var headers = new ArrayList<Header>();
        for (var line = line(in, budget, deadlineNanos); !line.isEmpty(); line = line(in, budget, deadlineNanos)) {
            var colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0)) || headers.size() >= MAX_HEADERS) {
                throw new Rejected(400, "A header is malformed, folded, or one too many.");
            }
            headers.add(new Header(
                    line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
        }
        return new RequestHead(parts[0].toUpperCase(Locale.ROOT), parts[1], parts[2], headers);
    }

    /** One line without its CR LF; what is read counts against {@code budget}. */
    private static String line(InputStream in, int[] budget, long deadlineNanos) throws IOException, Rejected {
        var bytes = new ByteArrayOutputStream(128);
        while (true) {
            if (System.nanoTime() > deadlineNanos) {
                throw new Rejected(408, "The request's headers took too long.");
            }
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("the client closed the connection");
            }
            if (--budget[0] < 0) {
                throw new Rejected(431, "The request's headers are too large.");
            }
            if (b == '\n') {
                var text = bytes.toString(StandardCharsets.ISO_8859_1);
                text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                if (text.indexOf('\r') >= 0 || text.indexOf(0) >= 0) {
                    throw new Rejected(400, "A line of the request has a stray CR or NUL.");
                }
                return text;
            }
            bytes.write(b);
        }
    }
}

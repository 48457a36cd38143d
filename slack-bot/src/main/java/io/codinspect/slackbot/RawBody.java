package io.codinspect.slackbot;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A request's body exactly as it came, read from the servlet's stream with a bound. Not Spring's
 * {@code @RequestBody byte[]}: for a form post Spring rebuilds the body from the parsed parameters,
 * and a signature over the rebuilt bytes need not match the one over the sent bytes.
 */
final class RawBody {

    /** A body over the bound: answered 413 without reading further. */
    static final class TooLarge extends Exception {
        TooLarge(int limit) {
            super("The body is over " + limit + " bytes.");
        }
    }

    private RawBody() {}

    static byte[] read(HttpServletRequest request, int limit) throws IOException, TooLarge {
        if (request.getContentLengthLong() > limit) {
            throw new TooLarge(limit);
        }
        var out = new ByteArrayOutputStream();
        var buffer = new byte[8192];
        try (var in = request.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (out.size() + n > limit) {
                    throw new TooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }
}

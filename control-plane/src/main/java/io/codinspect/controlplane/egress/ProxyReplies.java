package io.codinspect.controlplane.egress;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** The proxy's own answers (short text bodies, the connection then closed) and its credential header. */
final class ProxyReplies {

    static final String REALM = "codinspect-egress";

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"),
            Map.entry(403, "Forbidden"),
            Map.entry(407, "Proxy Authentication Required"),
            Map.entry(408, "Request Timeout"),
            Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"),
            Map.entry(505, "HTTP Version Not Supported"));

    private ProxyReplies() {}

    static void established(OutputStream out) throws IOException {
        out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static void unauthenticated(OutputStream out) throws IOException {
        error(
                out,
                407,
                "Proxy-Authenticate: Basic realm=\"" + REALM + "\"\r\n",
                "The egress proxy needs a live sandbox's agent token: use the HTTPS_PROXY of the sandbox.");
    }

    static void error(OutputStream out, int status, String message) throws IOException {
        error(out, status, "", message);
    }

    private static void error(OutputStream out, int status, String extraHeaders, String message) throws IOException {
        var body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        var head = "HTTP/1.1 " + status + " " + REASONS.getOrDefault(status, "Error") + "\r\n"
                + extraHeaders
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** The password of a {@code Proxy-Authorization: Basic} header (the user name is not checked). */
    static Optional<String> password(Optional<String> header) {
        return header.filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6)).flatMap(h -> {
            try {
                var decoded =
                        new String(Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
                var colon = decoded.indexOf(':');
                return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}

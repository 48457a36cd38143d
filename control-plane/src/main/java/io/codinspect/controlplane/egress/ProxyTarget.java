package io.codinspect.controlplane.egress;

import io.codinspect.controlplane.egress.RequestHead.Rejected;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Where a proxy request goes: {@code CONNECT host:port} (a tunnel), or an absolute-form plain-HTTP
 * request ({@code GET http://host/path}), which is sent on with its origin-form line, the URL's
 * host as its {@code Host}, no proxy or hop-by-hop headers and {@code Connection: close}.
 */
record ProxyTarget(String host, int port, boolean tunnel, byte[] forwardedHead) {

    /** Headers that are the proxy's business, or this connection's, and never go on. */
    private static final Set<String> NOT_FORWARDED =
            Set.of("host", "proxy-authorization", "proxy-connection", "connection", "keep-alive", "te", "upgrade");

    /** {@code host:port} as people read it, IPv6 addresses in brackets. */
    String display() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    static ProxyTarget of(RequestHead head) throws Rejected {
        return head.method().equals("CONNECT") ? connect(head.target()) : forward(head);
    }

    private static ProxyTarget connect(String authority) throws Rejected {
        var colon = authority.lastIndexOf(':');
        if (colon <= 0 || colon == authority.length() - 1) {
            throw new Rejected(400, "CONNECT needs host:port.");
        }
        return new ProxyTarget(bare(authority.substring(0, colon)), port(authority.substring(colon + 1)), true, null);
    }

    private static ProxyTarget forward(RequestHead head) throws Rejected {
        URI uri;
        try {
            uri = new URI(head.target());
        } catch (URISyntaxException e) {
            throw new Rejected(400, "The request's target is not a URL.");
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new Rejected(400, "This is a proxy: send absolute URLs (GET http://host/path) or CONNECT host:port.");
        }
        if (!uri.getScheme().toLowerCase(Locale.ROOT).equals("http")) {
            throw new Rejected(400, "Only http:// URLs are forwarded; use CONNECT for " + uri.getScheme() + "://.");
        }
        if (uri.getHost() == null) {
            throw new Rejected(400, "The URL has no host.");
        }
        var host = bare(uri.getHost());
        var port = uri.getPort() < 0 ? 80 : uri.getPort();
        var path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        var out = new StringBuilder()
                .append(head.method())
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(uri.getHost())
                .append(uri.getPort() < 0 ? "" : ":" + uri.getPort())
                .append("\r\n");
        for (var header : head.headers()) {
            if (!NOT_FORWARDED.contains(header.name().toLowerCase(Locale.ROOT))) {
                out.append(header.name()).append(": ").append(header.value()).append("\r\n");
            }
        }
        out.append("Connection: close\r\n\r\n");
        return new ProxyTarget(host, port, false, out.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(String text) throws Rejected {
        try {
            var port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new Rejected(400, "The port is not 1-65535.");
    }
}

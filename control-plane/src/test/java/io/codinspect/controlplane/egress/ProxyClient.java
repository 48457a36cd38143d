package io.codinspect.controlplane.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A client of the egress proxy over a raw socket, as curl would talk to it. */
record ProxyClient(String host, int port, String token) {

    /** The client a sandbox's {@code HTTPS_PROXY} (http://sandbox:token@host:port) describes. */
    static ProxyClient of(String proxyUrl) {
        var uri = URI.create(proxyUrl);
        var userInfo = uri.getUserInfo();
        return new ProxyClient(uri.getHost(), uri.getPort(), userInfo.substring(userInfo.indexOf(':') + 1));
    }

    ProxyClient withToken(String other) {
        return new ProxyClient(host, port, other);
    }

    /** An open connection to the proxy, with the answer's head read after a request was sent. */
    record Exchange(Socket socket, String head) implements AutoCloseable {

        int status() {
            return Integer.parseInt(head.split(" ", 3)[1]);
        }

        /** Everything the proxy or the far side sends until the connection closes. */
        String rest() throws IOException {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    Exchange connect(String target) {
        return request("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n" + authorization() + "\r\n");
    }

    Exchange get(String url) {
        return request("GET " + url + " HTTP/1.1\r\nHost: ignored.example\r\n" + authorization()
                + "Accept: text/plain\r\n\r\n");
    }

    /** Sends {@code head} and reads the answer's head. */
    Exchange request(String head) {
        try {
            var socket = new Socket(host, port);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new Exchange(socket, readHead(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String authorization() {
        return token == null
                ? ""
                : "Proxy-Authorization: Basic "
                        + Base64.getEncoder().encodeToString(("sandbox:" + token).getBytes(StandardCharsets.UTF_8))
                        + "\r\n";
    }

    private static String readHead(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}

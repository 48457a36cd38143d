package io.codinspect.controlplane.github;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;

/** Signs the short-lived JWTs (RS256, nine minutes) a GitHub App authenticates with. */
final class AppJwt {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final long appId;
    private final PrivateKey key;
    private final Clock clock;

    AppJwt(long appId, String pem, Clock clock) {
        this.appId = appId;
        this.key = parse(pem);
        this.clock = clock;
    }

    String create() {
        var now = clock.instant().getEpochSecond();
        var header = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        var claims = URL.encodeToString("{\"iat\":%d,\"exp\":%d,\"iss\":\"%d\"}"
                .formatted(now - 60, now + 9 * 60, appId)
                .getBytes(StandardCharsets.UTF_8));
        try {
            var signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the GitHub App JWT", e);
        }
    }

    /** Reads a PKCS#8 ({@code PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}) PEM. */
    static PrivateKey parse(String pem) {
        var pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        var base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            var der = Base64.getDecoder().decode(base64);
            var spec = new PKCS8EncodedKeySpec(pkcs1 ? wrapPkcs1(der) : der);
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("codinspect.github.private-key is not an RSA private key in PEM form");
        }
    }

    /** PKCS#8 = SEQUENCE { INTEGER 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] algorithm = {
            0x30,
            0x0d,
            0x06,
            0x09,
            0x2a,
            (byte) 0x86,
            0x48,
            (byte) 0x86,
            (byte) 0xf7,
            0x0d,
            0x01,
            0x01,
            0x01,
            0x05,
            0x00
        };
        var body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algorithm);
        body.writeBytes(tag(0x04, pkcs1));
        return tag(0x30, body.toByteArray());
    }

    private static byte[] tag(int tag, byte[] content) {
        var out = new ByteArrayOutputStream();
        out.write(tag);
        var length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}

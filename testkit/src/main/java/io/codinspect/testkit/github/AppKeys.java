package io.codinspect.testkit.github;

import io.codinspect.testkit.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Base64;
import tools.jackson.databind.JsonNode;

/** The fake GitHub App's RSA key pair; it hands out the private key and checks app JWTs with the public one. */
final class AppKeys {

    private final KeyPair pair;

    AppKeys() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as GitHub hands it out: PKCS#8 PEM. */
    String privateKeyPem() {
        var base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** The claims of a valid RS256 JWT for {@code appId} that has not expired, or null. */
    JsonNode verify(String jwt, long appId) {
        var parts = jwt.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            var signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(pair.getPublic());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return null;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
        var claims = Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        var now = System.currentTimeMillis() / 1000;
        var issuer =
                claims.path("iss").asString(String.valueOf(claims.path("iss").asLong()));
        if (!issuer.equals(String.valueOf(appId)) || claims.path("exp").asLong() < now) {
            return null;
        }
        return claims;
    }
}

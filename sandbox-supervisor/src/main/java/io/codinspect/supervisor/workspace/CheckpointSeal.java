package io.codinspect.supervisor.workspace;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The proof that a checkpoint was made by one of its session's sandboxes: an HMAC-SHA256, under the
 * session's checkpoint key, of the session, the checkpoint's tree, its parent and its author, kept
 * as a trailer of the commit message. Whoever else can push to the checkpoint ref (another
 * session's agent on the same GitHub repository) has no key, so a commit they push there is not
 * restored; nor is a sealed checkpoint re-committed under another author or onto another parent.
 */
final class CheckpointSeal {

    static final String KEY = "CodInspect-Checkpoint";
    private static final String VERSION = "v1 ";

    private final byte[] key;
    private final String sessionId;

    CheckpointSeal(byte[] key, String sessionId) {
        this.key = key.clone();
        this.sessionId = sessionId;
    }

    boolean enabled() {
        return key.length > 0;
    }

    /** The trailer line for a checkpoint of {@code tree} on {@code parent} by {@code author} (a full ident line). */
    String trailer(String tree, String parent, String author) {
        return KEY + ": " + VERSION + HexFormat.of().formatHex(mac(tree, parent, author));
    }

    /** Whether one of a commit's {@link #KEY} trailer values seals exactly this tree, parent and author. */
    boolean verifies(List<String> values, String tree, String parent, String author) {
        var expected = mac(tree, parent, author);
        return values.stream()
                .map(String::trim)
                .filter(value -> value.startsWith(VERSION))
                .map(value -> value.substring(VERSION.length()).trim())
                .anyMatch(hex -> MessageDigest.isEqual(expected, parseHex(hex)));
    }

    private byte[] mac(String tree, String parent, String author) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            var content = String.join("\0", "codinspect-checkpoint-v1", sessionId, tree, parent, author);
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] parseHex(String hex) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}

package io.codinspect.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;

/**
 * Checks that a notification delivery comes from the control plane and reads it: the
 * {@code CodInspect-Signature} header must hold a {@code v1=} HMAC-SHA256 of
 * {@code timestamp + "." + body} under the subscription's secret (compared in constant time), and
 * {@code CodInspect-Timestamp} must be within {@link #TOLERANCE} of the clock either way. Several
 * signatures in the header, or several secrets here, let a secret rotate without refusing
 * deliveries in flight. Thread-safe.
 */
public final class NotificationVerifier {

    public static final String DELIVERY = "CodInspect-Delivery";
    public static final String TIMESTAMP = "CodInspect-Timestamp";
    public static final String SIGNATURE = "CodInspect-Signature";
    /** How far a delivery's timestamp may be from the clock, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}");
    private static final int MAX_SIGNATURES = 16;

    private final List<String> secrets;
    private final Clock clock;

    /** A verifier of deliveries signed with {@code secret} ({@code whsec_…}). */
    public NotificationVerifier(String secret, Clock clock) {
        this(List.of(Objects.requireNonNull(secret, "secret")), clock);
    }

    /** A verifier accepting a signature under any of {@code secrets}: the new and the old while rotating. */
    public NotificationVerifier(Collection<String> secrets, Clock clock) {
        if (secrets.isEmpty() || secrets.stream().anyMatch(s -> s == null || s.isEmpty())) {
            throw new IllegalArgumentException("at least one secret is required, none of them empty");
        }
        this.secrets = List.copyOf(secrets);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The {@code CodInspect-Signature} value of {@code body} sent at {@code timestamp} (unix seconds). */
    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Verifies and reads a delivery given its headers by a lookup (as a servlet's {@code getHeader}). */
    public Notification verify(Function<String, String> header, byte[] body) {
        var delivery = delivery(required(header, DELIVERY));
        var timestamp = timestamp(required(header, TIMESTAMP));
        checkSignature(required(header, SIGNATURE), timestamp, body);
        return read(body, delivery);
    }

    /** Verifies and reads a delivery given all its headers, whose names are matched ignoring case. */
    public Notification verify(Map<String, List<String>> headers, byte[] body) {
        return verify(
                name -> headers.entrySet().stream()
                        .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                        .flatMap(e -> e.getValue().stream())
                        .reduce((a, b) -> a + "," + b)
                        .orElse(null),
                body);
    }

    private static String required(Function<String, String> header, String name) {
        var value = header.apply(name);
        if (value == null || value.isBlank()) {
            throw new InvalidNotification("the " + name + " header is missing");
        }
        return value.trim();
    }

    private static UUID delivery(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidNotification("the " + DELIVERY + " header is not a UUID");
        }
    }

    private long timestamp(String value) {
        if (!SECONDS.matcher(value).matches()) {
            throw new InvalidNotification("the " + TIMESTAMP + " header is not unix seconds");
        }
        var sent = Long.parseLong(value);
        var now = clock.instant().getEpochSecond();
        if (sent < now - TOLERANCE.toSeconds()) {
            throw new InvalidNotification("the delivery is stale: sent " + (now - sent) + " s ago");
        }
        if (sent > now + TOLERANCE.toSeconds()) {
            throw new InvalidNotification("the delivery is from the future: " + (sent - now) + " s ahead");
        }
        return sent;
    }

    private void checkSignature(String header, long timestamp, byte[] body) {
        var offered = SEPARATORS
                .splitAsStream(header)
                .filter(s -> s.startsWith("v1="))
                .map(s -> s.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))
                .limit(MAX_SIGNATURES)
                .toList();
        if (offered.isEmpty()) {
            throw new InvalidNotification("the " + SIGNATURE + " header holds no v1= signature");
        }
        var matched = false;
        for (var secret : secrets) {
            var expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
            for (var candidate : offered) {
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        if (!matched) {
            throw new InvalidNotification("the signature does not match the body and timestamp");
        }
    }

    /** Never shows the secrets. */
    @Override
    public String toString() {
        return "NotificationVerifier[" + secrets.size() + " secret(s)]";
    }

    /** Reads a verified body; the header's delivery id stands in when the body has none. */
    private static Notification read(byte[] body, UUID delivery) {
        Notification read;
        try {
            read = Json.MAPPER.readValue(body, Notification.class);
        } catch (JacksonException e) {
            throw new InvalidNotification("the body is not a notification: " + e.getOriginalMessage(), e);
        }
        if (read == null || read.kind() == null) {
            throw new InvalidNotification("the body is not a notification: it names no kind");
        }
        if (read.deliveryId() != null && !read.deliveryId().equals(delivery)) {
            throw new InvalidNotification("the body's deliveryId differs from the " + DELIVERY + " header");
        }
        if (read.deliveryId() != null) {
            return read;
        }
        return new Notification(
                delivery,
                read.kind(),
                read.occurredAt(),
                read.session(),
                read.prompt(),
                read.finished(),
                read.progress(),
                read.pullRequest());
    }
}

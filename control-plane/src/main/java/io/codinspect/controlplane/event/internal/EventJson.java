package io.codinspect.controlplane.event.internal;

import io.codinspect.model.event.EventCodec;
import io.codinspect.model.event.SessionEvent;
import java.time.Instant;
import java.util.regex.Pattern;

/** Builds the client JSON of a stored event from its stored fields without re-parsing them. */
public final class EventJson {

    /** A JSON-escaped NUL ({@code \u0000}) not itself escaped: PostgreSQL's jsonb cannot hold it. */
    private static final Pattern ESCAPED_NUL = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

    private EventJson() {}

    /** An event's fields as stored: JSON without {@code type}, in a form PostgreSQL's jsonb accepts. */
    public static String storedFields(SessionEvent event) {
        return storable(EventCodec.fieldsJson(event));
    }

    /** The fields as PostgreSQL's jsonb accepts them: NUL characters become U+FFFD. */
    static String storable(String fieldsJson) {
        if (!fieldsJson.contains("\\u0000")) {
            return fieldsJson;
        }
        return ESCAPED_NUL.matcher(fieldsJson).replaceAll("$1\\\\uFFFD");
    }

    public static String of(long seq, String type, Instant createdAt, String fieldsJson) {
        var head = new StringBuilder(fieldsJson.length() + 96)
                .append("{\"seq\":")
                .append(seq)
                .append(",\"type\":")
                .append(EventCodec.mapper().writeValueAsString(type))
                .append(",\"createdAt\":\"")
                .append(createdAt)
                .append('"');
        var body = fieldsJson.trim();
        if (body.length() > 2) {
            head.append(',').append(body, 1, body.length());
        } else {
            head.append('}');
        }
        return head.toString();
    }
}

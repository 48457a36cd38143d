package io.codinspect.controlplane.event.internal;

import io.codinspect.model.event.EventCodec;
import java.time.Instant;

/** Builds the client JSON of a stored event from its stored fields without re-parsing them. */
public final class EventJson {

    private EventJson() {}

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

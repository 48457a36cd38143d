package io.codinspect.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@link SessionEvent}s as flat JSON objects: {@code {"type": "tool.call", ...}}.
 * Fields that are {@code null} are left out; fields this version does not know are ignored on
 * known kinds and kept whole on unknown kinds; fields a writer left out read as their defaults
 * ({@code null}, {@code 0}, {@code false}), so a flag added later, such as {@code truncated}, reads
 * as {@code false} in older events.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private EventCodec() {}

    /** The mapper used for events, shared because it is immutable and thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The event as JSON, {@code type} first. */
    public static ObjectNode toJson(SessionEvent event) {
        var json = MAPPER.createObjectNode();
        json.put("type", EventTypes.nameOf(event));
        json.setAll(fieldsOf(event));
        return json;
    }

    /** The event's fields without {@code type}, as stored. */
    public static ObjectNode fieldsOf(SessionEvent event) {
        if (event instanceof UnknownEvent unknown) {
            return unknown.fields().deepCopy();
        }
        return MAPPER.valueToTree(event);
    }

    /** The event's fields without {@code type} as JSON text, as stored; one pass for known kinds. */
    public static String fieldsJson(SessionEvent event) {
        if (event instanceof UnknownEvent unknown) {
            return MAPPER.writeValueAsString(unknown.fields());
        }
        return MAPPER.writeValueAsString(event);
    }

    /** Reads an event whose kind is named by its {@code type} field. */
    public static SessionEvent fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidEventException("an event must be a JSON object");
        }
        var type = json.get("type");
        if (type == null || !type.isString() || type.asString().isBlank()) {
            throw new InvalidEventException("an event needs a non-empty string field 'type'");
        }
        var known = EventTypes.classOf(type.asString());
        if (known.isPresent()) {
            return read(type.asString(), json, known.get()); // 'type' itself is ignored as an unknown field
        }
        var fields = ((ObjectNode) json).deepCopy();
        fields.remove("type");
        return new UnknownEvent(type.asString(), fields);
    }

    /** Reads an event from its kind and its fields, as stored. */
    public static SessionEvent fromFields(String type, ObjectNode fields) {
        var known = EventTypes.classOf(type);
        if (known.isEmpty()) {
            return new UnknownEvent(type, fields);
        }
        return read(type, fields, known.get());
    }

    private static SessionEvent read(String type, JsonNode fields, Class<? extends SessionEvent> kind) {
        try {
            return MAPPER.treeToValue(fields, kind);
        } catch (JacksonException e) {
            throw new InvalidEventException("invalid '" + type + "' event: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads stored fields given as JSON text. */
    public static SessionEvent fromFields(String type, String fieldsJson) {
        try {
            return fromFields(type, (ObjectNode) MAPPER.readTree(fieldsJson));
        } catch (JacksonException | ClassCastException e) {
            throw new InvalidEventException("stored '" + type + "' event is not a JSON object", e);
        }
    }
}

package io.codinspect.model.event;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bounds the size of one event, in one place for every writer: the control plane applies it to
 * every event it stores (it does not trust sandboxes to have done so), and the sandbox supervisor
 * before it sends one.
 *
 * <p>An event's size is the UTF-8 bytes of its JSON, {@code {"type": …, …fields}}, as sent on the
 * bridge and stored. An event over the limit has its texts cut, the largest first, until it fits:
 * each cut text ends with a marker such as {@code "… [cut 5,901,234 bytes]"} and the event says
 * {@code truncated: true} (a tool call's cut output also {@code outputTruncated: true}). Which texts
 * may be cut is decided per kind below; identifiers never are. A tool call whose input is still too
 * large once its strings are cut keeps only a marker as input. An event that cannot be made to fit
 * (its identifiers alone are too large, or it has no text to cut) is replaced by a {@link Warning}
 * saying so.
 */
public final class EventLimits {

    /** The smallest limit {@link #cut} takes: room for the warning that replaces an event. */
    public static final int MIN_BYTES = 1024;

    /** Room kept for the flags a cut event gains ({@code ,"truncated":true} and the like). */
    private static final int FLAG_ROOM = 64;

    /** The key of the marker that stands for a tool call's input when nothing else of it fits. */
    static final String INPUT_MARKER_KEY = "truncated";

    /** Stands for every field but {@code promptId}: the fields of a kind this version does not know. */
    private static final List<String> EVERY_FIELD = List.of("*");

    private EventLimits() {}

    /** UTF-8 bytes of the event's JSON: its {@code type} and its fields as stored. */
    public static long sizeOf(SessionEvent event) {
        var fields = EventCodec.fieldsJson(event);
        long head = "{\"type\":".length() + TextCut.jsonLength(EventTypes.nameOf(event)) + 2;
        return head + (fields.equals("{}") ? 1 : TextCut.utf8Length(fields)); // ",…}" replaces "{…}"
    }

    /** UTF-8 bytes of a text; an unpaired surrogate counts as 3. */
    public static long utf8Length(CharSequence text) {
        return TextCut.utf8Length(text);
    }

    /**
     * The text itself if it takes at most {@code maxBytes} UTF-8 bytes, else its longest prefix
     * that, with the marker saying how much was cut, does.
     */
    public static String cutText(String text, int maxBytes) {
        if (maxBytes < 64) {
            throw new IllegalArgumentException("a text limit must be at least 64 bytes, not " + maxBytes);
        }
        return TextCut.cut(text, maxBytes, false);
    }

    /**
     * The event itself if its JSON takes at most {@code maxBytes}; otherwise the event with its
     * texts cut to fit, or a warning in its place. The result always takes at most {@code maxBytes}.
     *
     * @throws IllegalArgumentException if {@code maxBytes} is below {@link #MIN_BYTES}
     */
    public static SessionEvent cut(SessionEvent event, int maxBytes) {
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "an event limit must be at least " + MIN_BYTES + " bytes, not " + maxBytes);
        }
        long size = sizeOf(event);
        if (size <= maxBytes) {
            return event;
        }
        var fields = cuttable(event);
        if (fields != null) {
            try {
                var cut = cutTexts(event, fields, size, maxBytes - FLAG_ROOM);
                if (cut != null && sizeOf(cut) <= maxBytes) {
                    return cut;
                }
            } catch (InvalidEventException e) {
                // the cut fields no longer read as the event: replaced below like any event that does not fit
            }
        }
        return dropped(event, size, maxBytes);
    }

    /**
     * The fields whose texts may be cut, {@link #EVERY_FIELD} for kinds this version does not know,
     * {@code null} for kinds that have none. Strings inside objects and arrays count too.
     */
    private static List<String> cuttable(SessionEvent event) {
        return switch (event) {
            case UserMessage e -> List.of("content", "context");
            case SandboxStatus e -> List.of("message");
            case AssistantText e -> List.of("text");
            case Reasoning e -> List.of("text");
            case ToolCall e -> List.of("input", "output", "title", "error");
            case StepFinished e -> List.of("reason");
            case PromptFailed e -> List.of("error");
            case PromptCancelled e -> List.of("reason");
            case Warning e -> List.of("message");
            case ErrorEvent e -> List.of("message");
            case PromptStarted e -> null;
            case PromptCompleted e -> null;
            case CommitPushed e -> null;
            case PullRequestArtifact e -> null;
            case UnknownEvent e -> EVERY_FIELD;
        };
    }

    private static SessionEvent cutTexts(SessionEvent event, List<String> names, long size, long target) {
        var fields = EventCodec.fieldsOf(event);
        var texts = new PriorityQueue<Text>(
                Comparator.comparingLong((Text t) -> t.length).reversed());
        if (names.equals(EVERY_FIELD)) {
            for (var field : fields.properties()) {
                if (!field.getKey().equals("promptId")) {
                    collect(field.getKey(), fields, field.getKey(), -1, field.getValue(), texts);
                }
            }
        } else {
            for (var name : names) {
                collect(name, fields, name, -1, fields.get(name), texts);
            }
        }
        long current = size;
        boolean outputCut = false;
        boolean anyCut = false;
        while (current > target && !texts.isEmpty()) {
            var text = texts.poll();
            long saved = text.shrinkBy(current - target);
            current -= saved;
            anyCut |= saved > 0;
            outputCut |= saved > 0 && text.field.equals("output");
        }
        var input = fields.get("input");
        if (current > target && event instanceof ToolCall && input != null && input.isContainer()) {
            var inputJson = EventCodec.mapper().writeValueAsString(input);
            var marker = fields.objectNode().put(INPUT_MARKER_KEY, TextCut.marker(TextCut.utf8Length(inputJson)));
            fields.set("input", marker);
            current -= TextCut.utf8Length(inputJson)
                    - TextCut.utf8Length(EventCodec.mapper().writeValueAsString(marker));
            anyCut = true;
        }
        if (current > target || !anyCut) {
            return null;
        }
        fields.put("truncated", true);
        if (outputCut) {
            fields.put("outputTruncated", true);
        }
        return EventCodec.fromFields(EventTypes.nameOf(event), fields);
    }

    private static void collect(
            String field, JsonNode parent, String key, int index, JsonNode node, PriorityQueue<Text> into) {
        if (node == null) {
            return;
        }
        if (node.isString()) {
            into.add(new Text(field, parent, key, index, node.asString()));
        } else if (node instanceof ObjectNode object) {
            for (var child : object.properties()) {
                collect(field, object, child.getKey(), -1, child.getValue(), into);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collect(field, array, null, i, array.get(i), into);
            }
        }
    }

    private static Warning dropped(SessionEvent event, long size, int maxBytes) {
        var promptId = event.promptId();
        if (promptId != null && TextCut.jsonLength(promptId) > 256) {
            promptId = null;
        }
        var type = TextCut.cut(EventTypes.nameOf(event), 128, true);
        return new Warning(
                promptId,
                String.format(
                        java.util.Locale.ROOT,
                        "A '%s' event of %,d bytes was dropped: it does not fit in %,d bytes even with its texts cut.",
                        type,
                        size,
                        maxBytes));
    }

    /** One string value of the event's JSON that may be cut, where it sits, and its JSON length. */
    private static final class Text {

        final String field;
        final JsonNode parent;
        final String key;
        final int index;
        final String value;
        long length;

        Text(String field, JsonNode parent, String key, int index, String value) {
            this.field = field;
            this.parent = parent;
            this.key = key;
            this.index = index;
            this.value = value;
            this.length = TextCut.jsonLength(value);
        }

        /** Cuts this text to save at least {@code excess} bytes if it can; returns the bytes saved. */
        long shrinkBy(long excess) {
            var cut = TextCut.cut(value, Math.max(0, length - excess), true);
            long cutLength = TextCut.jsonLength(cut);
            if (cutLength >= length) {
                return 0; // no longer than its marker: nothing to gain
            }
            if (parent instanceof ObjectNode object) {
                object.put(key, cut);
            } else {
                ((ArrayNode) parent).set(index, cut);
            }
            long saved = length - cutLength;
            length = cutLength;
            return saved;
        }
    }
}

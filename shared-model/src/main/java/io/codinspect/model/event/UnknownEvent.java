package io.codinspect.model.event;

import tools.jackson.databind.node.ObjectNode;

/**
 * An event of a kind this version does not know, sent by a newer sandbox. It is stored and passed
 * on to watchers as it came.
 *
 * @param type the kind as sent
 * @param fields every field but {@code type}
 */
public record UnknownEvent(String type, ObjectNode fields) implements SessionEvent {

    @Override
    public String promptId() {
        var node = fields.get("promptId");
        return node != null && node.isString() ? node.asString() : null;
    }
}

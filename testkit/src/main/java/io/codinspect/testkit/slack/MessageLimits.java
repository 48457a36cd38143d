package io.codinspect.testkit.slack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Slack's limits on what a message or a view may hold, checked the way Slack answers them: {@code
 * msg_too_long} for text over 40,000 characters, {@code no_text} for neither text nor blocks, and
 * the given error (messages: {@code invalid_blocks}; views: {@code invalid_arguments}) with
 * {@code [ERROR] … [json-pointer:/blocks/…]} details for blocks that break Block Kit's rules: more
 * than 50 blocks (100 in a view), a section text over 3,000 characters or a field over 2,000, more
 * than 10 fields, a header over 150, a markdown block over 12,000, more than 25 elements in an
 * actions block or 10 in a context block, a button text over 75 or value over 2,000, empty texts,
 * block ids over 255 characters or repeated, unknown block types.
 */
final class MessageLimits {

    static final int TEXT = 40_000;
    static final int MESSAGE_BLOCKS = 50;
    static final int VIEW_BLOCKS = 100;
    private static final Set<String> TYPES = Set.of(
            "actions",
            "context",
            "divider",
            "file",
            "header",
            "image",
            "input",
            "markdown",
            "rich_text",
            "section",
            "table",
            "video");

    private final List<String> errors = new ArrayList<>();

    private MessageLimits() {}

    /** Checks a message's text and blocks (either may be null, not both). */
    static void checkMessage(String text, JsonNode blocks) {
        if (text != null && text.length() > TEXT) {
            throw new SlackError("msg_too_long");
        }
        if ((text == null || text.isBlank()) && (blocks == null || blocks.isEmpty())) {
            throw new SlackError("no_text");
        }
        if (blocks != null) {
            checkBlocks(blocks, MESSAGE_BLOCKS, "invalid_blocks");
        }
    }

    /** Checks blocks against Block Kit's rules, failing with {@code error} and the details. */
    static void checkBlocks(JsonNode blocks, int max, String error) {
        if (!blocks.isArray()) {
            throw new SlackError("invalid_blocks_format");
        }
        var limits = new MessageLimits();
        if (blocks.size() > max) {
            limits.errors.add("[ERROR] no more than " + max + " items allowed [json-pointer:/blocks]");
        }
        var ids = new HashSet<String>();
        for (var i = 0; i < blocks.size(); i++) {
            limits.block(blocks.get(i), "/blocks/" + i, ids);
        }
        if (!limits.errors.isEmpty()) {
            throw new SlackError(error, limits.errors);
        }
    }

    private void block(JsonNode block, String at, Set<String> ids) {
        var type = block.path("type").asString("");
        if (!TYPES.contains(type)) {
            errors.add("[ERROR] unsupported type: " + type + " [json-pointer:" + at + "/type]");
            return;
        }
        var blockId = block.path("block_id");
        if (blockId.isString()) {
            length(blockId, 255, at + "/block_id");
            if (!ids.add(blockId.stringValue())) {
                errors.add(
                        "[ERROR] duplicate block_id: " + blockId.stringValue() + " [json-pointer:" + at + "/block_id]");
            }
        }
        switch (type) {
            case "section" -> section(block, at);
            case "header" -> textObject(block.path("text"), 150, at + "/text");
            case "markdown" -> length(block.path("text"), 12_000, at + "/text");
            case "context" -> count(block.path("elements"), 10, at + "/elements");
            case "actions" -> actions(block, at);
            default -> {}
        }
    }

    private void section(JsonNode block, String at) {
        var text = block.path("text");
        var fields = block.path("fields");
        if (text.isMissingNode() && fields.isMissingNode()) {
            errors.add("[ERROR] must provide either text or fields [json-pointer:" + at + "]");
        }
        if (!text.isMissingNode()) {
            textObject(text, 3000, at + "/text");
        }
        if (!fields.isMissingNode()) {
            count(fields, 10, at + "/fields");
            for (var i = 0; i < fields.size(); i++) {
                textObject(fields.get(i), 2000, at + "/fields/" + i);
            }
        }
    }

    private void actions(JsonNode block, String at) {
        var elements = block.path("elements");
        count(elements, 25, at + "/elements");
        for (var i = 0; i < elements.size(); i++) {
            var element = elements.get(i);
            if (element.path("type").asString("").equals("button")) {
                textObject(element.path("text"), 75, at + "/elements/" + i + "/text");
                if (element.has("value")) {
                    length(element.path("value"), 2000, at + "/elements/" + i + "/value");
                }
            }
            if (element.has("action_id")) {
                length(element.path("action_id"), 255, at + "/elements/" + i + "/action_id");
            }
        }
    }

    private void textObject(JsonNode text, int max, String at) {
        var type = text.path("type").asString("");
        if (!type.equals("plain_text") && !type.equals("mrkdwn")) {
            errors.add("[ERROR] must be a text object of type plain_text or mrkdwn [json-pointer:" + at + "]");
            return;
        }
        length(text.path("text"), max, at + "/text");
    }

    private void length(JsonNode value, int max, String at) {
        var text = value.isString() ? value.stringValue() : "";
        if (text.isEmpty()) {
            errors.add("[ERROR] must be more than 0 characters [json-pointer:" + at + "]");
        } else if (text.length() > max) {
            errors.add("[ERROR] must be less than " + (max + 1) + " characters [json-pointer:" + at + "]");
        }
    }

    private void count(JsonNode items, int max, String at) {
        if (!items.isArray() || items.isEmpty()) {
            errors.add("[ERROR] must provide at least one item [json-pointer:" + at + "]");
        } else if (items.size() > max) {
            errors.add("[ERROR] no more than " + max + " items allowed [json-pointer:" + at + "]");
        }
    }
}

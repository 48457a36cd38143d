package io.codinspect.controlplane.gateway;

import io.codinspect.model.event.EventCodec;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;

/**
 * What the gateway needs of a model request, read with a streaming parser that builds no tree of
 * the body (a long conversation is megabytes): the model, whether it streams and asks for usage,
 * whether it wants to run in the background, and the kinds of tool it offers. A key given twice
 * is refused, so a provider that reads the first of them cannot be sent another model than the one
 * checked.
 *
 * @param toolTypes the {@code type} of each tool offered ({@code ""} for tools without one, as
 *     Anthropic's client tools are)
 * @param providerServers whether it names servers for the provider to call ({@code mcp_servers})
 */
record ModelRequest(
        String model,
        boolean stream,
        boolean includeUsage,
        boolean background,
        List<String> toolTypes,
        boolean providerServers) {

    /** Tool types the agent's own tools have; any other is a tool the provider runs itself. */
    private static final List<String> AGENT_TOOLS = List.of("", "function", "custom");

    /** The request in {@code body}; throws {@link IllegalArgumentException} when it is not one JSON object. */
    static ModelRequest read(byte[] body) {
        try (var parser = EventCodec.mapper()
                .reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            String model = null;
            boolean stream = false;
            boolean includeUsage = false;
            boolean background = false;
            boolean servers = false;
            var tools = new ArrayList<String>();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                var name = parser.currentName();
                var value = parser.nextToken();
                switch (name) {
                    case "model" -> model = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                    case "stream" -> stream = value == JsonToken.VALUE_TRUE;
                    case "background" -> background = value == JsonToken.VALUE_TRUE;
                    case "stream_options" -> includeUsage = includeUsage(parser, value);
                    case "tools" -> readToolTypes(parser, value, tools);
                    case "mcp_servers" -> {
                        servers = value != JsonToken.VALUE_NULL;
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value");
            }
            return new ModelRequest(model, stream, includeUsage, background, List.copyOf(tools), servers);
        } catch (StreamReadException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** The first tool the provider itself would run (web search, code execution, MCP, URL fetching), if any. */
    java.util.Optional<String> providerTool() {
        return toolTypes.stream().filter(type -> !AGENT_TOOLS.contains(type)).findFirst();
    }

    private static boolean includeUsage(JsonParser parser, JsonToken value) {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return false;
        }
        var include = false;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            var name = parser.currentName();
            var token = parser.nextToken();
            if ("include_usage".equals(name)) {
                include = token == JsonToken.VALUE_TRUE;
            }
            parser.skipChildren();
        }
        return include;
    }

    private static void readToolTypes(JsonParser parser, JsonToken value, List<String> types) {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (element != JsonToken.START_OBJECT) {
                parser.skipChildren();
                types.add("(not an object)");
                continue;
            }
            var type = "";
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                var name = parser.currentName();
                var token = parser.nextToken();
                if ("type".equals(name) && token == JsonToken.VALUE_STRING) {
                    type = parser.getString();
                }
                parser.skipChildren();
            }
            types.add(type);
        }
    }
}

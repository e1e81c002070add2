package io.marginscope.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON document read into a tree that remembers the line of every value, so that a bad value
 * is reported with its file, line and field path (for example {@code assets.BTC.spot}).
 * Duplicate keys are an error.
 */
public final class LocatedJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String file;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedJson(String file, JsonNode root, Map<String, Integer> lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
    }

    private boolean isArray(String pointer) {
        JsonNode n = root.at(pointer.isEmpty() ? "" : pointer);
        return n.isArray();
    }

    public static LocatedJson parse(TextSource src) throws InputException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(src.text())) {
            if (p.nextToken() == null) {
                throw new InputException(src.name(), 0, null, "empty file: no JSON value");
            }
            JsonNode root = read(p, "", lines);
            if (p.nextToken() != null) {
                throw new InputException(src.name(), lineOf(p.currentTokenLocation()), null,
                        "unexpected content after the JSON value");
            }
            return new LocatedJson(src.name(), root, lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : lineOf(e.getLocation());
            throw new InputException(src.name(), line, null, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputException(src.name(), 0, null, "cannot read JSON: " + e.getMessage(), e);
        }
    }

    private static int lineOf(JsonLocation loc) {
        return Math.max(loc.getLineNr(), 0);
    }

    private static JsonNode read(JsonParser p, String path, Map<String, Integer> lines) throws IOException {
        lines.put(path, lineOf(p.currentTokenLocation()));
        JsonNodeFactory nf = JsonNodeFactory.instance;
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = nf.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, read(p, path + "/" + escape(name), lines));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = nf.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, path + "/" + i++, lines));
                }
                return a;
            }
            case VALUE_STRING -> {
                return nf.textNode(p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return nf.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nf.booleanNode(p.getBooleanValue());
            }
            case VALUE_NULL -> {
                return nf.nullNode();
            }
            default -> throw new JsonProcessingException("unexpected token " + t, p.currentTokenLocation()) { };
        }
    }

    /** JSON Pointer escaping of one key. */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    public String file() {
        return file;
    }

    public JsonNode root() {
        return root;
    }

    /** Line of the value at a JSON Pointer path, else of its nearest located parent. */
    public int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return 0;
            }
            p = p.substring(0, slash);
        }
    }

    /** An error at a JSON Pointer path, shown as a dotted field name. */
    public InputException error(String pointer, String problem) {
        return new InputException(file, line(pointer), display(pointer), problem);
    }

    /** {@code /assets/BTC/spot} as {@code assets.BTC.spot}, {@code /correlations/0/2} as {@code correlations[0][2]}. */
    public String display(String pointer) {
        StringBuilder sb = new StringBuilder();
        StringBuilder parent = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String key = part.replace("~1", "/").replace("~0", "~");
            boolean index = isArray(parent.toString());
            parent.append('/').append(part);
            if (index) {
                sb.append('[').append(key).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(key);
            }
        }
        return sb.isEmpty() ? "(document)" : sb.toString();
    }
}

package io.switchboard.common.input;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Refuses, while reading JSON, any string or object key with a NUL character: Postgres cannot store one in text, and no
 * client has a reason to send one. The failure is an {@link UnstorableText}, which the problem mappers answer with a
 * 400 naming the field (and the legacy facades with their own error shape), before anything touches the database.
 */
public final class NoNulStrings {

    private NoNulStrings() {
    }

    /** A Jackson module with the refusing String deserializers. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("switchboard-no-nul-strings");
        module.addDeserializer(String.class, new Strings());
        module.addKeyDeserializer(String.class, new Keys());
        module.addDeserializer(JsonNode.class, new Trees());
        return module;
    }

    /** A JSON string that cannot be stored. */
    public static final class UnstorableText extends InvalidFormatException {

        UnstorableText(JsonParser p, String value) {
            super(p, "A string contains the NUL character (\\u0000), which cannot be stored.", value, String.class);
        }
    }

    static final class Strings extends StdScalarDeserializer<String> {

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf(Input.NUL) >= 0) {
                throw new UnstorableText(p, value);
            }
            return value;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    /**
     * Trees ({@link JsonNode} fields, {@code readTree}) are read as usual, then searched for NUL in names and texts.
     */
    static final class Trees extends StdDeserializer<JsonNode> {

        Trees() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = JsonNodeDeserializer.getDeserializer(JsonNode.class).deserialize(p, ctxt);
            String bad = findNul(tree);
            if (bad != null) {
                throw new UnstorableText(p, bad);
            }
            return tree;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) {
            return NullNode.getInstance();
        }

        @Override
        public boolean isCachable() {
            return true;
        }

        private static String findNul(JsonNode node) {
            if (node == null) {
                return null;
            }
            if (node.isTextual()) {
                return node.textValue().indexOf(Input.NUL) >= 0 ? node.textValue() : null;
            }
            if (node.isObject()) {
                for (var it = node.fields(); it.hasNext();) {
                    var e = it.next();
                    if (e.getKey().indexOf(Input.NUL) >= 0) {
                        return e.getKey();
                    }
                    String inner = findNul(e.getValue());
                    if (inner != null) {
                        return inner;
                    }
                }
            } else if (node.isArray()) {
                for (JsonNode element : node) {
                    String inner = findNul(element);
                    if (inner != null) {
                        return inner;
                    }
                }
            }
            return null;
        }
    }

    static final class Keys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (key != null && key.indexOf(Input.NUL) >= 0) {
                throw new UnstorableText(ctxt.getParser(), key);
            }
            return key;
        }
    }
}

package dev.gatehouse.core.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gatehouse.core.parse.ListNode;
import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.parse.Node;
import dev.gatehouse.core.parse.ScalarNode;
import dev.gatehouse.core.parse.ScalarStyle;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * A positioned tree written as compact JSON, for tool arguments and canned responses. Plain YAML scalars that
 * look like numbers, booleans or null become those JSON values (YAML 1.2 core schema); everything quoted stays
 * a string.
 */
final class JsonText {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private JsonText() {
    }

    static String of(Node node) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static String quote(String s) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(JsonGenerator g, Node node) throws IOException {
        if (node instanceof MapNode m) {
            g.writeStartObject();
            for (MapNode.Entry e : m.entries()) {
                g.writeFieldName(e.name());
                write(g, e.value());
            }
            g.writeEndObject();
        } else if (node instanceof ListNode l) {
            g.writeStartArray();
            for (Node item : l.items()) {
                write(g, item);
            }
            g.writeEndArray();
        } else {
            ScalarNode s = (ScalarNode) node;
            String t = s.text();
            if (s.isNull()) {
                g.writeNull();
            } else if (s.style() == ScalarStyle.JSON_NUMBER || (s.style() == ScalarStyle.PLAIN && NUMBER.matcher(t).matches())) {
                g.writeNumber(t);
            } else if (s.style() == ScalarStyle.JSON_BOOLEAN || (s.style() == ScalarStyle.PLAIN && (t.equals("true") || t.equals("false")))) {
                g.writeBoolean(t.equals("true"));
            } else {
                g.writeString(t);
            }
        }
    }
}

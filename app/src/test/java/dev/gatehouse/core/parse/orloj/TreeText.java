package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.parse.ListNode;
import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.parse.Node;
import dev.gatehouse.core.parse.ScalarNode;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;

import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders a tree compactly for whole-value assertions: {@code {spec:{roles:[a,b]}}}. A scalar is written bare
 * unless it is empty or holds one of {@code ,:{}[]"'#\} or surrounding spaces; then it is double-quoted with
 * {@code "} and {@code \} escaped.
 */
final class TreeText {
    static final SourceId FILE = new SourceId("m.yaml");

    private TreeText() {
    }

    static OrlojReading read(String text) {
        return OrlojYamlReader.read(new SourceText(FILE, text));
    }

    /** The rendered tree of an input the reader must accept. */
    static String tree(String text) {
        OrlojReading r = read(text);
        assertEquals("", r.error().map(OrlojError::message).orElse(""), "reader error");
        assertTrue(r.emulated(), "emulated");
        return render(r.tree().orElseThrow());
    }

    /** The rendered {@code spec} of an input the reader must accept, or {@code -} if it has none. */
    static String spec(String text) {
        OrlojReading r = read(text);
        assertEquals("", r.error().map(OrlojError::message).orElse(""), "reader error");
        return r.tree().orElseThrow().get("spec").map(TreeText::render).orElse("-");
    }

    /** The error message of an input the reader must reject. */
    static String error(String text) {
        return read(text).error().orElseThrow().message();
    }

    /** The node at a dotted path, with [i] for list items: {@code spec.operation_rules[0].verdict}. */
    static Node at(MapNode root, String path) {
        Node n = root;
        for (String part : path.split("\\.")) {
            String key = part;
            int index = -1;
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                key = part.substring(0, bracket);
                index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
            }
            n = ((MapNode) n).get(key).orElseThrow(() -> new AssertionError("no " + path));
            if (index >= 0) {
                n = ((ListNode) n).items().get(index);
            }
        }
        return n;
    }

    static String render(Node node) {
        if (node instanceof ScalarNode s) {
            return scalar(s.text());
        }
        if (node instanceof ListNode l) {
            StringJoiner j = new StringJoiner(",", "[", "]");
            l.items().forEach(i -> j.add(render(i)));
            return j.toString();
        }
        MapNode m = (MapNode) node;
        StringJoiner j = new StringJoiner(",", "{", "}");
        m.entries().forEach(e -> j.add(scalar(e.name()) + ":" + render(e.value())));
        return j.toString();
    }

    private static String scalar(String t) {
        boolean plain = !t.isEmpty() && t.equals(t.strip())
                && t.chars().noneMatch(c -> ",:{}[]\"'#\\".indexOf(c) >= 0);
        if (plain) {
            return t;
        }
        return "\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

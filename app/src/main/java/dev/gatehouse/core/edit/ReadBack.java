package dev.gatehouse.core.edit;

import dev.gatehouse.core.parse.ListNode;
import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.parse.Node;
import dev.gatehouse.core.parse.ScalarNode;
import dev.gatehouse.core.parse.ScalarStyle;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a document must read as after an edit, and the comparison with what it does read as. An edit the form makes
 * is kept only when the edited text, read again, is the old tree with exactly the intended change: any other
 * difference (a value a reader takes differently, a line swallowed by a block, a key lost or gained) refuses the
 * edit rather than write it. Positions and styles are not compared, text, nulls and the order of list items are; a
 * mapping's keys are compared as a set (they are unique: a key written twice does not parse), so a key may be
 * written where a reader needs it; an empty mapping and a null are the same (YAML {@code key:} with its last child
 * removed reads as null).
 */
final class ReadBack {
    private static final Span NOWHERE = Span.fileStart(new SourceId(""));

    private ReadBack() {
    }

    /** A string value (never null, whatever its text). */
    static ScalarNode string(String text) {
        return new ScalarNode(text, ScalarStyle.DOUBLE_QUOTED, NOWHERE);
    }

    /** No value: YAML {@code key:}. */
    static ScalarNode nothing() {
        return new ScalarNode("", ScalarStyle.PLAIN, NOWHERE);
    }

    static MapNode.Entry entry(String key, Node value) {
        return new MapNode.Entry(new ScalarNode(key, ScalarStyle.PLAIN, NOWHERE), value);
    }

    static MapNode map(List<MapNode.Entry> entries) {
        return new MapNode(entries, false, NOWHERE);
    }

    static ListNode list(List<Node> items) {
        return new ListNode(items, false, NOWHERE);
    }

    /**
     * {@code root} with the node at {@code path} replaced by {@code value}: mappings missing on the way are added
     * after the last key of their parent (where the edits write them), a null on the way becomes a mapping, and a
     * number steps into an existing list item. Empty when the path runs into a scalar or past a list.
     */
    static Optional<Node> with(Node root, List<String> path, Node value) {
        if (path.isEmpty()) {
            return Optional.of(value);
        }
        String step = path.get(0);
        List<String> rest = path.subList(1, path.size());
        Node at = root instanceof ScalarNode s && s.isNull() ? map(List.of()) : root;
        if (at instanceof MapNode m) {
            List<MapNode.Entry> entries = new ArrayList<>(m.entries());
            for (int i = 0; i < entries.size(); i++) {
                MapNode.Entry e = entries.get(i);
                if (e.name().equals(step)) {
                    int index = i;
                    return with(e.value(), rest, value).map(v -> {
                        entries.set(index, new MapNode.Entry(e.key(), v));
                        return new MapNode(entries, m.flow(), m.span());
                    });
                }
            }
            return with(map(List.of()), rest, value).map(v -> {
                entries.add(entry(step, v));
                return new MapNode(entries, m.flow(), m.span());
            });
        }
        if (at instanceof ListNode l && index(step) >= 0 && index(step) < l.items().size()) {
            List<Node> items = new ArrayList<>(l.items());
            int i = index(step);
            return with(items.get(i), rest, value).map(v -> {
                items.set(i, v);
                return new ListNode(items, l.flow(), l.span());
            });
        }
        return Optional.empty();
    }

    /** {@code root} without the entry or item at {@code path}; empty when there is none. */
    static Optional<Node> without(Node root, List<String> path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        String step = path.get(0);
        List<String> rest = path.subList(1, path.size());
        if (root instanceof MapNode m) {
            List<MapNode.Entry> entries = new ArrayList<>(m.entries());
            for (int i = 0; i < entries.size(); i++) {
                MapNode.Entry e = entries.get(i);
                if (e.name().equals(step)) {
                    if (rest.isEmpty()) {
                        entries.remove(i);
                        return Optional.of(new MapNode(entries, m.flow(), m.span()));
                    }
                    int index = i;
                    return without(e.value(), rest).map(v -> {
                        entries.set(index, new MapNode.Entry(e.key(), v));
                        return new MapNode(entries, m.flow(), m.span());
                    });
                }
            }
            return Optional.empty();
        }
        if (root instanceof ListNode l && index(step) >= 0 && index(step) < l.items().size()) {
            List<Node> items = new ArrayList<>(l.items());
            int i = index(step);
            if (rest.isEmpty()) {
                items.remove(i);
                return Optional.of(new ListNode(items, l.flow(), l.span()));
            }
            return without(items.get(i), rest).map(v -> {
                items.set(i, v);
                return new ListNode(items, l.flow(), l.span());
            });
        }
        return Optional.empty();
    }

    /** Whether two trees read alike: same keys in the same order, same items, same scalar texts and nulls. */
    static boolean same(Node a, Node b) {
        if (empty(a) && empty(b)) {
            return true;
        }
        if (a instanceof ScalarNode x && b instanceof ScalarNode y) {
            return x.isNull() == y.isNull() && (x.isNull() || x.text().equals(y.text()));
        }
        if (a instanceof MapNode x && b instanceof MapNode y) {
            if (x.entries().size() != y.entries().size()) {
                return false;
            }
            for (MapNode.Entry p : x.entries()) {
                if (y.entries().stream().filter(q -> q.name().equals(p.name())).count() != 1
                        || !same(p.value(), y.get(p.name()).orElseThrow())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof ListNode x && b instanceof ListNode y) {
            if (x.items().size() != y.items().size()) {
                return false;
            }
            for (int i = 0; i < x.items().size(); i++) {
                if (!same(x.items().get(i), y.items().get(i))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean empty(Node n) {
        return (n instanceof ScalarNode s && s.isNull()) || (n instanceof MapNode m && m.entries().isEmpty());
    }

    /** A list index step, or -1. */
    static int index(String step) {
        if (step.isEmpty() || step.length() > 8 || !step.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(step);
    }
}

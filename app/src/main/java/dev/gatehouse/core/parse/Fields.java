package dev.gatehouse.core.parse;

import dev.gatehouse.core.model.Field;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the fields of one mapping by its schema: a key matches the field's JSON tag, or in YAML one of the
 * aliases Orloj's YAML reader accepts. Shapes that do not fit are reported by {@link SchemaCheck}; here they
 * read as absent.
 */
final class Fields {
    private final MapNode map;
    private final Field schema;
    private final SourceFormat format;
    private final Span owner;

    Fields(MapNode map, Field schema, SourceFormat format) {
        this.map = map;
        this.schema = schema;
        this.format = format;
        this.owner = map.span();
    }

    static Fields empty(Field schema, SourceFormat format, Span at) {
        return new Fields(new MapNode(List.of(), false, at), schema, format);
    }

    Span span() {
        return owner;
    }

    Optional<Node> node(String name) {
        Field f = schema.child(name).orElseThrow(() -> new IllegalArgumentException("no field " + name + " in " + schema.name()));
        Optional<MapNode.Entry> found = Optional.empty();
        for (MapNode.Entry e : map.entries()) {
            String k = e.key().text();
            if (k.equals(f.name()) || (format == SourceFormat.YAML && f.yamlAliases().contains(k))) {
                found = Optional.of(e);
                break;
            }
        }
        return found.map(MapNode.Entry::value)
                .filter(n -> !(n instanceof ScalarNode s && s.isNull()));
    }

    Optional<Span> keySpan(String name) {
        Field f = schema.child(name).orElseThrow();
        for (MapNode.Entry e : map.entries()) {
            String k = e.key().text();
            if (k.equals(f.name()) || (format == SourceFormat.YAML && f.yamlAliases().contains(k))) {
                return Optional.of(e.key().span());
            }
        }
        return Optional.empty();
    }

    /** A scalar's text, as written (not trimmed). */
    Optional<ScalarNode> scalar(String name) {
        return node(name).filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast);
    }

    /** A string field, trimmed; empty strings read as absent. */
    Optional<Located<String>> string(String name) {
        return scalar(name).map(s -> new Located<>(s.text().strip(), s.span())).filter(l -> !l.value().isEmpty());
    }

    /** A string field as written (only trailing/leading whitespace kept too), for fields Orloj does not trim. */
    Optional<Located<String>> raw(String name) {
        return scalar(name).map(s -> new Located<>(s.text(), s.span()));
    }

    /** The items of a list of scalars, trimmed, empty items kept (callers decide). */
    List<Located<String>> list(String name) {
        List<Located<String>> out = new ArrayList<>();
        node(name).filter(ListNode.class::isInstance).map(ListNode.class::cast).ifPresent(list -> {
            for (Node item : list.items()) {
                if (item instanceof ScalarNode s && !s.isNull()) {
                    out.add(new Located<>(s.text().strip(), s.span()));
                } else if (item instanceof ScalarNode s) {
                    out.add(new Located<>("", s.span()));
                }
            }
        });
        return out;
    }

    boolean has(String name) {
        return node(name).isPresent();
    }

    Fields object(String name) {
        Field f = schema.child(name).orElseThrow();
        return node(name).filter(MapNode.class::isInstance).map(MapNode.class::cast)
                .map(m -> new Fields(m, f, format))
                .orElseGet(() -> empty(f, format, keySpan(name).orElse(owner)));
    }

    List<Fields> objectList(String name) {
        Field f = schema.child(name).orElseThrow();
        List<Fields> out = new ArrayList<>();
        node(name).filter(ListNode.class::isInstance).map(ListNode.class::cast).ifPresent(list -> {
            for (Node item : list.items()) {
                if (item instanceof MapNode m) {
                    out.add(new Fields(m, f, format));
                } else if (item instanceof ScalarNode s) {
                    out.add(empty(f, format, s.span()));
                }
            }
        });
        return out;
    }

    /** Entries of a string map (labels, input), values trimmed, keys as written. */
    Map<String, Located<String>> stringMap(String name) {
        Map<String, Located<String>> out = new LinkedHashMap<>();
        node(name).filter(MapNode.class::isInstance).map(MapNode.class::cast).ifPresent(m -> {
            for (MapNode.Entry e : m.entries()) {
                if (e.value() instanceof ScalarNode s) {
                    out.put(e.key().text(), new Located<>(s.isNull() ? "" : s.text().strip(), s.span()));
                }
            }
        });
        return out;
    }

    /** Entries of an object map (AgentSystem graph): key → fields of the child schema. */
    Map<ScalarNode, Fields> objectMap(String name) {
        Field f = schema.child(name).orElseThrow();
        Map<ScalarNode, Fields> out = new LinkedHashMap<>();
        node(name).filter(MapNode.class::isInstance).map(MapNode.class::cast).ifPresent(m -> {
            for (MapNode.Entry e : m.entries()) {
                if (e.value() instanceof MapNode child) {
                    out.put(e.key(), new Fields(child, f, format));
                } else {
                    out.put(e.key(), empty(f, format, e.key().span()));
                }
            }
        });
        return out;
    }
}

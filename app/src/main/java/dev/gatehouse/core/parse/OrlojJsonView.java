package dev.gatehouse.core.parse;

import dev.gatehouse.core.model.Field;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document as Go's {@code encoding/json} decodes it into Orloj's structs: keys match the exact JSON tag,
 * else the tag ignoring case; unknown keys and YAML-only aliases are ignored; the last duplicate wins; null
 * leaves the field empty (ORLOJ.md §1.4).
 */
final class OrlojJsonView {
    private OrlojJsonView() {
    }

    static MapNode of(MapNode map, Field schema) {
        Map<String, MapNode.Entry> chosen = new LinkedHashMap<>();
        for (MapNode.Entry e : map.entries()) {
            Field f = match(schema, e.key().text());
            if (f == null || (e.value() instanceof ScalarNode s && s.isNull())) {
                continue;
            }
            ScalarNode canonical = new ScalarNode(f.name(), e.key().style(), e.key().span());
            chosen.put(f.name(), new MapNode.Entry(canonical, convert(e.value(), f)));
        }
        return new MapNode(new ArrayList<>(chosen.values()), map.flow(), map.span());
    }

    private static Field match(Field schema, String key) {
        for (Field f : schema.children()) {
            if (f.name().equals(key)) {
                return f;
            }
        }
        for (Field f : schema.children()) {
            if (f.name().equalsIgnoreCase(key)) {
                return f;
            }
        }
        return null;
    }

    private static Node convert(Node value, Field f) {
        return switch (f.type()) {
            case OBJECT -> value instanceof MapNode m ? of(m, f) : value;
            case OBJECT_LIST -> {
                if (!(value instanceof ListNode l)) {
                    yield value;
                }
                List<Node> items = new ArrayList<>();
                for (Node item : l.items()) {
                    items.add(item instanceof MapNode m ? of(m, f) : item);
                }
                yield new ListNode(items, l.flow(), l.span());
            }
            case OBJECT_MAP -> {
                if (!(value instanceof MapNode m)) {
                    yield value;
                }
                List<MapNode.Entry> entries = new ArrayList<>();
                for (MapNode.Entry e : m.entries()) {
                    entries.add(new MapNode.Entry(e.key(), e.value() instanceof MapNode c ? of(c, f) : e.value()));
                }
                yield new MapNode(entries, m.flow(), m.span());
            }
            default -> value;
        };
    }
}

package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.parse.ScalarNode;
import dev.gatehouse.core.parse.ScalarStyle;
import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Go struct or map being filled. A struct lists its JSON tags in field order, and its entries come out in that
 * order, as encoding/json writes them; a map (labels, input, options, graph) keeps the order keys were first set.
 */
final class DraftMap extends Draft {
    private final List<String> fieldOrder;
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    private static final class Slot {
        private ScalarNode key;
        private Object value;

        Slot(ScalarNode key, Object value) {
            this.key = key;
            this.value = value;
        }
    }

    DraftMap(Draft parent, Span start, List<String> fieldOrder) {
        super(parent, start);
        this.fieldOrder = fieldOrder;
    }

    static DraftMap root(Span start, List<String> fieldOrder) {
        return new DraftMap(null, start, fieldOrder);
    }

    /** A map-valued field or entry, created on first use; its key keeps the span of the header that opened it. */
    DraftMap map(String key, Span keySpan, List<String> order) {
        Slot slot = slots.get(key);
        if (slot != null && slot.value instanceof DraftMap existing) {
            return existing;
        }
        DraftMap child = new DraftMap(this, keySpan, order);
        put(key, keySpan, child);
        return child;
    }

    /** A slice-valued field, created on first use. */
    DraftList list(String key, Span keySpan) {
        Slot slot = slots.get(key);
        if (slot != null && slot.value instanceof DraftList existing) {
            return existing;
        }
        DraftList child = new DraftList(this, keySpan);
        put(key, keySpan, child);
        return child;
    }

    /** An assignment: the last one wins, and its key and value spans replace the earlier ones. */
    void put(String key, Span keySpan, String text, Span valueSpan) {
        put(key, keySpan, new ScalarNode(text, ScalarStyle.PLAIN, valueSpan));
        touch(valueSpan);
    }

    boolean has(String key) {
        return slots.containsKey(key);
    }

    private void put(String key, Span keySpan, Object value) {
        ScalarNode keyNode = new ScalarNode(key, ScalarStyle.PLAIN, keySpan);
        Slot slot = slots.get(key);
        if (slot == null) {
            slots.put(key, new Slot(keyNode, value));
        } else {
            slot.key = keyNode;
            slot.value = value;
        }
    }

    @Override
    MapNode build() {
        List<Map.Entry<String, Slot>> ordered = new ArrayList<>(slots.entrySet());
        if (!fieldOrder.isEmpty()) {
            ordered.sort(Comparator.comparingInt(e -> {
                int i = fieldOrder.indexOf(e.getKey());
                return i < 0 ? fieldOrder.size() : i;
            }));
        }
        List<MapNode.Entry> entries = new ArrayList<>(ordered.size());
        for (Map.Entry<String, Slot> e : ordered) {
            Slot slot = e.getValue();
            entries.add(new MapNode.Entry(slot.key,
                    slot.value instanceof Draft d ? d.build() : (ScalarNode) slot.value));
        }
        return new MapNode(entries, false, span());
    }
}

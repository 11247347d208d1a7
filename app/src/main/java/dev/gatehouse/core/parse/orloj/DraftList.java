package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.parse.ListNode;
import dev.gatehouse.core.parse.Node;
import dev.gatehouse.core.parse.ScalarNode;
import dev.gatehouse.core.parse.ScalarStyle;
import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.List;

/** A Go slice being appended to, of strings or of structs (operation rules, graph routes). */
final class DraftList extends Draft {
    private final List<Object> items = new ArrayList<>();

    DraftList(Draft parent, Span start) {
        super(parent, start);
    }

    void add(String text, Span where) {
        items.add(new ScalarNode(text, ScalarStyle.PLAIN, where));
        touch(where);
    }

    /** Appends an empty struct, which is itself an assignment (Go appends the zero value). */
    DraftMap addMap(Span where, List<String> order) {
        DraftMap item = new DraftMap(this, where, order);
        items.add(item);
        touch(where);
        return item;
    }

    int size() {
        return items.size();
    }

    /** The struct at index i; only called on lists of structs. */
    DraftMap mapAt(int i) {
        return (DraftMap) items.get(i);
    }

    @Override
    ListNode build() {
        List<Node> nodes = new ArrayList<>(items.size());
        for (Object item : items) {
            nodes.add(item instanceof Draft d ? d.build() : (ScalarNode) item);
        }
        return new ListNode(nodes, false, span());
    }
}

package dev.gatehouse.core.edit;

import dev.gatehouse.core.parse.ListNode;
import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.parse.Node;
import dev.gatehouse.core.parse.ScalarNode;
import dev.gatehouse.core.parse.ScalarStyle;
import dev.gatehouse.core.parse.SourceFormat;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Structural edits of one JSON manifest as {@link TextEdit}s, from its positioned tree: new items and fields
 * follow the layout around them (one per line, at the indentation of their siblings, when the collection is
 * written over several lines; inline otherwise), removals take the separating comma along, and every other byte
 * stays. Go's decoder and a JSON parser read JSON alike, so no quoting question arises; values are JSON strings.
 */
final class JsonEdits implements ManifestEdits {
    private final SourceText text;
    private final MapNode root;
    private final String eol;

    private JsonEdits(SourceText text, MapNode root) {
        this.text = text;
        this.root = root;
        this.eol = text.text().contains("\r\n") ? "\r\n" : "\n";
    }

    /** The edits of a file's text; empty unless it is one JSON object read without error. */
    static Optional<JsonEdits> of(SourceId file, String text) {
        if (text.startsWith("\uFEFF")) {
            return Optional.empty();
        }
        return ManifestEdits.singleMap(file, text, SourceFormat.JSON).map(m -> new JsonEdits(new SourceText(file, text), m));
    }

    @Override
    public SourceId file() {
        return text.id();
    }

    @Override
    public Optional<Node> node(List<String> path) {
        return ManifestEdits.at(root, path);
    }

    @Override
    public Optional<TextEdit> setScalar(List<String> path, String value) {
        if (!(node(path).orElse(null) instanceof ScalarNode s) || s.style() != ScalarStyle.JSON_STRING) {
            return Optional.empty();
        }
        return Optional.of(new TextEdit(s.span(), string(value)));
    }

    @Override
    public Optional<TextEdit> addField(List<String> mapPath, String key, String value) {
        if (!(node(mapPath).orElse(null) instanceof MapNode map) || map.entry(key).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(insertField(map, key, string(value)));
    }

    /**
     * Go's decoder does not care where a key is: it goes last, as {@link #addField} puts it. Objects of the path that
     * are missing are created, inline ({@code "spec": {"model_ref": "gpt"}}), in the last one that is written.
     */
    @Override
    public Optional<TextEdit> addFirstField(List<String> mapPath, String key, String value) {
        int written = mapPath.size();
        while (written > 0 && node(mapPath.subList(0, written)).isEmpty()) {
            written--;
        }
        if (!(node(mapPath.subList(0, written)).orElse(null) instanceof MapNode map)) {
            return Optional.empty();
        }
        if (written == mapPath.size()) {
            return addField(mapPath, key, value);
        }
        String raw = string(key) + ": " + string(value);
        for (int i = mapPath.size() - 1; i > written; i--) {
            raw = string(mapPath.get(i)) + ": {" + raw + "}";
        }
        return Optional.of(insertField(map, mapPath.get(written), "{" + raw + "}"));
    }

    @Override
    public Optional<TextEdit> addItem(List<String> listPath, String item) {
        return addRaw(listPath, string(item));
    }

    /** JSON is read structurally by Orloj too: where a new key goes does not matter, so it goes last. */
    @Override
    public Optional<TextEdit> addItem(List<String> listPath, String item, List<String> before) {
        return addItem(listPath, item);
    }

    @Override
    public Optional<TextEdit> addMapItem(List<String> listPath, Map<String, String> fields) {
        List<String> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add(string(k) + ": " + string(v)));
        return fields.isEmpty() ? Optional.empty() : addRaw(listPath, "{" + String.join(", ", parts) + "}");
    }

    @Override
    public Optional<TextEdit> removeItem(List<String> listPath, String item) {
        if (!(node(listPath).orElse(null) instanceof ListNode list)) {
            return Optional.empty();
        }
        for (int i = 0; i < list.items().size(); i++) {
            if (list.items().get(i) instanceof ScalarNode s && s.style() == ScalarStyle.JSON_STRING && s.text().equals(item)) {
                return removeItemAt(listPath, i);
            }
        }
        return Optional.empty();
    }

    /** Removes item {@code index}; the last item leaves an empty list {@code []} (in JSON absent and empty differ). */
    @Override
    public Optional<TextEdit> removeItemAt(List<String> listPath, int index) {
        if (!(node(listPath).orElse(null) instanceof ListNode list) || index < 0 || index >= list.items().size()) {
            return Optional.empty();
        }
        List<Node> items = list.items();
        if (items.size() == 1) {
            Span s = list.span();
            return Optional.of(new TextEdit(new Span(text.id(), s.line(), s.column() + 1, s.endLine(), s.endColumn() - 1), ""));
        }
        if (index < items.size() - 1) {
            return Optional.of(new TextEdit(start(items.get(index)).to(start(items.get(index + 1))), ""));
        }
        return Optional.of(new TextEdit(end(items.get(index - 1)).to(items.get(index).span()), ""));
    }

    @Override
    public Optional<TextEdit> removeField(List<String> path) {
        if (path.isEmpty() || !(node(path.subList(0, path.size() - 1)).orElse(null) instanceof MapNode map)) {
            return Optional.empty();
        }
        List<MapNode.Entry> entries = map.entries();
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).name().equals(path.get(path.size() - 1))) {
                continue;
            }
            if (entries.size() == 1) {
                Span s = map.span();
                return Optional.of(new TextEdit(new Span(text.id(), s.line(), s.column() + 1, s.endLine(), s.endColumn() - 1), ""));
            }
            if (i < entries.size() - 1) {
                return Optional.of(new TextEdit(start(entries.get(i).key()).to(start(entries.get(i + 1).key())), ""));
            }
            return Optional.of(new TextEdit(end(entries.get(i - 1).value()).to(entries.get(i).value().span()), ""));
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------------ the form's edits

    /** JSON has no anchors or aliases; a key written twice (Go's decoder takes the last, a parser the first) is refused. */
    @Override
    public Optional<String> refusal(List<String> path) {
        Node at = root;
        for (int i = 0; i < path.size(); i++) {
            String step = path.get(i);
            if (at instanceof MapNode m) {
                if (m.entries().stream().filter(e -> e.name().equals(step)).count() > 1) {
                    return Optional.of("`" + String.join(".", path.subList(0, i + 1)) + "` is written twice: remove one in the text");
                }
                Optional<Node> next = m.get(step);
                if (next.isEmpty()) {
                    return Optional.empty();
                }
                at = next.get();
            } else if (at instanceof ListNode l && ReadBack.index(step) >= 0 && ReadBack.index(step) < l.items().size()) {
                at = l.items().get(ReadBack.index(step));
            } else {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A number or boolean is written as one when {@code typed} (Go's decoder refuses a string for an int field). */
    @Override
    public Optional<TextEdit> setValue(List<String> path, String value, boolean typed) {
        if (path.isEmpty() || refusal(path).isPresent()) {
            return Optional.empty();
        }
        String raw = typed && YamlScalars.literal(value) ? value : string(value);
        Optional<Node> at = node(path);
        Optional<TextEdit> edit;
        if (at.isEmpty()) {
            edit = insertNested(path.subList(0, path.size() - 1), last(path), raw);
        } else if (at.get() instanceof ScalarNode s) {
            edit = Optional.of(new TextEdit(s.span(), raw));
        } else {
            edit = Optional.empty();
        }
        return checked(edit, ReadBack.with(root, path, ReadBack.string(value)));
    }

    @Override
    public Optional<TextEdit> clear(List<String> path) {
        if (refusal(path).isPresent()) {
            return Optional.empty();
        }
        return checked(removeField(path), ReadBack.without(root, path));
    }

    @Override
    public Optional<TextEdit> removeListItem(List<String> listPath, int index) {
        if (refusal(listPath).isPresent()) {
            return Optional.empty();
        }
        return checked(removeItemAt(listPath, index), ReadBack.without(root, append(listPath, String.valueOf(index))));
    }

    @Override
    public Optional<TextEdit> addNestedField(List<String> mapPath, String key, String value, boolean typed) {
        return setValue(append(mapPath, key), value, typed).filter(e -> node(append(mapPath, key)).isEmpty());
    }

    @Override
    public Optional<TextEdit> addNestedItem(List<String> listPath, String item) {
        List<Node> items = new ArrayList<>(node(listPath).orElse(null) instanceof ListNode l ? l.items() : List.of());
        items.add(ReadBack.string(item));
        return checked(addNestedRaw(listPath, string(item)), ReadBack.with(root, listPath, ReadBack.list(items)));
    }

    @Override
    public Optional<TextEdit> addNestedMapItem(List<String> listPath, Map<String, String> fields) {
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        List<MapNode.Entry> item = new ArrayList<>();
        fields.forEach((k, v) -> {
            parts.add(string(k) + ": " + string(v));
            item.add(ReadBack.entry(k, ReadBack.string(v)));
        });
        List<Node> items = new ArrayList<>(node(listPath).orElse(null) instanceof ListNode l ? l.items() : List.of());
        items.add(ReadBack.map(item));
        return checked(addNestedRaw(listPath, "{" + String.join(", ", parts) + "}"), ReadBack.with(root, listPath, ReadBack.list(items)));
    }

    @Override
    public Optional<TextEdit> putEntry(List<String> mapPath, String key, String value) {
        List<MapNode.Entry> entries = new ArrayList<>(node(mapPath).orElse(null) instanceof MapNode m ? m.entries() : List.of());
        entries.add(ReadBack.entry(key, ReadBack.string(value)));
        return checked(putRaw(mapPath, key, string(value)), ReadBack.with(root, mapPath, ReadBack.map(entries)));
    }

    @Override
    public Optional<TextEdit> setEntry(List<String> mapPath, String key, String value) {
        if (!(node(mapPath).orElse(null) instanceof MapNode m) || !(m.get(key).orElse(null) instanceof ScalarNode s) || refusal(append(mapPath, key)).isPresent()) {
            return Optional.empty();
        }
        return checked(Optional.of(new TextEdit(s.span(), string(value))), ReadBack.with(root, append(mapPath, key), ReadBack.string(value)));
    }

    @Override
    public Optional<TextEdit> renameEntry(List<String> mapPath, String key, String newKey) {
        if (refusal(mapPath).isPresent() || !(node(mapPath).orElse(null) instanceof MapNode m) || m.entry(key).isEmpty() || m.entry(newKey).isPresent()) {
            return Optional.empty();
        }
        List<MapNode.Entry> entries = new ArrayList<>(m.entries());
        entries.replaceAll(e -> e.name().equals(key) ? ReadBack.entry(newKey, e.value()) : e);
        return checked(Optional.of(new TextEdit(m.entry(key).get().key().span(), string(newKey))), ReadBack.with(root, mapPath, ReadBack.map(entries)));
    }

    /** Removes the key; the last one leaves {@code {}}. */
    @Override
    public Optional<TextEdit> removeEntry(List<String> mapPath, String key) {
        if (refusal(mapPath).isPresent()) {
            return Optional.empty();
        }
        return checked(removeField(append(mapPath, key)), ReadBack.without(root, append(mapPath, key)));
    }

    @Override
    public Optional<TextEdit> addObject(List<String> mapPath, String key) {
        return checked(putRaw(mapPath, key, "{}"), ReadBack.with(root, append(mapPath, key), ReadBack.map(List.of())));
    }

    /** A JSON string holds line breaks as {@code \n}: the same edit as any string. */
    @Override
    public Optional<TextEdit> setText(List<String> path, String value) {
        return setValue(path, value, false);
    }

    /** {@code "key": raw} into the map at {@code mapPath}, which is created (as are the maps above it) when missing. */
    private Optional<TextEdit> putRaw(List<String> mapPath, String key, String raw) {
        if (refusal(mapPath).isPresent() || (node(mapPath).orElse(null) instanceof MapNode m && m.entry(key).isPresent())) {
            return Optional.empty();
        }
        return insertNested(mapPath, key, raw);
    }

    private Optional<TextEdit> insertNested(List<String> mapPath, String key, String raw) {
        Node at = node(mapPath).orElse(null);
        if (at instanceof MapNode m) {
            return m.entry(key).isPresent() ? Optional.empty() : Optional.of(insertField(m, key, raw));
        }
        String object = "{" + string(key) + ": " + raw + "}";
        if (at instanceof ScalarNode s && s.isNull()) {
            return Optional.of(new TextEdit(s.span(), object));
        }
        if (at == null && !mapPath.isEmpty() && ReadBack.index(last(mapPath)) < 0) {
            return insertNested(mapPath.subList(0, mapPath.size() - 1), last(mapPath), object);
        }
        return Optional.empty();
    }

    /** An item into the list at {@code listPath}, created (with the maps above it) when missing; a null becomes the list. */
    private Optional<TextEdit> addNestedRaw(List<String> listPath, String raw) {
        if (listPath.isEmpty() || refusal(listPath).isPresent()) {
            return Optional.empty();
        }
        Node at = node(listPath).orElse(null);
        if (at instanceof ListNode) {
            return addRaw(listPath, raw);
        }
        if (at instanceof ScalarNode s && s.isNull()) {
            return Optional.of(new TextEdit(s.span(), "[" + raw + "]"));
        }
        if (at != null) {
            return Optional.empty();
        }
        return insertNested(listPath.subList(0, listPath.size() - 1), last(listPath), "[" + raw + "]");
    }

    /** {@code edit} if the edited text reads as {@code expected}. */
    private Optional<TextEdit> checked(Optional<TextEdit> edit, Optional<Node> expected) {
        if (edit.isEmpty() || expected.isEmpty()) {
            return Optional.empty();
        }
        return WorkspaceEdit.applyTo(text, List.of(edit.get())).flatMap(t -> JsonEdits.of(text.id(), t))
                .filter(after -> ReadBack.same(after.root, expected.get())).map(after -> edit.get());
    }

    private static String last(List<String> path) {
        return path.get(path.size() - 1);
    }

    private static List<String> append(List<String> path, String step) {
        List<String> out = new ArrayList<>(path);
        out.add(step);
        return out;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Optional<TextEdit> addRaw(List<String> listPath, String raw) {
        if (listPath.isEmpty() || !(node(listPath.subList(0, listPath.size() - 1)).orElse(null) instanceof MapNode parent)) {
            return Optional.empty();
        }
        Optional<Node> value = parent.get(listPath.get(listPath.size() - 1));
        if (value.isEmpty()) {
            return Optional.of(insertField(parent, listPath.get(listPath.size() - 1), "[" + raw + "]"));
        }
        if (!(value.get() instanceof ListNode list)) {
            return Optional.empty();
        }
        if (list.items().isEmpty()) {
            Span s = list.span();
            return Optional.of(new TextEdit(Span.point(text.id(), s.line(), s.column() + 1), raw));
        }
        Node last = list.items().get(list.items().size() - 1);
        boolean lines = list.items().get(0).span().line() > list.span().line();
        return Optional.of(new TextEdit(end(last), lines ? "," + eol + indentOf(last.span().line()) + raw : ", " + raw));
    }

    private TextEdit insertField(MapNode map, String key, String raw) {
        if (map.entries().isEmpty()) {
            return new TextEdit(Span.point(text.id(), map.span().line(), map.span().column() + 1), string(key) + ": " + raw);
        }
        MapNode.Entry last = map.entries().get(map.entries().size() - 1);
        boolean lines = map.entries().get(0).key().span().line() > map.span().line();
        return new TextEdit(end(last.value()), lines ? "," + eol + indentOf(last.key().span().line()) + string(key) + ": " + raw
                : ", " + string(key) + ": " + raw);
    }

    private static Span start(Node n) {
        return Span.point(n.span().file(), n.span().line(), n.span().column());
    }

    private static Span end(Node n) {
        return Span.point(n.span().file(), n.span().endLine(), n.span().endColumn());
    }

    private String indentOf(int line) {
        String l = text.line(line);
        int i = 0;
        while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
            i++;
        }
        return l.substring(0, i);
    }

    /** A JSON string literal. */
    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

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
 * Structural edits of one YAML manifest as {@link TextEdit}s, computed from its positioned tree and its text.
 * Every edit touches only the lines it must: other lines, comments included, stay byte-identical. What it
 * writes is block-style YAML that Orloj's line reader and a YAML parser read alike: no flow collections, no
 * inline comments, scalars plain only where neither reader gives them a meaning ({@link YamlScalars}).
 *
 * <p>A path is the keys from the document root ({@code spec}, {@code roles}); a number steps into a list
 * ({@code spec}, {@code operation_rules}, {@code 1}, {@code verdict}). Each edit is empty when the path does not
 * lead where it must, the value cannot be written alike for both readers, or the file is not one readable YAML
 * document.
 */
public final class YamlEdits implements ManifestEdits {
    private final SourceText text;
    private final MapNode root;
    private final String eol;
    private final int firstLineShift;

    private YamlEdits(SourceText text, MapNode root) {
        this.text = text;
        this.root = root;
        this.eol = text.text().contains("\r\n") ? "\r\n" : "\n";
        this.firstLineShift = text.text().startsWith("\uFEFF") ? 1 : 0;
    }

    /** The edits of a file's text; empty unless it is one YAML document holding a block mapping, read without error. */
    public static Optional<YamlEdits> of(SourceId file, String text) {
        return ManifestEdits.singleMap(file, text, SourceFormat.YAML).filter(m -> !m.flow())
                .map(m -> new YamlEdits(new SourceText(file, text), m));
    }

    @Override
    public SourceId file() {
        return text.id();
    }

    /** The node at {@code path}, if there is one. */
    @Override
    public Optional<Node> node(List<String> path) {
        return ManifestEdits.at(root, path);
    }

    /** Replaces the scalar at {@code path} in place, keeping its quoting when it is quoted. */
    @Override
    public Optional<TextEdit> setScalar(List<String> path, String value) {
        return setScalar(path, value, false);
    }

    /**
     * As {@link #setScalar(List, String)} for a field that reads a number or a boolean (an int or bool field): an
     * integer or {@code true}/{@code false} is written plain, so both readers read the field's type, not a string.
     */
    public Optional<TextEdit> setTyped(List<String> path, String value) {
        return setScalar(path, value, YamlScalars.literal(value));
    }

    /** As {@link #addField(List, String, String)} for an int or bool field: an integer or true/false is written plain. */
    public Optional<TextEdit> addTypedField(List<String> mapPath, String key, String value) {
        if (!YamlScalars.literal(value)) {
            return addField(mapPath, key, value);
        }
        if (!(node(mapPath).orElse(null) instanceof MapNode map) || map.flow() || map.entries().isEmpty() || map.entry(key).isPresent()) {
            return Optional.empty();
        }
        return insertField(map, key + ": " + value, List.of());
    }

    /**
     * Adds {@code key: value} to the mapping at {@code mapPath}, first creating the mappings of that path that are
     * missing, each under the last one that is written ({@code spec.runtime.retry.max_attempts} in a Tool without
     * {@code runtime}). {@code typed} writes an integer or true/false plain, as {@link #addTypedField} does.
     */
    public Optional<TextEdit> addNestedField(List<String> mapPath, String key, String value, boolean typed) {
        if (node(mapPath).isPresent()) {
            return typed ? addTypedField(mapPath, key, value) : addField(mapPath, key, value);
        }
        Optional<String> written = typed && YamlScalars.literal(value) ? Optional.of(value) : YamlScalars.render(value, ScalarStyle.PLAIN, false);
        return written.flatMap(v -> createUnder(mapPath, List.of(key + ": " + v)));
    }

    /** As {@link #addItem(List, String)}, first creating the mappings above the list that are missing. */
    public Optional<TextEdit> addNestedItem(List<String> listPath, String item) {
        if (listPath.isEmpty() || node(listPath.subList(0, listPath.size() - 1)).isPresent()) {
            return addItem(listPath, item);
        }
        return YamlScalars.render(item, ScalarStyle.PLAIN, false).flatMap(v ->
                createUnder(listPath.subList(0, listPath.size() - 1), List.of(listPath.get(listPath.size() - 1) + ":", "  - " + v)));
    }

    /**
     * As {@link #addMapItem(List, Map)}; a missing or empty list is created with this first item, in its mapping
     * (created too when missing), each key on its own line under the dash.
     */
    public Optional<TextEdit> addNestedMapItem(List<String> listPath, Map<String, String> fields) {
        if (listPath.isEmpty() || fields.isEmpty()) {
            return Optional.empty();
        }
        Optional<Node> list = node(listPath);
        if (list.isPresent() && !(list.get() instanceof ScalarNode s && s.isNull())) {
            return addMapItem(listPath, fields);
        }
        List<String> lines = new ArrayList<>();
        lines.add(listPath.get(listPath.size() - 1) + ":");
        for (Map.Entry<String, String> f : fields.entrySet()) {
            Optional<String> v = YamlScalars.render(f.getValue(), ScalarStyle.PLAIN, false);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            lines.add((lines.size() == 1 ? "  - " : "    ") + f.getKey() + ": " + v.get());
        }
        List<String> parent = listPath.subList(0, listPath.size() - 1);
        if (list.isPresent()) {
            // `key:` with no value: its line becomes the list's key line
            int keyLine = shift(((MapNode) node(parent).orElseThrow()).entry(listPath.get(listPath.size() - 1)).orElseThrow().key().span()).line();
            String indent = " ".repeat(indentOf(text.line(keyLine)));
            return Optional.of(replaceLines(keyLine, keyLine, lines.stream().map(l -> indent + l).toList()));
        }
        return createUnder(parent, lines);
    }

    /**
     * {@code lines} below the missing keys of {@code mapPath}, indented as under its last key; when the mapping is
     * written, {@code lines[0]} is a new key of it and the others (indented two more) go under that key.
     */
    private Optional<TextEdit> createUnder(List<String> mapPath, List<String> lines) {
        int written = mapPath.size();
        while (written > 0 && node(mapPath.subList(0, written)).isEmpty()) {
            written--;
        }
        List<String> missing = mapPath.subList(written, mapPath.size());
        if (missing.stream().anyMatch(k -> k.isEmpty() || k.chars().allMatch(Character::isDigit) || !YamlScalars.plainSafe(k, false))
                || !(node(mapPath.subList(0, written)).orElse(null) instanceof MapNode map) || map.flow() || map.entries().isEmpty()) {
            return Optional.empty();
        }
        if (missing.isEmpty()) {
            // the mapping is written: lines[0] is its new key, the others are indented under it
            if (lines.stream().skip(1).anyMatch(l -> !l.startsWith("  "))) {
                return Optional.empty();
            }
            return insertField(map, lines.get(0), lines.stream().skip(1).map(l -> l.substring(2)).toList());
        }
        List<String> more = new ArrayList<>();
        for (int i = 1; i < missing.size(); i++) {
            more.add("  ".repeat(i - 1) + missing.get(i) + ":");
        }
        for (String l : lines) {
            more.add("  ".repeat(missing.size() - 1) + l);
        }
        return insertField(map, missing.get(0) + ":", more);
    }

    private Optional<TextEdit> setScalar(List<String> path, String value, boolean literal) {
        if (!(node(path).orElse(null) instanceof ScalarNode s) || s.style() == ScalarStyle.LITERAL || s.style() == ScalarStyle.FOLDED
                || s.span().endLine() != s.span().line()) {
            return Optional.empty();
        }
        boolean integer = s.style() == ScalarStyle.PLAIN && YamlScalars.plainSafe(s.text(), true) && !YamlScalars.plainSafe(s.text(), false);
        Optional<String> written = literal ? Optional.of(value) : YamlScalars.render(value, s.style(), integer);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        Span at = shift(s.span());
        String replacement = written.get();
        if (s.text().isEmpty() && s.style() == ScalarStyle.PLAIN) {
            String line = text.line(at.line());
            boolean afterColon = at.column() >= 2 && line.charAt(at.column() - 2) == ':';
            replacement = (afterColon ? " " : "") + replacement;
        }
        return Optional.of(new TextEdit(at, replacement));
    }

    /** Adds {@code key: value} to the block mapping at {@code mapPath}, after its last key, at its indentation. */
    @Override
    public Optional<TextEdit> addField(List<String> mapPath, String key, String value) {
        if (!(node(mapPath).orElse(null) instanceof MapNode map) || map.flow() || map.entries().isEmpty() || map.entry(key).isPresent()) {
            return Optional.empty();
        }
        return YamlScalars.render(value, ScalarStyle.PLAIN, false).flatMap(v -> insertField(map, key + ": " + v, List.of()));
    }

    /**
     * Adds {@code key: value} as the first key of the block mapping at {@code mapPath}, above the comment lines just
     * over its first key, or creates the mapping with it (as {@link #addNestedField}) when the path is missing. First,
     * because Orloj's Agent reader reads {@code model_ref} only where no subsection is open: right under {@code spec:}
     * it is read whatever the indentation of the keys that follow.
     */
    @Override
    public Optional<TextEdit> addFirstField(List<String> mapPath, String key, String value) {
        Optional<Node> at = node(mapPath);
        if (at.isEmpty()) {
            return addNestedField(mapPath, key, value, false);
        }
        if (!(at.get() instanceof MapNode map) || map.flow() || map.entries().isEmpty() || map.entry(key).isPresent()) {
            return Optional.empty();
        }
        Span first = shift(map.entries().get(0).key().span());
        int indent = first.column() - 1;
        if (indentOf(text.line(first.line())) != indent) {
            return Optional.empty();
        }
        int line = first.line();
        while (line > 1 && text.line(line - 1).startsWith(" ".repeat(indent) + "#")) {
            line--;
        }
        int before = line;
        return YamlScalars.render(value, ScalarStyle.PLAIN, false)
                .map(v -> new TextEdit(Span.point(text.id(), before, 1), " ".repeat(indent) + key + ": " + v + eol));
    }

    /**
     * Adds {@code - item} to the list at {@code listPath}, after its last item at its indentation, in the quoting of
     * its first item. A missing list key is created in its parent mapping; an empty key ({@code roles:}) or a flow
     * list ({@code roles: [a]}) is rewritten as a block list.
     */
    @Override
    public Optional<TextEdit> addItem(List<String> listPath, String item) {
        return addItem(listPath, item, List.of());
    }

    /**
     * As {@link #addItem(List, String)}, but a list key that must be created goes before the first key of its mapping
     * named in {@code before} (and the comment lines just above it), not after the last: where Orloj's Agent reader
     * skips a seed-form block only when it comes before any list of {@code spec}.
     */
    @Override
    public Optional<TextEdit> addItem(List<String> listPath, String item, List<String> before) {
        if (listPath.isEmpty() || !(node(listPath.subList(0, listPath.size() - 1)).orElse(null) instanceof MapNode parent) || parent.flow()) {
            return Optional.empty();
        }
        String key = listPath.get(listPath.size() - 1);
        Optional<MapNode.Entry> entry = parent.entry(key);
        if (entry.isEmpty()) {
            Optional<MapNode.Entry> next = parent.entries().stream().filter(e -> before.contains(e.name())).findFirst();
            if (next.isPresent()) {
                int line = shift(next.get().key().span()).line();
                int indent = shift(next.get().key().span()).column() - 1;
                while (line > 1 && text.line(line - 1).startsWith(" ".repeat(indent) + "#")) {
                    line--;
                }
                int at = line;
                return YamlScalars.render(item, ScalarStyle.PLAIN, false).map(v -> new TextEdit(Span.point(text.id(), at, 1),
                        " ".repeat(indent) + key + ":" + eol + " ".repeat(indent + 2) + "- " + v + eol));
            }
            return YamlScalars.render(item, ScalarStyle.PLAIN, false)
                    .flatMap(v -> parent.entries().isEmpty() ? Optional.empty() : insertField(parent, key + ":", List.of("- " + v)));
        }
        Node value = entry.get().value();
        if (value instanceof ListNode list && !list.flow() && !list.items().isEmpty()) {
            Node first = list.items().get(0);
            ScalarStyle like = first instanceof ScalarNode s ? s.style() : ScalarStyle.PLAIN;
            Optional<String> written = YamlScalars.render(item, like, false);
            if (written.isEmpty()) {
                return Optional.empty();
            }
            String indent = " ".repeat(indentOf(text.line(shift(first.span()).line())));
            return Optional.of(insertAfter(lastLine(list), List.of(indent + "- " + written.get())));
        }
        boolean empty = value instanceof ScalarNode s && s.isNull();
        boolean flowOfScalars = value instanceof ListNode l && l.flow() && l.items().stream().allMatch(i -> i instanceof ScalarNode);
        if (!empty && !flowOfScalars) {
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        if (value instanceof ListNode l) {
            l.items().forEach(i -> items.add(((ScalarNode) i).text()));
        }
        items.add(item);
        int keyLine = shift(entry.get().key().span()).line();
        int keyIndent = indentOf(text.line(keyLine));
        List<String> lines = new ArrayList<>();
        lines.add(" ".repeat(keyIndent) + key + ":");
        for (String i : items) {
            Optional<String> written = YamlScalars.render(i, ScalarStyle.PLAIN, false);
            if (written.isEmpty()) {
                return Optional.empty();
            }
            lines.add(" ".repeat(keyIndent + 2) + "- " + written.get());
        }
        return Optional.of(replaceLines(keyLine, Math.max(keyLine, lastLine(value)), lines));
    }

    /**
     * Adds a mapping item ({@code - k1: v1}, then {@code k2: v2} under it) to the block list at {@code listPath},
     * after its last item, in the layout of its first item.
     */
    @Override
    public Optional<TextEdit> addMapItem(List<String> listPath, Map<String, String> fields) {
        if (fields.isEmpty() || !(node(listPath).orElse(null) instanceof ListNode list) || list.flow() || list.items().isEmpty()) {
            return Optional.empty();
        }
        Node first = list.items().get(0);
        int dash = indentOf(text.line(shift(first.span()).line()));
        int keys = first instanceof MapNode m && !m.entries().isEmpty() ? shift(m.entries().get(0).key().span()).column() - 1 : dash + 2;
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            Optional<String> v = YamlScalars.render(f.getValue(), ScalarStyle.PLAIN, false);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            String prefix = lines.isEmpty() ? " ".repeat(dash) + "-" + " ".repeat(Math.max(1, keys - dash - 1)) : " ".repeat(keys);
            lines.add(prefix + f.getKey() + ": " + v.get());
        }
        return Optional.of(insertAfter(lastLine(list), lines));
    }

    /** Removes the first item whose text is {@code item} from the block list at {@code listPath}; the last item takes its key along. */
    @Override
    public Optional<TextEdit> removeItem(List<String> listPath, String item) {
        if (!(node(listPath).orElse(null) instanceof ListNode list)) {
            return Optional.empty();
        }
        for (int i = 0; i < list.items().size(); i++) {
            if (list.items().get(i) instanceof ScalarNode s && s.text().equals(item)) {
                return removeItemAt(listPath, i);
            }
        }
        return Optional.empty();
    }

    /** Removes item {@code index} (its whole lines) from the block list at {@code listPath}; the last item takes its key along. */
    @Override
    public Optional<TextEdit> removeItemAt(List<String> listPath, int index) {
        if (!(node(listPath).orElse(null) instanceof ListNode list) || list.flow() || index < 0 || index >= list.items().size()) {
            return Optional.empty();
        }
        if (list.items().size() == 1) {
            return removeField(listPath);
        }
        Node item = list.items().get(index);
        int first = shift(item.span()).line();
        return Optional.of(replaceLines(first, lastLine(item), List.of()));
    }

    /** Removes the field at {@code path}: its key line and every line of its value. */
    @Override
    public Optional<TextEdit> removeField(List<String> path) {
        if (path.isEmpty() || !(node(path.subList(0, path.size() - 1)).orElse(null) instanceof MapNode parent) || parent.flow()) {
            return Optional.empty();
        }
        Optional<MapNode.Entry> entry = parent.entry(path.get(path.size() - 1));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        int keyLine = shift(entry.get().key().span()).line();
        return Optional.of(replaceLines(keyLine, Math.max(keyLine, lastLine(entry.get().value())), List.of()));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A field line {@code head} (and {@code more} lines, indented two further) after the last line of {@code map}. */
    private Optional<TextEdit> insertField(MapNode map, String head, List<String> more) {
        int indent = shift(map.entries().get(0).key().span()).column() - 1;
        List<String> lines = new ArrayList<>();
        lines.add(" ".repeat(indent) + head);
        more.forEach(l -> lines.add(" ".repeat(indent + 2) + l));
        return Optional.of(insertAfter(lastLine(map), lines));
    }

    /** The last line holding any of the node's text (a block scalar's trailing blank lines excluded). */
    private int lastLine(Node n) {
        if (n instanceof ScalarNode s) {
            Span at = shift(s.span());
            if (s.style() == ScalarStyle.LITERAL || s.style() == ScalarStyle.FOLDED) {
                int end = at.endColumn() == 1 && at.endLine() > at.line() ? at.endLine() - 1 : at.endLine();
                while (end > at.line() && text.line(end).isBlank()) {
                    end--;
                }
                return end;
            }
            return at.endLine();
        }
        if (n instanceof MapNode m) {
            if (m.flow() || m.entries().isEmpty()) {
                return shift(m.span()).endLine();
            }
            MapNode.Entry last = m.entries().get(m.entries().size() - 1);
            return Math.max(shift(last.key().span()).line(), lastLine(last.value()));
        }
        ListNode l = (ListNode) n;
        if (l.flow() || l.items().isEmpty()) {
            return shift(l.span()).endLine();
        }
        return lastLine(l.items().get(l.items().size() - 1));
    }

    private TextEdit insertAfter(int line, List<String> lines) {
        String block = String.join(eol, lines);
        if (line < text.lineCount()) {
            return new TextEdit(Span.point(text.id(), line + 1, 1), block + eol);
        }
        return new TextEdit(Span.point(text.id(), line, text.line(line).length() + 1), eol + block);
    }

    /** Replaces whole lines {@code first}..{@code last} (with their line breaks) by {@code lines}. */
    private TextEdit replaceLines(int first, int last, List<String> lines) {
        String block = lines.isEmpty() ? "" : String.join(eol, lines) + eol;
        if (last < text.lineCount()) {
            return new TextEdit(new Span(text.id(), first, 1, last + 1, 1), block);
        }
        // the last line has no line break: take the one before it instead
        Span end = text.lineSpan(last);
        if (first == 1) {
            return new TextEdit(new Span(text.id(), 1, 1, last, end.endColumn()), lines.isEmpty() ? "" : String.join(eol, lines));
        }
        Span before = text.lineSpan(first - 1);
        return new TextEdit(new Span(text.id(), first - 1, before.endColumn(), last, end.endColumn()),
                lines.isEmpty() ? "" : eol + String.join(eol, lines));
    }

    /** Spans of the tree are read without a byte-order mark; the text keeps it. */
    private Span shift(Span s) {
        if (firstLineShift == 0 || (s.line() != 1 && s.endLine() != 1)) {
            return s;
        }
        return new Span(s.file(), s.line(), s.column() + (s.line() == 1 ? 1 : 0), s.endLine(), s.endColumn() + (s.endLine() == 1 ? 1 : 0));
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}

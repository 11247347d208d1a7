package dev.gatehouse.core.edit;

import dev.gatehouse.core.parse.Document;
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
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 *
 * <p>The form's edits ({@link ManifestEdits}) rewrite what is in their way as block YAML: a flow map or
 * {@code {}} becomes a block mapping, a key with no value gets its children under it, an inline comment on such a
 * line moves to a line of its own above it (a header with a comment is not a header to Orloj's reader). Each is
 * read back before it is returned.
 */
public final class YamlEdits implements ManifestEdits {
    /** A block scalar's header as written after its key: indicator, chomping/indentation, an optional comment. */
    private static final Pattern BLOCK_HEADER = Pattern.compile("[|>][-+0-9]*\\s*(#.*)?");
    private static final int FOLD_WIDTH = 80;

    private final SourceText text;
    private final MapNode root;
    private final String eol;
    private final int firstLineShift;
    /** Where the document writes anchors, aliases and tags, which an edit must not touch or share. */
    private final List<Document.Construct> constructs;

    private YamlEdits(SourceText text, Document document) {
        this.text = text;
        this.root = (MapNode) document.root();
        this.eol = text.text().contains("\r\n") ? "\r\n" : "\n";
        this.firstLineShift = text.text().startsWith("\uFEFF") ? 1 : 0;
        this.constructs = document.constructs().stream().filter(c -> !c.what().startsWith("quoted key"))
                .map(c -> new Document.Construct(c.what(), shift(c.span()))).toList();
    }

    /** The edits of a file's text; empty unless it is one YAML document holding a block mapping, read without error. */
    public static Optional<YamlEdits> of(SourceId file, String text) {
        return ManifestEdits.singleDocument(file, text, SourceFormat.YAML).filter(d -> !((MapNode) d.root()).flow())
                .map(d -> new YamlEdits(new SourceText(file, text), d));
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
     * {@code runtime}); a mapping written as {@code key:} or {@code key: {}} gets it as its first key.
     * {@code typed} writes an integer or true/false plain, as {@link #addTypedField} does.
     */
    @Override
    public Optional<TextEdit> addNestedField(List<String> mapPath, String key, String value, boolean typed) {
        if (node(mapPath).orElse(null) instanceof MapNode m && !m.flow() && !m.entries().isEmpty()) {
            return typed ? addTypedField(mapPath, key, value) : addField(mapPath, key, value);
        }
        Optional<String> written = typed && YamlScalars.literal(value) ? Optional.of(value) : YamlScalars.render(value, ScalarStyle.PLAIN, false);
        if (written.isEmpty() || !YamlScalars.keySafe(key) || refusal(mapPath).isPresent()) {
            return Optional.empty();
        }
        return checked(insertUnder(mapPath, List.of(key + ": " + written.get())), ReadBack.with(root, append(mapPath, key), ReadBack.string(value)));
    }

    /** As {@link #addItem(List, String)}, first creating the mappings above the list that are missing. */
    @Override
    public Optional<TextEdit> addNestedItem(List<String> listPath, String item) {
        if (listPath.isEmpty() || refusal(listPath).isPresent()) {
            return Optional.empty();
        }
        List<String> parent = listPath.subList(0, listPath.size() - 1);
        Optional<TextEdit> edit = node(parent).orElse(null) instanceof MapNode m && !m.flow() && !m.entries().isEmpty()
                ? addItem(listPath, item)
                : YamlScalars.render(item, ScalarStyle.PLAIN, false).flatMap(v -> insertUnder(parent, List.of(last(listPath) + ":", "  - " + v)));
        List<Node> items = new ArrayList<>(node(listPath).orElse(null) instanceof ListNode l ? l.items() : List.of());
        items.add(ReadBack.string(item));
        return checked(edit, ReadBack.with(root, listPath, ReadBack.list(items)));
    }

    /**
     * As {@link #addMapItem(List, Map)}; a missing or empty list is created with this first item, in its mapping
     * (created too when missing), each key on its own line under the dash.
     */
    @Override
    public Optional<TextEdit> addNestedMapItem(List<String> listPath, Map<String, String> fields) {
        if (listPath.isEmpty() || fields.isEmpty() || refusal(listPath).isPresent()) {
            return Optional.empty();
        }
        Optional<Node> list = node(listPath);
        List<Node> items = new ArrayList<>(list.orElse(null) instanceof ListNode l ? l.items() : List.of());
        List<MapNode.Entry> item = new ArrayList<>();
        fields.forEach((k, v) -> item.add(ReadBack.entry(k, ReadBack.string(v))));
        items.add(ReadBack.map(item));
        Optional<Node> expected = ReadBack.with(root, listPath, ReadBack.list(items));
        if (list.isPresent() && !isNull(list.get())) {
            return checked(addMapItem(listPath, fields), expected);
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            Optional<String> v = YamlScalars.render(f.getValue(), ScalarStyle.PLAIN, false);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            lines.add((lines.isEmpty() ? "- " : "  ") + f.getKey() + ": " + v.get());
        }
        if (list.isPresent()) {
            return checked(rewriteAsBlock(listPath, lines), expected);
        }
        List<String> under = new ArrayList<>();
        under.add(last(listPath) + ":");
        lines.forEach(l -> under.add("  " + l));
        return checked(insertUnder(listPath.subList(0, listPath.size() - 1), under), expected);
    }

    // ------------------------------------------------------------------------------------------------ the form's edits

    @Override
    public Optional<String> refusal(List<String> path) {
        Node at = root;
        for (int i = 0; i < path.size(); i++) {
            String step = path.get(i);
            String dotted = "`" + String.join(".", path.subList(0, i + 1)) + "`";
            Node next;
            // where the node is written: after its key, or after the item before it (anything earlier is an alias)
            Span from;
            if (at instanceof MapNode m) {
                Optional<MapNode.Entry> e = m.entry(step);
                if (e.isEmpty()) {
                    return Optional.empty();
                }
                if (m.entries().stream().filter(x -> x.name().equals(step)).count() > 1) {
                    return Optional.of(dotted + " is written twice: remove one in the text");
                }
                Span key = shift(e.get().key().span());
                if (text.line(key.line()).substring(0, key.column() - 1).strip().endsWith("?")) {
                    return Optional.of(dotted + " has an explicit `? ` key: edit it in the text");
                }
                next = e.get().value();
                from = end(key);
            } else if (at instanceof ListNode l && ReadBack.index(step) >= 0 && ReadBack.index(step) < l.items().size()) {
                int index = ReadBack.index(step);
                next = l.items().get(index);
                from = index == 0 ? start(shift(l.span())) : end(shift(l.items().get(index - 1).span()));
            } else {
                return Optional.empty();
            }
            Span value = shift(next.span());
            if (before(value, from)) {
                return Optional.of(dotted + " is an alias of a value written elsewhere: edit it in the text");
            }
            boolean last = i == path.size() - 1;
            for (Document.Construct c : constructs) {
                Span s = c.span();
                // on the node itself (between its key and its value: `&a`, `!!str`), or anywhere in the field edited
                boolean onIt = !before(s, from) && !before(value, s);
                boolean inside = last && !before(s, from) && before(s, end(value));
                if (onIt || inside) {
                    return Optional.of(dotted + (c.what().startsWith("tag") ? " carries a tag" : " uses an anchor or alias")
                            + " (" + c.what() + "): edit it in the text, where every place that shares it can be seen");
                }
            }
            at = next;
        }
        return Optional.empty();
    }

    private static Span start(Span s) {
        return Span.point(s.file(), s.line(), s.column());
    }

    private static Span end(Span s) {
        return Span.point(s.file(), s.endLine(), s.endColumn());
    }

    /** Sets a scalar in place (a number or boolean written plain when {@code typed}), or adds it with its missing mappings. */
    @Override
    public Optional<TextEdit> setValue(List<String> path, String value, boolean typed) {
        return setValue(path, value, typed, List.of());
    }

    @Override
    public Optional<TextEdit> setValue(List<String> path, String value, boolean typed, List<String> before) {
        if (path.isEmpty() || refusal(path).isPresent()) {
            return Optional.empty();
        }
        Optional<Node> at = node(path);
        Optional<TextEdit> edit;
        Optional<MapNode.Entry> next = node(path.subList(0, path.size() - 1)).orElse(null) instanceof MapNode m && !m.flow()
                ? m.entries().stream().filter(e -> before.contains(e.name())).findFirst() : Optional.empty();
        if (at.isEmpty() && next.isPresent()) {
            Optional<String> written = typed && YamlScalars.literal(value) ? Optional.of(value) : YamlScalars.render(value, ScalarStyle.PLAIN, false);
            Span key = shift(next.get().key().span());
            String prefix = text.line(key.line()).substring(0, key.column() - 1);
            if (written.isEmpty() || !YamlScalars.keySafe(last(path)) || !prefix.isBlank()) {
                return Optional.empty();
            }
            int line = key.line();
            while (line > 1 && text.line(line - 1).startsWith(prefix + "#")) {
                line--;
            }
            edit = Optional.of(new TextEdit(Span.point(text.id(), line, 1), prefix + last(path) + ": " + written.get() + eol));
        } else if (at.isEmpty()) {
            edit = addNestedField(path.subList(0, path.size() - 1), last(path), value, typed);
        } else {
            edit = typed ? setTyped(path, value) : setScalar(path, value);
        }
        return checked(edit, ReadBack.with(root, path, ReadBack.string(value)));
    }

    @Override
    public Optional<TextEdit> clear(List<String> path) {
        if (path.isEmpty() || refusal(path).isPresent()) {
            return Optional.empty();
        }
        return checked(removeField(path), ReadBack.without(root, path));
    }

    @Override
    public Optional<TextEdit> removeListItem(List<String> listPath, int index) {
        if (refusal(listPath).isPresent() || !(node(listPath).orElse(null) instanceof ListNode list)) {
            return Optional.empty();
        }
        Optional<Node> expected = list.items().size() == 1 ? ReadBack.without(root, listPath)
                : ReadBack.without(root, append(listPath, String.valueOf(index)));
        return checked(removeItemAt(listPath, index), expected);
    }

    @Override
    public Optional<TextEdit> putEntry(List<String> mapPath, String key, String value) {
        Node at = node(mapPath).orElse(null);
        if (refusal(mapPath).isPresent() || !YamlScalars.keySafe(key) || (at != null && !(at instanceof MapNode) && !isNull(at))) {
            return Optional.empty();
        }
        List<MapNode.Entry> old = at instanceof MapNode m ? m.entries() : List.of();
        if (old.stream().anyMatch(e -> e.name().equals(key))) {
            return Optional.empty();
        }
        Optional<String> v = mapValue(value, like(old));
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String line = key + ": " + v.get();
        Optional<TextEdit> edit = at instanceof MapNode m && !m.flow() && !m.entries().isEmpty()
                ? insertField(m, line, List.of()) : insertUnder(mapPath, List.of(line));
        List<MapNode.Entry> expected = new ArrayList<>(old);
        expected.add(ReadBack.entry(key, ReadBack.string(value)));
        return checked(edit, ReadBack.with(root, mapPath, ReadBack.map(expected)));
    }

    @Override
    public Optional<TextEdit> setEntry(List<String> mapPath, String key, String value) {
        if (refusal(mapPath).isPresent() || !(node(mapPath).orElse(null) instanceof MapNode m) || m.entry(key).isEmpty()
                || !(m.entry(key).get().value() instanceof ScalarNode)) {
            return Optional.empty();
        }
        Optional<TextEdit> edit;
        if (!m.flow()) {
            edit = value.isEmpty() ? setScalar(append(mapPath, key), "\"\"", true) : setScalar(append(mapPath, key), value);
        } else {
            edit = rewriteFlow(mapPath, m, entries -> {
                entries.replaceAll(e -> e.name().equals(key) ? ReadBack.entry(key, ReadBack.string(value)) : e);
                return entries;
            });
        }
        return checked(edit, ReadBack.with(root, append(mapPath, key), ReadBack.string(value)));
    }

    @Override
    public Optional<TextEdit> renameEntry(List<String> mapPath, String key, String newKey) {
        if (refusal(mapPath).isPresent() || !YamlScalars.keySafe(newKey) || !(node(mapPath).orElse(null) instanceof MapNode m)
                || m.entry(key).isEmpty() || m.entry(newKey).isPresent()) {
            return Optional.empty();
        }
        UnaryOperator<List<MapNode.Entry>> rename = entries -> {
            entries.replaceAll(e -> e.name().equals(key) ? ReadBack.entry(newKey, e.value()) : e);
            return entries;
        };
        Optional<TextEdit> edit = m.flow() ? rewriteFlow(mapPath, m, rename)
                : Optional.of(new TextEdit(shift(m.entry(key).get().key().span()), newKey));
        return checked(edit, ReadBack.with(root, mapPath, ReadBack.map(rename.apply(new ArrayList<>(m.entries())))));
    }

    @Override
    public Optional<TextEdit> removeEntry(List<String> mapPath, String key) {
        if (refusal(mapPath).isPresent() || !(node(mapPath).orElse(null) instanceof MapNode m) || m.entry(key).isEmpty()) {
            return Optional.empty();
        }
        if (m.entries().size() == 1) {
            return checked(removeField(mapPath), ReadBack.without(root, mapPath));
        }
        UnaryOperator<List<MapNode.Entry>> drop = entries -> {
            entries.removeIf(e -> e.name().equals(key));
            return entries;
        };
        Optional<TextEdit> edit = m.flow() ? rewriteFlow(mapPath, m, drop) : removeField(append(mapPath, key));
        return checked(edit, ReadBack.with(root, mapPath, ReadBack.map(drop.apply(new ArrayList<>(m.entries())))));
    }

    /** Adds {@code key:} with no value, which both readers read as an empty mapping (a graph node without edges yet). */
    @Override
    public Optional<TextEdit> addObject(List<String> mapPath, String key) {
        Node at = node(mapPath).orElse(null);
        if (refusal(mapPath).isPresent() || !YamlScalars.keySafe(key) || (at != null && !(at instanceof MapNode) && !isNull(at))
                || (at instanceof MapNode m && m.entry(key).isPresent())) {
            return Optional.empty();
        }
        Optional<TextEdit> edit = at instanceof MapNode m && !m.flow() && !m.entries().isEmpty()
                ? insertField(m, key + ":", List.of()) : insertUnder(mapPath, List.of(key + ":"));
        return checked(edit, ReadBack.with(root, append(mapPath, key), ReadBack.nothing()));
    }

    /**
     * Sets a string that may hold line breaks. With a line break, or when the value was a block scalar already, it
     * is written as a block scalar under its key: literal ({@code |}), or folded ({@code >}) when it was folded and
     * folds back ({@link #block}); its text two spaces further in than the key, where Orloj's reader takes a
     * prompt's text from. A comment on the header line moves above the key. Without a line break a plain or quoted
     * value stays a plain or quoted one.
     */
    @Override
    public Optional<TextEdit> setText(List<String> path, String value) {
        return setText(path, value, false);
    }

    /** As {@link #setText(List, String)}; {@code literal} writes a folded block back as a literal one (an Agent's prompt: Orloj reads no {@code >}). */
    @Override
    public Optional<TextEdit> setText(List<String> path, String value, boolean literal) {
        if (path.isEmpty() || value.isEmpty() || refusal(path).isPresent()) {
            return Optional.empty();
        }
        Optional<Node> expected = ReadBack.with(root, path, ReadBack.string(value));
        Optional<Node> at = node(path);
        if (at.isEmpty()) {
            if (!value.contains("\n")) {
                return setValue(path, value, false);
            }
            Optional<Block> b = block(value, ScalarStyle.LITERAL, FOLD_WIDTH);
            if (b.isEmpty()) {
                return Optional.empty();
            }
            List<String> lines = new ArrayList<>();
            lines.add(last(path) + ": " + b.get().header());
            b.get().lines().forEach(l -> lines.add(l.isEmpty() ? "" : "  " + l));
            return checked(insertUnder(path.subList(0, path.size() - 1), lines), expected);
        }
        if (!(at.get() instanceof ScalarNode s) || !(node(path.subList(0, path.size() - 1)).orElse(null) instanceof MapNode parent)
                || parent.flow()) {
            return Optional.empty();
        }
        boolean isBlock = s.style() == ScalarStyle.LITERAL || s.style() == ScalarStyle.FOLDED;
        Span vs = shift(s.span());
        if (!value.contains("\n") && !isBlock && vs.line() == vs.endLine()) {
            return checked(setScalar(path, value), expected);
        }
        return checked(rewriteScalar(parent.entry(last(path)).orElseThrow(), s, value, literal), expected);
    }

    /** A block scalar's header ({@code |}, {@code >-} …) and its lines, not yet indented. */
    private record Block(String header, List<String> lines, boolean keep) {}

    /**
     * {@code value} as a block scalar both readers read alike: empty when it holds a control character or a CR, or
     * its first line starts with a space or tab (that needs an indentation indicator, which Orloj's reader does not
     * know). Chomping follows the final line breaks: none {@code -}, one (clip), more {@code +}. Folded only when
     * {@code like} is folded and every paragraph folds back (no tab, no space at either end, no leading line
     * break): words wrapped at single spaces within {@code width}, each line break an empty line.
     */
    private static Optional<Block> block(String value, ScalarStyle like, int width) {
        if (value.codePoints().anyMatch(c -> (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f)
                || c == 0x2028 || c == 0x2029 || c == 0xfeff)) {
            return Optional.empty();
        }
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '\n') {
            end--;
        }
        int breaks = value.length() - end;
        String body = value.substring(0, end);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
        String first = lines.stream().filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (first.startsWith(" ") || first.startsWith("\t")) {
            return Optional.empty();
        }
        String chomp = breaks == 0 ? "-" : breaks == 1 ? "" : "+";
        boolean foldable = like == ScalarStyle.FOLDED && breaks < 2 && !lines.get(0).isEmpty()
                && lines.stream().allMatch(l -> !l.contains("\t") && l.equals(l.strip()));
        if (foldable) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.isEmpty()) {
                    out.add("");
                    continue;
                }
                if (i > 0 && !lines.get(i - 1).isEmpty()) {
                    out.add("");
                }
                out.addAll(wrap(l, width));
            }
            return Optional.of(new Block(">" + chomp, out, false));
        }
        for (int i = 1; i < breaks; i++) {
            lines.add("");
        }
        return Optional.of(new Block("|" + chomp, lines, breaks > 1));
    }

    /** Words of a line without double spaces wrapped at single spaces, each line at most {@code width} where it can be. */
    private static List<String> wrap(String line, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder now = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            int j = line.indexOf(' ', i);
            // a break may only replace a single space between two words
            while (j > 0 && j + 1 < line.length() && line.charAt(j + 1) == ' ') {
                j = line.indexOf(' ', j + 2);
                while (j > 0 && j + 1 < line.length() && line.charAt(j + 1) == ' ') {
                    j++;
                }
                if (j > 0 && line.charAt(j - 1) == ' ') {
                    j = line.indexOf(' ', j + 1);
                }
            }
            String word = j < 0 ? line.substring(i) : line.substring(i, j);
            if (now.length() > 0 && now.length() + 1 + word.length() > width) {
                out.add(now.toString());
                now.setLength(0);
            }
            if (now.length() > 0) {
                now.append(' ');
            }
            now.append(word);
            i = j < 0 ? line.length() : j + 1;
        }
        out.add(now.toString());
        return out;
    }

    /** The scalar of {@code entry} (on its key's line) rewritten as the block of {@code value}. */
    private Optional<TextEdit> rewriteScalar(MapNode.Entry entry, ScalarNode s, String value, boolean literal) {
        Span key = shift(entry.key().span());
        Span vs = shift(s.span());
        if (vs.line() != key.line()) {
            return Optional.empty();
        }
        String line = text.line(key.line());
        boolean isBlock = s.style() == ScalarStyle.LITERAL || s.style() == ScalarStyle.FOLDED;
        String comment = "";
        int width = FOLD_WIDTH;
        if (isBlock) {
            Matcher m = BLOCK_HEADER.matcher(line.substring(vs.column() - 1));
            if (!m.matches()) {
                return Optional.empty();
            }
            comment = m.group(1) == null ? "" : m.group(1).strip();
            int widest = 0;
            for (int l = vs.line() + 1; l <= lastLine(s); l++) {
                widest = Math.max(widest, text.line(l).strip().length());
            }
            width = Math.max(40, widest);
        }
        Optional<Block> b = block(value, literal ? ScalarStyle.LITERAL : s.style(), width);
        if (b.isEmpty()) {
            return Optional.empty();
        }
        int endLine;
        int endColumn;
        boolean takesBreak = false;
        if (isBlock && b.get().keep()) {
            endLine = vs.endLine();
            endColumn = vs.endColumn();
            takesBreak = endColumn == 1 && endLine > vs.line();
        } else if (isBlock) {
            endLine = lastLine(s);
            endColumn = text.line(endLine).length() + 1;
        } else {
            endLine = vs.endLine();
            String rest = text.line(endLine).substring(vs.endColumn() - 1);
            if (!rest.isBlank() && !rest.strip().startsWith("#")) {
                return Optional.empty();
            }
            comment = rest.strip();
            endColumn = text.line(endLine).length() + 1;
        }
        String indent = " ".repeat(key.column() - 1 + 2);
        StringBuilder out = new StringBuilder();
        if (!comment.isEmpty()) {
            out.append(" ".repeat(indentOf(line))).append(comment).append(eol);
        }
        out.append(line, 0, vs.column() - 1).append(b.get().header());
        for (String l : b.get().lines()) {
            out.append(eol).append(l.isEmpty() ? "" : indent + l);
        }
        if (takesBreak) {
            out.append(eol);
        }
        return Optional.of(new TextEdit(new Span(text.id(), key.line(), 1, endLine, endColumn), out.toString()));
    }

    // ------------------------------------------------------------------------------------------------ writing under keys

    /**
     * {@code lines} as new content of the mapping at {@code mapPath}: {@code lines[0]} is a new key of it, the
     * others (starting with two spaces, or empty) belong under that key. Keys of the path that are missing are
     * created, each under the last one written; a key written with no value or with a flow map ({@code {}},
     * {@code {a: b}}) is rewritten as a block mapping holding what it held and the new lines.
     */
    private Optional<TextEdit> insertUnder(List<String> mapPath, List<String> lines) {
        Optional<Node> at = node(mapPath);
        if (at.isPresent() && at.get() instanceof MapNode m && !m.flow() && !m.entries().isEmpty()) {
            if (m.entry(head(lines.get(0))).isPresent() || lines.stream().skip(1).anyMatch(l -> !l.isEmpty() && !l.startsWith("  "))) {
                return Optional.empty();
            }
            return insertField(m, lines.get(0), lines.stream().skip(1).map(l -> l.isEmpty() ? l : l.substring(2)).toList());
        }
        if (mapPath.isEmpty()) {
            return Optional.empty();
        }
        String key = last(mapPath);
        if (at.isEmpty()) {
            if (ReadBack.index(key) >= 0 || !YamlScalars.keySafe(key)) {
                return Optional.empty();
            }
            List<String> more = new ArrayList<>();
            more.add(key + ":");
            lines.forEach(l -> more.add(l.isEmpty() ? l : "  " + l));
            return insertUnder(mapPath.subList(0, mapPath.size() - 1), more);
        }
        Optional<List<String>> held = isNull(at.get()) ? Optional.of(List.of())
                : at.get() instanceof MapNode m && m.flow() ? flowLines(m.entries()) : Optional.empty();
        return held.flatMap(h -> {
            List<String> body = new ArrayList<>(h);
            body.addAll(lines);
            return rewriteAsBlock(mapPath, body);
        });
    }

    /** The key of a line {@code key: value} or {@code key:}. */
    private static String head(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? line : line.substring(0, colon);
    }

    /** A flow map rewritten by {@code change} as a block mapping; a map left empty takes its key along. */
    private Optional<TextEdit> rewriteFlow(List<String> mapPath, MapNode m, UnaryOperator<List<MapNode.Entry>> change) {
        List<MapNode.Entry> entries = change.apply(new ArrayList<>(m.entries()));
        if (entries.isEmpty()) {
            return removeField(mapPath);
        }
        return flowLines(entries).flatMap(lines -> rewriteAsBlock(mapPath, lines));
    }

    /** Entries of a flow map (scalars only) as block lines {@code key: value}, values in their own quoting. */
    private static Optional<List<String>> flowLines(List<MapNode.Entry> entries) {
        List<String> out = new ArrayList<>();
        for (MapNode.Entry e : entries) {
            if (!YamlScalars.keySafe(e.name()) || !(e.value() instanceof ScalarNode s)) {
                return Optional.empty();
            }
            if (s.isNull()) {
                out.add(e.name() + ":");
                continue;
            }
            ScalarStyle like = s.style() == ScalarStyle.SINGLE_QUOTED || s.style() == ScalarStyle.DOUBLE_QUOTED ? s.style() : ScalarStyle.PLAIN;
            Optional<String> v = mapValue(s.text(), like);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            out.add(e.name() + ": " + v.get());
        }
        return Optional.of(out);
    }

    /**
     * The entry at {@code path}, written {@code key:}, {@code key: ~} or {@code key: {…}} / {@code [ … ]} on its
     * key's line, rewritten as {@code key:} with {@code body} (lines relative to the key's children) under it. A
     * comment after it moves to a line of its own above the key.
     */
    private Optional<TextEdit> rewriteAsBlock(List<String> path, List<String> body) {
        if (path.isEmpty() || !(node(path.subList(0, path.size() - 1)).orElse(null) instanceof MapNode parent) || parent.flow()) {
            return Optional.empty();
        }
        Optional<MapNode.Entry> entry = parent.entry(last(path));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Span key = shift(entry.get().key().span());
        Node value = entry.get().value();
        String line = text.line(key.line());
        int colon = key.endColumn() - 1;
        while (colon < line.length() && line.charAt(colon) == ' ') {
            colon++;
        }
        if (colon >= line.length() || line.charAt(colon) != ':') {
            return Optional.empty();
        }
        int after;
        if (value instanceof ScalarNode s && s.isNull() && s.text().isEmpty()) {
            after = colon + 1;
        } else {
            boolean flow = (value instanceof MapNode m && m.flow()) || (value instanceof ListNode l && l.flow());
            Span vs = shift(value.span());
            if (!(flow || isNull(value)) || vs.line() != key.line() || vs.endLine() != key.line()) {
                return Optional.empty();
            }
            after = vs.endColumn() - 1;
        }
        String rest = line.substring(Math.min(after, line.length()));
        if (!rest.isBlank() && !(rest.strip().startsWith("#") && Character.isWhitespace(rest.charAt(0)))) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        if (!rest.isBlank()) {
            lines.add(" ".repeat(indentOf(line)) + rest.strip());
        }
        lines.add(line.substring(0, key.endColumn() - 1) + ":");
        String indent = " ".repeat(key.column() - 1 + 2);
        body.forEach(l -> lines.add(l.isEmpty() ? "" : indent + l));
        return Optional.of(replaceLines(key.line(), key.line(), lines));
    }

    /** {@code edit} if the edited text reads as {@code expected} (and has no anchor, alias or tag the text had not). */
    private Optional<TextEdit> checked(Optional<TextEdit> edit, Optional<Node> expected) {
        if (edit.isEmpty() || expected.isEmpty()) {
            return Optional.empty();
        }
        return WorkspaceEdit.applyTo(text, List.of(edit.get())).flatMap(t -> YamlEdits.of(text.id(), t))
                .filter(after -> after.constructs.size() <= constructs.size() && ReadBack.same(after.root, expected.get()))
                .map(after -> edit.get());
    }

    /** A map value: {@code ""} for an empty one, else as {@link YamlScalars#render}. */
    private static Optional<String> mapValue(String value, ScalarStyle like) {
        if (value.isEmpty()) {
            return Optional.of(like == ScalarStyle.SINGLE_QUOTED ? "''" : "\"\"");
        }
        return YamlScalars.render(value, like, false);
    }

    /** The quoting of a map's first value, which new values follow. */
    private static ScalarStyle like(List<MapNode.Entry> entries) {
        if (!entries.isEmpty() && entries.get(0).value() instanceof ScalarNode s
                && (s.style() == ScalarStyle.SINGLE_QUOTED || s.style() == ScalarStyle.DOUBLE_QUOTED)) {
            return s.style();
        }
        return ScalarStyle.PLAIN;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.isNull();
    }

    private static boolean before(Span a, Span b) {
        return a.line() < b.line() || (a.line() == b.line() && a.column() < b.column());
    }

    private static String last(List<String> path) {
        return path.get(path.size() - 1);
    }

    private static List<String> append(List<String> path, String step) {
        List<String> out = new ArrayList<>(path);
        out.add(step);
        return out;
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
        Span key = shift(entry.get().key().span());
        int keyLine = key.line();
        int lastLine = Math.max(keyLine, lastLine(entry.get().value()));
        String prefix = text.line(keyLine).substring(0, key.column() - 1);
        if (prefix.strip().equals("-") && parent.entries().size() > 1) {
            // the first key of a list item: the next key takes its dash, else the item would end or join another
            Span next = shift(parent.entries().get(1).key().span());
            if (parent.entries().get(0) != entry.get() || next.line() != lastLine + 1 || next.column() != key.column()) {
                return Optional.empty();
            }
            return Optional.of(new TextEdit(new Span(text.id(), keyLine, 1, next.line(), next.column()), prefix));
        }
        return Optional.of(replaceLines(keyLine, lastLine, List.of()));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A field line {@code head} (and {@code more} lines, indented two further) after the last line of {@code map}. */
    private Optional<TextEdit> insertField(MapNode map, String head, List<String> more) {
        int indent = shift(map.entries().get(0).key().span()).column() - 1;
        List<String> lines = new ArrayList<>();
        lines.add(" ".repeat(indent) + head);
        more.forEach(l -> lines.add(l.isEmpty() ? "" : " ".repeat(indent + 2) + l));
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

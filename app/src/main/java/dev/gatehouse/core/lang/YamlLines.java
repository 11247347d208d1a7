package dev.gatehouse.core.lang;

import dev.gatehouse.core.source.SourceText;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of one YAML document read the way a person reads them while typing: indentation, {@code key:} and
 * {@code - } items, nothing parsed. Each item line is two entries, its dash and the key written after it, so that
 * the keys continuing an item's mapping line up with the first one. Used where the text may not parse.
 */
final class YamlLines {
    /** A key, unquoted, up to the first {@code :} that ends the key (followed by a space or the end). */
    private static final Pattern KEY = Pattern.compile("([^\\s#'\"{}\\[\\]&*!|>%@`-][^:#]*?|-[^\\s:#][^:#]*?)\\s*:(?:\\s+(.*))?");

    /** One entry: a dash at {@code indent}, or a key at {@code indent} with its value ({@code ""} for a header). */
    record Entry(int line, int indent, boolean item, String key, String value) {
        boolean header() {
            return !item && value.isEmpty();
        }
    }

    /** A line's content after indentation and an optional {@code - }: where it starts, and its text. */
    record Content(int indent, boolean item, int contentIndent, String text) {
        static Content of(String line) {
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String rest = line.substring(indent);
            if (rest.equals("-") || rest.startsWith("- ")) {
                String after = rest.substring(1).stripLeading();
                return new Content(indent, true, indent + rest.length() - after.length(), after);
            }
            return new Content(indent, false, indent, rest);
        }
    }

    private final SourceText text;
    private final int first;
    private final int last;
    private final List<Entry> entries = new ArrayList<>();

    /** The document around {@code line}: between the {@code ---} lines before and after it. */
    YamlLines(SourceText text, int line, boolean skipLine) {
        this.text = text;
        int f = line;
        while (f > 1 && !separator(text.line(f - 1))) {
            f--;
        }
        int l = line;
        while (l < text.lineCount() && !separator(text.line(l + 1))) {
            l++;
        }
        this.first = f;
        this.last = l;
        for (int n = first; n <= last; n++) {
            if (skipLine && n == line) {
                continue;
            }
            String s = text.line(n);
            if (s.isBlank() || s.stripLeading().startsWith("#") || separator(s)) {
                continue;
            }
            Content c = Content.of(s);
            if (c.item()) {
                entries.add(new Entry(n, c.indent(), true, "", c.text()));
            }
            Optional<String[]> k = key(c.text());
            if (k.isPresent()) {
                entries.add(new Entry(n, c.contentIndent(), false, k.get()[0], k.get()[1]));
            }
        }
    }

    private static boolean separator(String line) {
        return line.startsWith("---") || line.startsWith("...");
    }

    /** {@code [key, value]} of a {@code key: value} text, the value without a trailing comment. */
    static Optional<String[]> key(String content) {
        Matcher m = KEY.matcher(content);
        if (!m.matches()) {
            return Optional.empty();
        }
        String value = m.group(2) == null ? "" : m.group(2);
        int comment = value.indexOf(" #");
        if (value.startsWith("#")) {
            value = "";
        } else if (comment >= 0) {
            value = value.substring(0, comment);
        }
        return Optional.of(new String[] {m.group(1).strip(), value.strip()});
    }

    static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    List<Entry> entries() {
        return entries;
    }

    SourceText text() {
        return text;
    }

    /** The value of a top-level key ({@code kind}), unquoted. */
    Optional<String> topLevel(String key) {
        return entries.stream().filter(e -> !e.item() && e.indent() == 0 && e.key().equals(key)).findFirst()
                .map(e -> unquote(e.value()));
    }

    /** The value of {@code metadata.<key>}, unquoted. */
    Optional<String> metadata(String key) {
        boolean in = false;
        int childIndent = -1;
        for (Entry e : entries) {
            if (e.indent() == 0 && !e.item()) {
                in = e.key().equals("metadata") && e.header();
                childIndent = -1;
                continue;
            }
            if (in && !e.item()) {
                if (childIndent < 0) {
                    childIndent = e.indent();
                }
                if (e.indent() == childIndent && e.key().equals(key)) {
                    return Optional.of(unquote(e.value()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The keys from the document's root down to a position before {@code line}: {@code item} for a list item at
     * {@code indent}, else a key at {@code indent}. A {@code "[]"} segment marks a list element. Empty when the lines
     * above do not lead there (a scalar with children, a list in a list).
     */
    Optional<List<String>> path(int line, int indent, boolean item) {
        List<String> out = new ArrayList<>();
        boolean wantItemParent = item;
        int target = indent;
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.line() >= line) {
                continue;
            }
            if (wantItemParent) {
                if (e.indent() > target || (e.item() && e.indent() == target)) {
                    continue;
                }
                if (e.item() || !e.header()) {
                    return Optional.empty();
                }
                out.add(0, "[]");
                out.add(0, e.key());
                wantItemParent = false;
                target = e.indent();
            } else {
                if (e.indent() >= target) {
                    continue;
                }
                if (e.item()) {
                    out.add(0, "[]");
                    wantItemParent = true;
                    target = e.indent();
                } else if (e.header()) {
                    out.add(0, e.key());
                    target = e.indent();
                } else {
                    return Optional.empty();
                }
            }
        }
        return wantItemParent ? Optional.empty() : Optional.of(out);
    }

    /**
     * The keys already written at one level: after entry {@code from} (the level's parent, or -1 for the root), at
     * {@code indent}, until the level ends.
     */
    List<String> keysAt(int from, int indent) {
        List<String> out = new ArrayList<>();
        for (int i = from + 1; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.indent() < indent) {
                break;
            }
            if (!e.item() && e.indent() == indent) {
                out.add(e.key());
            }
        }
        return out;
    }

    /** The scalar items already written in the list after entry {@code from}, with dashes at {@code indent}. */
    List<String> itemsAt(int from, int indent) {
        List<String> out = new ArrayList<>();
        for (int i = from + 1; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.indent() < indent || (!e.item() && e.indent() == indent)) {
                break;
            }
            if (e.item() && e.indent() == indent && key(e.value()).isEmpty()) {
                out.add(unquote(e.value().strip()));
            }
        }
        return out;
    }

    /** The entry that opens the level a position before {@code line} sits in, or -1 for the root. */
    int parent(int line, int indent, boolean item) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.line() >= line) {
                continue;
            }
            if (item ? (e.indent() < indent || (!e.item() && e.indent() == indent)) : e.indent() < indent) {
                return i;
            }
        }
        return -1;
    }

    /** The last entry above {@code line}, or -1. */
    int before(int line) {
        int at = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).line() < line) {
                at = i;
            }
        }
        return at;
    }
}

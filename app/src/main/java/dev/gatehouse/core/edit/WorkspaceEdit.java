package dev.gatehouse.core.edit;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A titled set of text edits over one or more files, applied as one change (one undo step in the editor).
 * {@code created} holds whole new files (path to text), for edits that add a manifest.
 */
public record WorkspaceEdit(String title, List<TextEdit> edits, Map<SourceId, String> created) {
    public WorkspaceEdit {
        edits = List.copyOf(edits);
        created = Map.copyOf(created);
    }

    public WorkspaceEdit(String title, List<TextEdit> edits) {
        this(title, edits, Map.of());
    }

    /** The files this edit touches, edited or created, in path order. */
    public List<SourceId> files() {
        TreeMap<SourceId, Boolean> out = new TreeMap<>();
        edits.forEach(e -> out.put(e.span().file(), true));
        created.keySet().forEach(f -> out.put(f, true));
        return List.copyOf(out.keySet());
    }

    /** The edits of one file, first in the text first. */
    public List<TextEdit> editsOf(SourceId file) {
        List<TextEdit> out = new ArrayList<>();
        for (TextEdit e : edits) {
            if (e.span().file().equals(file)) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing(TextEdit::span));
        return out;
    }

    /**
     * The new text of every file this edit touches, given the current texts. Empty when an edit falls outside its
     * file's text, two edits of one file overlap, a file to edit is not in {@code texts}, or a file to create
     * already exists: an edit computed on other text is refused whole, never half applied.
     */
    public Optional<Map<SourceId, String>> apply(Map<SourceId, String> texts) {
        Map<SourceId, String> out = new LinkedHashMap<>();
        for (SourceId file : files()) {
            if (created.containsKey(file)) {
                if (texts.containsKey(file) || !editsOf(file).isEmpty()) {
                    return Optional.empty();
                }
                out.put(file, created.get(file));
                continue;
            }
            String text = texts.get(file);
            if (text == null) {
                return Optional.empty();
            }
            Optional<String> edited = applyTo(new SourceText(file, text), editsOf(file));
            if (edited.isEmpty()) {
                return Optional.empty();
            }
            out.put(file, edited.get());
        }
        return Optional.of(out);
    }

    /** Applies edits of one file (sorted, non-overlapping) to its text; empty if they do not fit it. */
    public static Optional<String> applyTo(SourceText text, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparing(TextEdit::span));
        StringBuilder out = new StringBuilder(text.text().length() + 64);
        int at = 0;
        for (TextEdit e : sorted) {
            int start = offset(text, e.span().line(), e.span().column());
            int end = offset(text, e.span().endLine(), e.span().endColumn());
            if (start < 0 || end < 0 || start < at) {
                return Optional.empty();
            }
            out.append(text.text(), at, start).append(e.replacement());
            at = end;
        }
        out.append(text.text(), at, text.text().length());
        return Optional.of(out.toString());
    }

    /** The char offset of a 1-based line and column, or -1 outside the text (a column may point past the line's end by one). */
    public static int offset(SourceText text, int line, int column) {
        if (line < 1 || line > text.lineCount() || column < 1) {
            return -1;
        }
        Span whole = text.lineSpan(line);
        if (column > whole.endColumn()) {
            return -1;
        }
        return text.lineStart(line) + column - 1;
    }
}

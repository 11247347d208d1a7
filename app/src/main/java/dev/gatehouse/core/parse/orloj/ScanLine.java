package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line as Orloj's readers see it, with the positions of its parts. Every reader starts with
 * {@code strings.Split(strings.ReplaceAll(data, "\r\n", "\n"), "\n")} and skips lines whose trimmed text is
 * empty or starts with {@code #}; {@link #significant} does the same, so only a lone {@code \r} survives in
 * {@link #raw()}.
 */
final class ScanLine {
    private final SourceId file;
    private final int number;
    private final String raw;
    private final int indent;
    private final int start;
    private final int end;
    private final String trimmed;

    private ScanLine(SourceId file, int number, String raw) {
        this.file = file;
        this.number = number;
        this.raw = raw;
        this.indent = GoStrings.leadingSpaces(raw);
        this.start = GoStrings.trimStart(raw, 0, raw.length());
        this.end = GoStrings.trimEnd(raw, start, raw.length());
        this.trimmed = raw.substring(start, end);
    }

    /** The lines every reader acts on, in order, numbered as in the file. */
    static List<ScanLine> significant(SourceText text) {
        String t = text.text();
        List<ScanLine> out = new ArrayList<>();
        int pos = 0;
        for (int number = 1; ; number++) {
            int nl = t.indexOf('\n', pos);
            String raw = nl < 0 ? t.substring(pos) : t.substring(pos, nl);
            // ReplaceAll("\r\n", "\n") removes exactly one \r before each \n and leaves a final lone \r.
            if (nl >= 0 && raw.endsWith("\r")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            ScanLine line = new ScanLine(text.id(), number, raw);
            if (!line.trimmed.isEmpty() && !line.trimmed.startsWith("#")) {
                out.add(line);
            }
            if (nl < 0) {
                return out;
            }
            pos = nl + 1;
        }
    }

    int number() {
        return number;
    }

    /** The Go line, including a lone trailing {@code \r} if the file has one. */
    String raw() {
        return raw;
    }

    /** leadingSpaces(line). */
    int indent() {
        return indent;
    }

    /** strings.TrimSpace(line). */
    String trimmed() {
        return trimmed;
    }

    /** strings.HasSuffix(trimmed, ":"): a section header, whatever precedes the colon. */
    boolean isHeader() {
        return trimmed.endsWith(":");
    }

    /** strings.HasPrefix(trimmed, "- "). */
    boolean isItem() {
        return trimmed.startsWith("- ");
    }

    /** strings.TrimSuffix(trimmed, ":"), untrimmed, as the header switches compare it. */
    String headerKey() {
        return trimmed.substring(0, trimmed.length() - 1);
    }

    Span headerKeySpan() {
        return span(start, GoStrings.trimEnd(raw, start, end - 1));
    }

    /** parseKeyValue(trimmed): split on the first colon, both sides trimmed. */
    Optional<KeyValue> keyValue() {
        return keyValueIn(start);
    }

    /** strings.TrimSpace(strings.TrimPrefix(trimmed, "- ")), with its position. */
    Located item() {
        int s = GoStrings.trimStart(raw, start + 2, end);
        return new Located(raw.substring(s, end), span(s, end));
    }

    /** parseKeyValue on the item text, as the ToolPermission and AgentSystem readers do for {@code - k: v}. */
    Optional<KeyValue> itemKeyValue() {
        return keyValueIn(GoStrings.trimStart(raw, start + 2, end));
    }

    private Optional<KeyValue> keyValueIn(int from) {
        int colon = raw.indexOf(':', from);
        if (colon < 0 || colon >= end) {
            return Optional.empty();
        }
        int ks = GoStrings.trimStart(raw, from, colon);
        int ke = GoStrings.trimEnd(raw, ks, colon);
        int vs = GoStrings.trimStart(raw, colon + 1, end);
        return Optional.of(new KeyValue(raw.substring(ks, ke), raw.substring(vs, end), span(ks, ke), span(vs, end)));
    }

    /** From the start of the line to the end of its trimmed text: where a reader error points. */
    Span lineSpan() {
        return span(0, end);
    }

    /** The trimmed text of the line. */
    Span trimmedSpan() {
        return span(start, end);
    }

    /** A span on this line between two char indexes of {@link #raw()}. */
    Span span(int from, int to) {
        return new Span(file, number, from + 1, number, to + 1);
    }

    /** A text and where it was read. */
    record Located(String text, Span span) {
    }

    /** The two sides of {@code key: value}, trimmed but not unquoted. */
    record KeyValue(String key, String value, Span keySpan, Span valueSpan) {
    }
}

package dev.gatehouse.core.lang;

import dev.gatehouse.core.edit.WorkspaceEdit;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.source.Span;

import java.util.Optional;

/**
 * How a value was written in its text: the span of the whole scalar (quotes included, as the reader gives it),
 * its quote character if any, and whether the text between the quotes is the value itself (no escapes), so that a
 * part of the value has an exact span of its own.
 */
record Written(Span whole, char quote, Optional<Integer> valueStart, Optional<SourceText> text) {
    static final char PLAIN = 0;

    /** Analyses a located value in its file's text; without the text nothing is exact. */
    static Written of(Located<String> value, Optional<SourceText> text) {
        Span span = value.span();
        if (text.isEmpty()) {
            return new Written(span, PLAIN, Optional.empty(), Optional.empty());
        }
        SourceText t = text.get();
        int start = WorkspaceEdit.offset(t, span.line(), span.column());
        int end = WorkspaceEdit.offset(t, span.endLine(), span.endColumn());
        if (start < 0 || end < start) {
            return new Written(span, PLAIN, Optional.empty(), text);
        }
        String raw = t.text().substring(start, end);
        char quote = PLAIN;
        int innerStart = start;
        int innerEnd = end;
        if (raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'') && raw.charAt(raw.length() - 1) == raw.charAt(0)) {
            quote = raw.charAt(0);
            innerStart++;
            innerEnd--;
        }
        String inner = t.text().substring(innerStart, innerEnd);
        int lead = 0;
        while (lead < inner.length() && Character.isWhitespace(inner.charAt(lead))) {
            lead++;
        }
        Optional<Integer> at = inner.strip().equals(value.value()) && inner.indexOf('\n') < 0
                ? Optional.of(innerStart + lead) : Optional.empty();
        return new Written(span, quote, at, text);
    }

    /** The exact span of the value's characters {@code from} to {@code to}, when the text has them verbatim. */
    Optional<Span> part(int from, int to) {
        return valueStart.flatMap(s -> text.map(t -> t.span(s + from, s + to)));
    }

    /** The span of the part if exact, else of the whole scalar. */
    Span partOrWhole(int from, int to) {
        return part(from, to).orElse(whole);
    }

    boolean quoted() {
        return quote != PLAIN;
    }

    /** The scalar rewritten whole in its own quoting style (for values written with escapes). */
    String requote(String value) {
        if (quote == '\'') {
            return "'" + value.replace("'", "''") + "'";
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.parse.Node;
import dev.gatehouse.core.source.Span;

/**
 * A mapping or list that a reader is filling, the stand-in for the Go struct, map or slice it writes. It records
 * where it began (the header that opened it) and the end of the last line that put something into it.
 */
abstract sealed class Draft permits DraftMap, DraftList {
    private final Draft parent;
    private final Span start;
    private Span last;

    Draft(Draft parent, Span start) {
        this.parent = parent;
        this.start = start;
        this.last = start;
    }

    /** Records that something read at {@code where} was put into this draft or below it. */
    final void touch(Span where) {
        for (Draft d = this; d != null; d = d.parent) {
            if (where.endLine() > d.last.endLine()
                    || (where.endLine() == d.last.endLine() && where.endColumn() > d.last.endColumn())) {
                d.last = where;
            }
        }
    }

    final Span span() {
        return new Span(start.file(), start.line(), start.column(), last.endLine(), last.endColumn());
    }

    abstract Node build();
}

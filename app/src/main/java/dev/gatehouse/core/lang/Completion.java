package dev.gatehouse.core.lang;

import dev.gatehouse.core.source.Span;

/**
 * One completion proposal: what the list shows ({@code label}, {@code detail}), the text to insert and the span
 * it replaces (the prefix typed so far; empty when nothing is typed yet).
 */
public record Completion(String label, String insert, Span replace, Type type, String detail) {

    public enum Type {
        /** A field name of the kind at that path. */
        FIELD,
        /** One of an enum field's values (or true/false). */
        VALUE,
        /** The name of an existing resource for a reference field (or a model id). */
        NAME
    }
}

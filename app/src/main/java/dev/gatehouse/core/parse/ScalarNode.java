package dev.gatehouse.core.parse;

import dev.gatehouse.core.source.Span;

import java.util.Objects;

/** A scalar as text, unquoted and unescaped, with its style. Numbers and booleans stay text until a field reads them. */
public record ScalarNode(String text, ScalarStyle style, Span span) implements Node {
    public ScalarNode {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(span, "span");
    }

    /** YAML 1.1 / JSON null: an empty plain scalar, {@code ~} or {@code null}. */
    public boolean isNull() {
        return style == ScalarStyle.JSON_NULL
                || (style == ScalarStyle.PLAIN && (text.isEmpty() || text.equals("~")
                || text.equals("null") || text.equals("Null") || text.equals("NULL")));
    }

    @Override
    public String shape() {
        return "a scalar";
    }
}

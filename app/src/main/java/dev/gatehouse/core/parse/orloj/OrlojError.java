package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.source.Span;

import java.util.Objects;

/**
 * An error Orloj's YAML path returns before Normalize runs, with Orloj's exact message (for example
 * {@code invalid spec.limits.max_steps value "x"} or {@code kind is required}), and the line that caused it, or
 * line 1 when no line did.
 */
public record OrlojError(String message, Span span) {
    public OrlojError {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(span, "span");
    }
}

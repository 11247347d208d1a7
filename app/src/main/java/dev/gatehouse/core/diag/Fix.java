package dev.gatehouse.core.diag;

import dev.gatehouse.core.source.Span;

/** A mechanical repair: replace the text of {@code span} with {@code replacement}. The editor applies it. */
public record Fix(String title, Span span, String replacement) {}

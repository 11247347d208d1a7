package dev.gatehouse.core.lang;

import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.source.Span;

/**
 * A name written in one resource that names another: the span of the name's text (without quotes, and without the
 * {@code ns/} of a qualified reference or the {@code :key} of a secret reference), the kind it names, the
 * namespace it is looked up in ({@code ns} when written {@code ns/name}, else the owner's), the name, how it is
 * matched, the field it is written in ({@code spec.roles}) and the resource it is written in.
 */
public record Reference(Span span, Kind kind, String namespace, String name, Match match, String field, Definition owner) {
}

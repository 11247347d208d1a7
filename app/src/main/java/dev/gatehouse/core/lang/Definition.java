package dev.gatehouse.core.lang;

import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.source.Span;

/**
 * A resource as its manifest defines it: kind, namespace, name and the span of the name's text in
 * {@code metadata.name} (inside its quotes, if it has any). Go to definition on a model id answers the
 * ModelEndpoints serving it, with the span of their {@code default_model} value instead.
 */
public record Definition(Kind kind, String namespace, String name, Span span) {
    /** {@code Kind namespace/name}, the form messages use. */
    public String label() {
        return kind.wireName() + " `" + namespace + "/" + name + "`";
    }
}

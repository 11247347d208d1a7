package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.util.Map;

/**
 * What every resource shares: its kind, name and namespace (defaulted to {@code default}), labels, and where its
 * document sits ({@code file}, 0-based {@code document} index, {@code span} of the whole document).
 */
public record Meta(Kind kind, Located<String> name, Located<String> namespace, Map<String, Located<String>> labels,
                   SourceId file, int document, Span span) {
    public static final String DEFAULT_NAMESPACE = "default";

    public Meta {
        labels = Map.copyOf(labels);
    }

    /** {@code namespace/name}, Orloj's store key. */
    public String key() {
        return namespace.value() + "/" + name.value();
    }
}

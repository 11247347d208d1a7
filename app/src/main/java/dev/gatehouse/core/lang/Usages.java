package dev.gatehouse.core.lang;

import java.util.List;

/** What find references answers: the definitions of the symbol at the caret and every reference to them, in span order. */
public record Usages(List<Definition> definitions, List<Reference> references) {
    public Usages {
        definitions = List.copyOf(definitions);
        references = List.copyOf(references);
    }
}

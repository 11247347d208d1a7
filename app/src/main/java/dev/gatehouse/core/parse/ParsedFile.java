package dev.gatehouse.core.parse;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.source.SourceText;

import java.util.List;
import java.util.Optional;

/**
 * A file as the strict reader sees it: its text (absent when it could not be decoded), its format, the
 * documents read, and the findings that stopped or limited reading.
 */
public record ParsedFile(Optional<SourceText> text, SourceFormat format, List<Document> documents,
                         List<Diagnostic> diagnostics) {
    public ParsedFile {
        documents = List.copyOf(documents);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean readable() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
}

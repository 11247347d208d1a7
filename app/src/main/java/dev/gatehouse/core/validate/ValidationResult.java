package dev.gatehouse.core.validate;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Severity;
import dev.gatehouse.core.model.Workspace;

import java.util.List;

/** A workspace and every finding about it (reading, fields, references, exposures), sorted by file, line, column, code. */
public record ValidationResult(Workspace workspace, List<Diagnostic> diagnostics) {
    public ValidationResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public long count(Severity s) {
        return diagnostics.stream().filter(d -> d.severity() == s).count();
    }

    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }
}

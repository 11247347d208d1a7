package dev.gatehouse.core.parse;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what binding one document finds. The same binder runs twice: on the strict reading (every finding
 * is kept) and on Orloj's reading (only Orloj's own load errors count, as rejections of the manifest).
 */
final class Findings {
    private final boolean orlojMode;
    private final boolean governance;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<String> rejections = new ArrayList<>();

    Findings(boolean orlojMode, boolean governance) {
        this.orlojMode = orlojMode;
        this.governance = governance;
    }

    boolean orlojMode() {
        return orlojMode;
    }

    boolean governance() {
        return governance;
    }

    /** A Gatehouse rule beyond Orloj: kept in strict mode, irrelevant to what Orloj loads. */
    void strict(Diagnostic d) {
        if (!orlojMode) {
            diagnostics.add(d);
        }
    }

    /** A rule whose severity depends on the kind: an error for governance kinds, a warning elsewhere. */
    void strictGoverned(Diagnostic d) {
        strict(governance || d.severity() != Severity.ERROR ? d : d.withSeverity(Severity.WARNING));
    }

    /** An error Orloj's reader or Normalize also raises: Orloj refuses to load the manifest. */
    void orloj(Diagnostic d, String orlojMessage) {
        if (orlojMode) {
            rejections.add(orlojMessage);
        } else {
            diagnostics.add(d);
        }
    }

    void orloj(Code code, dev.gatehouse.core.source.Span span, String message, String orlojMessage) {
        orloj(Diagnostic.of(code, span, message), orlojMessage);
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    List<String> rejections() {
        return rejections;
    }
}

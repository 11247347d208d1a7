package dev.gatehouse.core.diag;

import dev.gatehouse.core.source.Span;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One finding about the workspace: what is wrong ({@code message}, lowercase, no final period), where
 * ({@code span}), what to do ({@code help}), and the mechanical {@code fixes} that repair it, if any: several
 * when there is a choice (each endpoint a missing {@code model_ref} could name), the editor offers each.
 */
public record Diagnostic(Code code, Severity severity, Span span, String message,
                         Optional<String> help, List<Related> related, List<Fix> fixes)
        implements Comparable<Diagnostic> {

    public static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::span)
            .thenComparing(Diagnostic::code).thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
        help = Objects.requireNonNullElse(help, Optional.empty());
        related = List.copyOf(related);
        fixes = List.copyOf(fixes);
    }

    public static Diagnostic of(Code code, Span span, String message) {
        return new Diagnostic(code, code.defaultSeverity(), span, message, Optional.empty(), List.of(), List.of());
    }

    public static Diagnostic of(Code code, Span span, String message, String help) {
        return new Diagnostic(code, code.defaultSeverity(), span, message, Optional.ofNullable(help), List.of(), List.of());
    }

    public Diagnostic withSeverity(Severity s) {
        return new Diagnostic(code, s, span, message, help, related, fixes);
    }

    public Diagnostic withHelp(String h) {
        return new Diagnostic(code, severity, span, message, Optional.ofNullable(h), related, fixes);
    }

    public Diagnostic withRelated(Related r) {
        List<Related> all = new java.util.ArrayList<>(related);
        all.add(r);
        return new Diagnostic(code, severity, span, message, help, all, fixes);
    }

    /** This finding with one more fix, offered after those it has. */
    public Diagnostic withFix(Fix f) {
        List<Fix> all = new java.util.ArrayList<>(fixes);
        all.add(Objects.requireNonNull(f, "fix"));
        return new Diagnostic(code, severity, span, message, help, related, all);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public int compareTo(Diagnostic other) {
        return ORDER.compare(this, other);
    }
}

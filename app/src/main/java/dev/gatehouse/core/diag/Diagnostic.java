package dev.gatehouse.core.diag;

import dev.gatehouse.core.source.Span;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One finding about the workspace: what is wrong ({@code message}, lowercase, no final period), where
 * ({@code span}), what to do ({@code help}), and optionally a mechanical {@code fix}.
 */
public record Diagnostic(Code code, Severity severity, Span span, String message,
                         Optional<String> help, List<Related> related, Optional<Fix> fix)
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
        fix = Objects.requireNonNullElse(fix, Optional.empty());
    }

    public static Diagnostic of(Code code, Span span, String message) {
        return new Diagnostic(code, code.defaultSeverity(), span, message, Optional.empty(), List.of(), Optional.empty());
    }

    public static Diagnostic of(Code code, Span span, String message, String help) {
        return new Diagnostic(code, code.defaultSeverity(), span, message, Optional.ofNullable(help), List.of(), Optional.empty());
    }

    public Diagnostic withSeverity(Severity s) {
        return new Diagnostic(code, s, span, message, help, related, fix);
    }

    public Diagnostic withHelp(String h) {
        return new Diagnostic(code, severity, span, message, Optional.ofNullable(h), related, fix);
    }

    public Diagnostic withRelated(Related r) {
        List<Related> all = new java.util.ArrayList<>(related);
        all.add(r);
        return new Diagnostic(code, severity, span, message, help, all, fix);
    }

    public Diagnostic withFix(Fix f) {
        return new Diagnostic(code, severity, span, message, help, related, Optional.ofNullable(f));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public int compareTo(Diagnostic other) {
        return ORDER.compare(this, other);
    }
}

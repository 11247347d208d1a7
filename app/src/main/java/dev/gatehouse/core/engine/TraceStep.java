package dev.gatehouse.core.engine;

import dev.gatehouse.core.source.Span;

import java.util.Optional;

/** One check that ran: what it checked, what it found, and the manifest line that decided it. */
public record TraceStep(String verdict, String check, String result, Optional<Span> source) {
    /** {@code strict} or {@code orloj}: which of the two evaluations ran the check. */
    public String side() {
        return verdict;
    }
}

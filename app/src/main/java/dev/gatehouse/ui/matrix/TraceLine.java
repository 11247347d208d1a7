package dev.gatehouse.ui.matrix;

import java.util.Optional;

/** One check of an explanation: which evaluation ran it ({@code strict} or {@code orloj}), what, the outcome, and where. */
public record TraceLine(String side, String check, String result, Optional<TraceLink> source) {
}

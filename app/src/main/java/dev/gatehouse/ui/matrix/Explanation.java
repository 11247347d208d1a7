package dev.gatehouse.ui.matrix;

import java.util.List;

/**
 * Why one cell came out as it did, worded for the explanation panel: both verdicts with reason and message, the
 * strict reason's wire name, whether orloj is more permissive (and by which item), what would make it pass, and the trace of the checks that ran.
 */
public record Explanation(String title, CellVerdict strictVerdict, String strict, CellVerdict orlojVerdict, String orloj,
                          String reason, boolean exposed, String exposure, List<String> missing, List<TraceLine> trace) {
    public Explanation {
        missing = List.copyOf(missing);
        trace = List.copyOf(trace);
    }
}

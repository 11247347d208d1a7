package dev.gatehouse.ui.matrix;

import java.util.List;

/**
 * The answer to "Grant…" or "Revoke…" on a cell: a heading, a sentence on what the options are (side-effect
 * free, or only with side effects, or none), notes on what no edit here provides, and the proposals best first.
 */
public record PlanView(String heading, String summary, List<String> notes, List<ProposalView> proposals) {
    public PlanView {
        notes = List.copyOf(notes);
        proposals = List.copyOf(proposals);
    }
}

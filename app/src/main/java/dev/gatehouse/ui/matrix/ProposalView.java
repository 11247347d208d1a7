package dev.gatehouse.ui.matrix;

import java.util.List;

/**
 * One proposed manifest edit for a cell, worded for the matrix panel: what it does step by step, whether the
 * engine found it reaches the intended verdict, every other cell it changes (the ones that gain access first),
 * findings it would add, and the unified diff of each file it touches.
 */
public record ProposalView(int index, String title, List<String> steps, boolean reaches, List<String> sideEffects,
                           List<String> newFindings, String diff) {
    public ProposalView {
        steps = List.copyOf(steps);
        sideEffects = List.copyOf(sideEffects);
        newFindings = List.copyOf(newFindings);
    }
}

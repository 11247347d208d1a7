package dev.gatehouse.core.edit;

import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.source.SourceId;

import java.util.List;

/**
 * The manifest edits that would turn one matrix cell's strict verdict around, each verified on the edited
 * workspace ({@link AccessPlanner}). Proposals come best first: those that reach the intended verdict before
 * those that do not, and among them those without side effects first. {@code notes} say what is missing that no
 * edit here provides (a tool to create, a broken manifest to fix, a JSON file Gatehouse does not edit).
 */
public record AccessPlan(Context context, Cell cell, Intent intent, Verdict current, List<Proposal> proposals, List<String> notes) {
    public AccessPlan {
        proposals = List.copyOf(proposals);
        notes = List.copyOf(notes);
    }

    /** The proposals that reach the intended verdict. */
    public List<Proposal> reaching() {
        return proposals.stream().filter(p -> p.verification().reached()).toList();
    }

    /** The reaching proposals that change no other cell. */
    public List<Proposal> sideEffectFree() {
        return reaching().stream().filter(p -> p.verification().sideEffects().isEmpty()).toList();
    }

    /** Whether some proposal reaches the verdict but every such proposal changes other cells too. */
    public boolean onlyWithSideEffects() {
        return !reaching().isEmpty() && sideEffectFree().isEmpty();
    }

    /** Which question a cell asks. */
    public enum Axis { TOOL, MODEL }

    /** Grant turns a cell to allow, revoke to deny. */
    public enum Intent {
        GRANT(Verdict.ALLOW), REVOKE(Verdict.DENY);

        private final Verdict target;

        Intent(Verdict target) {
            this.target = target;
        }

        public Verdict target() {
            return target;
        }
    }

    /** One cell of a namespace's matrix: agent × tool, or agent × model id. */
    public record Cell(String agent, Axis axis, String column) {
        public static Cell tool(String agent, String tool) {
            return new Cell(agent, Axis.TOOL, tool);
        }

        public static Cell model(String agent, String model) {
            return new Cell(agent, Axis.MODEL, model);
        }

        /** {@code agent × column}, as messages name a cell. */
        public String label() {
            return "`" + agent + "` × `" + column + "`";
        }
    }

    /** The kinds of edit a proposal is made of. */
    public enum Form {
        ADD_PERMISSION_TO_ROLE, ADD_EXISTING_ROLE, CREATE_ROLE, DECLARE_TOOL, REMOVE_MISSING_ROLE, COPY_ROLE,
        RULE_VERDICT, UNBLOCK_TOOL, REMOVE_SEED_DENY, LIST_MODEL, POINT_MODEL_REF, POLICY_ALLOW_MODEL,
        REMOVE_PERMISSION_FROM_ROLE, REMOVE_ROLE, UNDECLARE_TOOL, REMOVE_PREAUTHORIZATION, REMOVE_SEED_GRANT, UNLIST_MODEL
    }

    /** One edit of a proposal, with the sentence that says what it does. */
    public record Step(Form form, String description) {}

    /** A cell whose strict verdict an edit changes. */
    public record CellChange(Cell cell, Verdict before, Verdict after) {
        /** Whether the cell becomes more permissive (deny → approval_required → allow). */
        public boolean gainsAccess() {
            return after.compareTo(before) < 0;
        }
    }

    /**
     * What the edited workspace decides: the target cell's strict verdict before and after, whether that is the
     * intended one, every other cell of the namespace's matrices (tools and models) whose strict verdict changes,
     * and the findings (code, file, message) the validator reports that it did not before.
     */
    public record Verification(Verdict before, Verdict after, boolean reached, List<CellChange> sideEffects, List<String> newFindings) {
        public Verification {
            sideEffects = List.copyOf(sideEffects);
            newFindings = List.copyOf(newFindings);
        }

        public List<CellChange> gained() {
            return sideEffects.stream().filter(CellChange::gainsAccess).toList();
        }
    }

    /** One file's unified diff, for a person to read. */
    public record FileDiff(SourceId file, String diff) {}

    /** A proposal: its steps, the edit, its verification and the diff of each file it touches. */
    public record Proposal(String title, List<Step> steps, WorkspaceEdit edit, Verification verification, List<FileDiff> diffs) {
        public Proposal {
            steps = List.copyOf(steps);
            diffs = List.copyOf(diffs);
        }

        public List<Form> forms() {
            return steps.stream().map(Step::form).toList();
        }
    }
}

package dev.gatehouse.core.matrix;

import dev.gatehouse.core.engine.Answer;
import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.engine.DecisionGrid;
import dev.gatehouse.core.engine.TraceSink;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.source.SourceId;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Agents × tools (or × models) of one namespace, optionally narrowed to a system or task: every cell a decision
 * of the engine, without trace (a click re-runs the cell with one). Cells are stored row-major; a tools matrix
 * keeps them packed in a {@link DecisionGrid} and makes each {@link Answer} when it is read.
 */
public record AccessMatrix(Context context, boolean models, List<String> agents, List<String> columns, List<Answer> cells) {
    public AccessMatrix {
        agents = List.copyOf(agents);
        columns = List.copyOf(columns);
        cells = cells instanceof DecisionGrid || cells instanceof ModelCells ? cells : List.copyOf(cells);
    }

    public static AccessMatrix tools(DecisionEngine engine, Context ctx) {
        List<String> rows = engine.agents(ctx);
        List<String> cols = engine.tools(ctx.namespace());
        return new AccessMatrix(ctx, false, rows, cols, engine.decideTools(rows, cols, ctx));
    }

    public static AccessMatrix models(DecisionEngine engine, Context ctx) {
        return models(engine, ctx, null, Set.of());
    }

    /**
     * The models matrix, the rows of agents not in {@code staleAgents} copied from {@code previous} (same
     * context and columns, decided by an earlier engine) when it has them.
     */
    private static AccessMatrix models(DecisionEngine engine, Context ctx, AccessMatrix previous, Set<String> staleAgents) {
        List<String> rows = engine.agents(ctx);
        List<String> cols = engine.models(ctx.namespace());
        Map<String, Integer> previousRows = new HashMap<>();
        if (previous != null) {
            for (int r = 0; r < previous.agents().size(); r++) {
                previousRows.putIfAbsent(previous.agents().get(r), r);
            }
        }
        List<Answer> cells = new ArrayList<>(rows.size() * cols.size());
        for (String a : rows) {
            Integer from = staleAgents.contains(a) ? null : previousRows.get(a);
            if (from != null) {
                cells.addAll(previous.cells().subList(from * cols.size(), (from + 1) * cols.size()));
                continue;
            }
            for (String m : cols) {
                cells.add(engine.decideModel(a, m, ctx, TraceSink.NONE));
            }
        }
        return new AccessMatrix(ctx, true, rows, cols, new ModelCells(engine, cells));
    }

    /** The answers of a models matrix with the engine that decided them, which an update compares with its own. */
    private static final class ModelCells extends AbstractList<Answer> implements RandomAccess {
        final DecisionEngine engine;
        private final List<Answer> answers;

        ModelCells(DecisionEngine engine, List<Answer> answers) {
            this.engine = engine;
            this.answers = List.copyOf(answers);
        }

        @Override
        public Answer get(int index) {
            return answers.get(index);
        }

        @Override
        public int size() {
            return answers.size();
        }
    }

    /**
     * The matrix of {@code engine} (compiled from the workspace after an edit) in the context of {@code previous},
     * recomputing only the rows and columns the files in {@code changed} can affect ({@link ChangeImpact}) and
     * copying the other cells from {@code previous}. Equal to {@link #tools} (or {@link #models}) on the new
     * engine. A models matrix is recomputed by rows: a model cell reads what the agent's tool-call row reads but
     * for the ToolPermissions, which name tool columns only; its columns come whole from the engine.
     */
    public static AccessMatrix update(AccessMatrix previous, DecisionEngine engine, Collection<SourceId> changed) {
        Context ctx = previous.context();
        if (previous.models()) {
            if (!(previous.cells() instanceof ModelCells before) || !previous.columns().equals(engine.models(ctx.namespace()))) {
                return models(engine, ctx);
            }
            ChangeImpact impact = ChangeImpact.of(before.engine, engine, changed, ctx);
            return impact.everything() ? models(engine, ctx) : models(engine, ctx, previous, impact.agents());
        }
        if (!(previous.cells() instanceof DecisionGrid before)) {
            return tools(engine, ctx);
        }
        ChangeImpact impact = ChangeImpact.of(before.engine(), engine, changed, ctx);
        if (impact.everything()) {
            return tools(engine, ctx);
        }
        List<String> rows = engine.agents(ctx);
        List<String> cols = engine.tools(ctx.namespace());
        List<String> allColumns = new ArrayList<>(before.tools());
        allColumns.addAll(cols);
        return new AccessMatrix(ctx, false, rows, cols,
                engine.decideTools(rows, cols, ctx, before, impact.agents(), impact.tools(allColumns)));
    }

    public Answer cell(int row, int column) {
        return cells.get(row * columns.size() + column);
    }

    public Verdict strictVerdict(int row, int column) {
        return cells instanceof DecisionGrid g ? g.strictVerdict(row, column) : cell(row, column).strict().verdict();
    }

    public Verdict orlojVerdict(int row, int column) {
        return cells instanceof DecisionGrid g ? g.orlojVerdict(row, column) : cell(row, column).orloj().verdict();
    }

    /** Whether orloj is more permissive than strict in the cell, without making its answer. */
    public boolean exposed(int row, int column) {
        return cells instanceof DecisionGrid g ? !g.exposures(row, column).isEmpty() : cell(row, column).exposure().isPresent();
    }

    /** How many cells have each strict verdict. */
    public Map<Verdict, Integer> strictCounts() {
        Map<Verdict, Integer> out = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            out.put(v, 0);
        }
        for (int r = 0; r < agents.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                out.merge(strictVerdict(r, c), 1, Integer::sum);
            }
        }
        return out;
    }

    public long exposureCount() {
        long n = 0;
        for (int r = 0; r < agents.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                n += exposed(r, c) ? 1 : 0;
            }
        }
        return n;
    }
}

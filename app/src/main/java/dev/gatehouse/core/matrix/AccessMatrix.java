package dev.gatehouse.core.matrix;

import dev.gatehouse.core.engine.Answer;
import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.engine.DecisionGrid;
import dev.gatehouse.core.engine.TraceSink;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.source.SourceId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Agents × tools (or × models) of one namespace, optionally narrowed to a system or task: every cell a decision
 * of the engine, without trace (a click re-runs the cell with one). Cells are stored row-major; a tools matrix
 * keeps them packed in a {@link DecisionGrid} and makes each {@link Answer} when it is read.
 */
public record AccessMatrix(Context context, boolean models, List<String> agents, List<String> columns, List<Answer> cells) {
    public AccessMatrix {
        agents = List.copyOf(agents);
        columns = List.copyOf(columns);
        cells = cells instanceof DecisionGrid ? cells : List.copyOf(cells);
    }

    public static AccessMatrix tools(DecisionEngine engine, Context ctx) {
        List<String> rows = engine.agents(ctx);
        List<String> cols = engine.tools(ctx.namespace());
        return new AccessMatrix(ctx, false, rows, cols, engine.decideTools(rows, cols, ctx));
    }

    public static AccessMatrix models(DecisionEngine engine, Context ctx) {
        List<String> rows = engine.agents(ctx);
        List<String> cols = engine.models(ctx.namespace());
        List<Answer> cells = new ArrayList<>(rows.size() * cols.size());
        for (String a : rows) {
            for (String m : cols) {
                cells.add(engine.decideModel(a, m, ctx, TraceSink.NONE));
            }
        }
        return new AccessMatrix(ctx, true, rows, cols, cells);
    }

    /**
     * The matrix of {@code engine} (compiled from the workspace after an edit) in the context of {@code previous},
     * recomputing only the rows and columns the files in {@code changed} can affect ({@link ChangeImpact}) and
     * copying the other cells from {@code previous}. Equal to {@link #tools} (or {@link #models}) on the new
     * engine; a models matrix, a handful of columns, is simply recomputed.
     */
    public static AccessMatrix update(AccessMatrix previous, DecisionEngine engine, Collection<SourceId> changed) {
        Context ctx = previous.context();
        if (previous.models()) {
            return models(engine, ctx);
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

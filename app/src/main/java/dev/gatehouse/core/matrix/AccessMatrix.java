package dev.gatehouse.core.matrix;

import dev.gatehouse.core.engine.Answer;
import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.engine.TraceSink;
import dev.gatehouse.core.model.Verdict;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Agents × tools (or × models) of one namespace, optionally narrowed to a system or task: every cell a decision
 * of the engine, without trace (a click re-runs the cell with one). Cells are stored row-major.
 */
public record AccessMatrix(Context context, boolean models, List<String> agents, List<String> columns, List<Answer> cells) {
    public AccessMatrix {
        agents = List.copyOf(agents);
        columns = List.copyOf(columns);
        cells = List.copyOf(cells);
    }

    public static AccessMatrix tools(DecisionEngine engine, Context ctx) {
        List<String> rows = engine.agents(ctx);
        List<String> cols = engine.tools(ctx.namespace());
        java.util.ArrayList<Answer> cells = new java.util.ArrayList<>(rows.size() * cols.size());
        for (String a : rows) {
            for (String t : cols) {
                cells.add(engine.decideTool(a, t, ctx, TraceSink.NONE));
            }
        }
        return new AccessMatrix(ctx, false, rows, cols, cells);
    }

    public static AccessMatrix models(DecisionEngine engine, Context ctx) {
        List<String> rows = engine.agents(ctx);
        List<String> cols = engine.models(ctx.namespace());
        java.util.ArrayList<Answer> cells = new java.util.ArrayList<>(rows.size() * cols.size());
        for (String a : rows) {
            for (String m : cols) {
                cells.add(engine.decideModel(a, m, ctx, TraceSink.NONE));
            }
        }
        return new AccessMatrix(ctx, true, rows, cols, cells);
    }

    public Answer cell(int row, int column) {
        return cells.get(row * columns.size() + column);
    }

    /** How many cells have each strict verdict. */
    public Map<Verdict, Integer> strictCounts() {
        Map<Verdict, Integer> out = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            out.put(v, 0);
        }
        cells.forEach(c -> out.merge(c.strict().verdict(), 1, Integer::sum));
        return out;
    }

    public long exposureCount() {
        return cells.stream().filter(c -> c.exposure().isPresent()).count();
    }
}

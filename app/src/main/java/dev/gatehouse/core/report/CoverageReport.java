package dev.gatehouse.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gatehouse.core.engine.Answer;
import dev.gatehouse.core.matrix.AccessMatrix;
import dev.gatehouse.core.sandbox.DecisionCoverage;
import dev.gatehouse.core.sandbox.DecisionCoverage.CellClass;
import dev.gatehouse.core.sandbox.DecisionCoverage.Count;
import dev.gatehouse.core.sandbox.DecisionCoverage.Table;
import dev.gatehouse.core.sandbox.DecisionCoverage.Untouched;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Decision coverage of {@code gatehouse test --coverage}: per namespace and matrix a summary (cells exercised per
 * class), the exposures no scenario touches, and the matrix as an aligned grid with the exercised cells marked;
 * and the same as JSON, inside the test report's JSON.
 */
public final class CoverageReport {
    private CoverageReport() {
    }

    // ---------------------------------------------------------------------------------------------------- text

    public static String text(DecisionCoverage cov) {
        StringBuilder b = new StringBuilder();
        b.append("decision coverage (matrices without a system or task, the worst case, as `gatehouse matrix`):\n");
        for (Table t : cov.tables()) {
            b.append('\n').append(summary(t)).append(grid(t));
        }
        List<Untouched> untouched = cov.untouchedExposures();
        long exposures = cov.tables().stream().mapToLong(t -> t.counts().get(CellClass.EXPOSURE).total()).sum();
        b.append('\n').append(String.format("%d of %d exposure cell%s exercised%s%n", exposures - untouched.size(), exposures,
                exposures == 1 ? "" : "s", untouched.isEmpty() ? "" : "; no scenario touches " + untouched.size()));
        return b.toString();
    }

    /**
     * {@code tools in namespace default: 6 of 14 cells exercised}, a line per class, then the exposures no
     * scenario touches.
     */
    static String summary(Table t) {
        StringBuilder b = new StringBuilder();
        Count all = t.total();
        b.append(String.format("%s in namespace %s: %d of %d cells exercised (%d agents x %d %s)%n", kind(t), t.namespace(), all.exercised(),
                all.total(), t.matrix().agents().size(), t.matrix().columns().size(), kind(t)));
        for (Map.Entry<CellClass, Count> e : t.counts().entrySet()) {
            b.append(String.format("  %-18s %3d of %d%n", e.getKey().wireName(), e.getValue().exercised(), e.getValue().total()));
        }
        List<Untouched> untouched = t.untouchedExposures();
        if (!untouched.isEmpty()) {
            b.append("  exposures no scenario touches:\n");
            int agentWidth = untouched.stream().mapToInt(u -> u.agent().length()).max().orElse(0);
            int columnWidth = untouched.stream().mapToInt(u -> u.column().length()).max().orElse(0);
            for (Untouched u : untouched) {
                b.append(String.format("    %-" + agentWidth + "s  %-" + columnWidth + "s  %s%n", u.agent(), u.column(), u.item()));
            }
        }
        return b.toString();
    }

    /** The matrix grid of {@code gatehouse matrix}, a {@code *} after each exercised cell, the column key below. */
    static String grid(Table t) {
        AccessMatrix m = t.matrix();
        if (m.agents().isEmpty() || m.columns().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        StringBuilder header = new StringBuilder();
        int nameWidth = Math.max(5, m.agents().stream().mapToInt(String::length).max().orElse(5));
        int colWidth = Math.max(4, String.valueOf(m.columns().size()).length() + 2);
        header.append(String.format("  %-" + nameWidth + "s ", "agent"));
        for (int c = 0; c < m.columns().size(); c++) {
            header.append(String.format("%-" + colWidth + "s", c + 1));
        }
        b.append(header.toString().stripTrailing()).append('\n');
        for (int r = 0; r < m.agents().size(); r++) {
            StringBuilder row = new StringBuilder(String.format("  %-" + nameWidth + "s ", m.agents().get(r)));
            for (int c = 0; c < m.columns().size(); c++) {
                String cell = DecisionReport.symbol(m.cell(r, c)).strip() + (t.exercised(r, c) ? "*" : "");
                row.append(String.format("%-" + colWidth + "s", cell));
            }
            b.append(row.toString().stripTrailing()).append('\n');
        }
        for (int c = 0; c < m.columns().size(); c++) {
            b.append(String.format("  %" + (String.valueOf(m.columns().size()).length() + 2) + "s  %s%n", c + 1, m.columns().get(c)));
        }
        b.append("  legend: + allow   ? approval required   - deny   ! exposure   * exercised by a scenario\n");
        return b.toString();
    }

    private static String kind(Table t) {
        return t.models() ? "models" : "tools";
    }

    // ---------------------------------------------------------------------------------------------------- json

    public static String json(DecisionCoverage cov) {
        return DiagnosticsReport.write(g -> write(g, cov));
    }

    /** The coverage as one JSON object: a table per namespace and matrix, cells with their hits, the untouched exposures. */
    static void write(JsonGenerator g, DecisionCoverage cov) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("tables");
        for (Table t : cov.tables()) {
            AccessMatrix m = t.matrix();
            String col = t.models() ? "model" : "tool";
            g.writeStartObject();
            g.writeStringField("namespace", t.namespace());
            g.writeStringField("matrix", kind(t));
            Count all = t.total();
            g.writeNumberField("total", all.total());
            g.writeNumberField("exercised", all.exercised());
            g.writeObjectFieldStart("classes");
            for (Map.Entry<CellClass, Count> e : t.counts().entrySet()) {
                g.writeObjectFieldStart(e.getKey().wireName());
                g.writeNumberField("exercised", e.getValue().exercised());
                g.writeNumberField("total", e.getValue().total());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("cells");
            for (int r = 0; r < m.agents().size(); r++) {
                for (int c = 0; c < m.columns().size(); c++) {
                    Answer a = m.cell(r, c);
                    g.writeStartObject();
                    g.writeStringField("agent", m.agents().get(r));
                    g.writeStringField(col, m.columns().get(c));
                    g.writeStringField("strict", a.strict().verdict().wireName());
                    g.writeStringField("orloj", a.orloj().verdict().wireName());
                    g.writeStringField("exposure", a.exposure().orElse(null));
                    g.writeNumberField("hits", t.hits(r, c));
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            untouched(g, t.untouchedExposures(), col);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("untouchedExposures");
        for (Table t : cov.tables()) {
            for (Untouched u : t.untouchedExposures()) {
                g.writeStartObject();
                g.writeStringField("namespace", t.namespace());
                g.writeStringField("matrix", kind(t));
                g.writeStringField("agent", u.agent());
                g.writeStringField(t.models() ? "model" : "tool", u.column());
                g.writeStringField("item", u.item());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void untouched(JsonGenerator g, List<Untouched> list, String col) throws IOException {
        g.writeArrayFieldStart("untouchedExposures");
        for (Untouched u : list) {
            g.writeStartObject();
            g.writeStringField("agent", u.agent());
            g.writeStringField(col, u.column());
            g.writeStringField("item", u.item());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}

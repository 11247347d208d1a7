package dev.gatehouse.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gatehouse.core.engine.Answer;
import dev.gatehouse.core.engine.Decision;
import dev.gatehouse.core.engine.Missing;
import dev.gatehouse.core.engine.TraceStep;
import dev.gatehouse.core.matrix.AccessMatrix;
import dev.gatehouse.core.model.Verdict;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** Renderings of decisions (the "explain" view) and of matrices: text, JSON and CSV. */
public final class DecisionReport {
    private DecisionReport() {
    }

    /** What the question was, for headings. */
    public record Question(String namespace, String agent, String subjectKind, String subject, String context) {}

    // ------------------------------------------------------------------------------------------------ decide

    public static String json(Answer a) {
        return DiagnosticsReport.write(g -> {
            g.writeStartObject();
            decision(g, "strict", a.strict(), true);
            decision(g, "orloj", a.orloj(), true);
            if (a.exposure().isPresent()) {
                g.writeStringField("exposure", a.exposure().get());
            } else {
                g.writeNullField("exposure");
            }
            g.writeArrayFieldStart("exposures");
            for (String e : a.exposures()) {
                g.writeString(e);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("missing");
            for (Missing m : a.missing()) {
                g.writeStartObject();
                g.writeStringField("kind", m.kind());
                g.writeStringField("value", m.value());
                g.writeStringField("detail", m.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("involved");
            for (String i : a.involved()) {
                g.writeString(i);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("trace");
            for (TraceStep t : a.trace()) {
                g.writeStartObject();
                g.writeStringField("side", t.side());
                g.writeStringField("check", t.check());
                g.writeStringField("result", t.result());
                if (t.source().isPresent()) {
                    g.writeStringField("source", t.source().get().fileLine());
                } else {
                    g.writeNullField("source");
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void decision(JsonGenerator g, String name, Decision d, boolean withMessage) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("decision", d.verdict().wireName());
        g.writeStringField("reason", d.reason().wireName());
        if (withMessage) {
            g.writeStringField("message", d.message());
        }
        g.writeEndObject();
    }

    /** The explain view: both verdicts, the exposure, what is missing, and the trace, readable at a glance. */
    public static String text(Question q, Answer a) {
        StringBuilder b = new StringBuilder();
        b.append("agent ").append(q.agent()).append(" -> ").append(q.subjectKind()).append(' ').append(q.subject())
                .append("   (namespace ").append(q.namespace()).append(q.context().isEmpty() ? "" : ", " + q.context()).append(")\n\n");
        b.append(String.format("  strict  %-17s %-22s %s%n", upper(a.strict().verdict()), a.strict().reason().wireName(), a.strict().message()));
        b.append(String.format("  orloj   %-17s %-22s %s%n", upper(a.orloj().verdict()), a.orloj().reason().wireName(), a.orloj().message()));
        if (a.exposure().isPresent()) {
            b.append("\n  EXPOSURE ").append(a.exposure().get()).append(": orloj lets through what the manifests do not grant");
            if (a.exposures().size() > 1) {
                b.append(" (also ").append(String.join(", ", a.exposures().subList(1, a.exposures().size()))).append(")");
            }
            b.append('\n');
        }
        if (!a.missing().isEmpty()) {
            b.append("\n  to pass:\n");
            for (Missing m : a.missing()) {
                b.append("    - ").append(m.kind()).append(' ').append(m.value()).append(": ").append(m.detail()).append('\n');
            }
        }
        if (!a.trace().isEmpty()) {
            b.append("\n  trace:\n");
            int width = a.trace().stream().mapToInt(t -> t.check().length()).max().orElse(10);
            for (TraceStep t : a.trace()) {
                b.append(String.format("    %-6s %-" + width + "s  %s%s%n", t.side(), t.check(), t.result(),
                        t.source().map(s -> "   [" + s.fileLine() + "]").orElse("")));
            }
        }
        return b.toString();
    }

    private static String upper(Verdict v) {
        return v.wireName().toUpperCase(java.util.Locale.ROOT);
    }

    // ------------------------------------------------------------------------------------------------ matrix

    public static String matrixJson(AccessMatrix m) {
        return Rendered.asString(w -> matrixJson(m, w));
    }

    /**
     * {@link #matrixJson(AccessMatrix)} written to {@code out} as it is made: a large workspace's matrix (25
     * million cells) is gigabytes of JSON, more than any string should hold.
     */
    public static void matrixJson(AccessMatrix m, Writer out) throws IOException {
        String col = m.models() ? "model" : "tool";
        DiagnosticsReport.write(g -> {
            g.writeStartObject();
            g.writeStringField("namespace", m.context().namespace());
            g.writeArrayFieldStart("agents");
            for (String a : m.agents()) {
                g.writeString(a);
            }
            g.writeEndArray();
            g.writeArrayFieldStart(m.models() ? "models" : "tools");
            for (String c : m.columns()) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("cells");
            for (int r = 0; r < m.agents().size(); r++) {
                for (int c = 0; c < m.columns().size(); c++) {
                    Answer a = m.cell(r, c);
                    g.writeStartObject();
                    g.writeStringField("namespace", m.context().namespace());
                    g.writeStringField("agent", m.agents().get(r));
                    g.writeStringField(col, m.columns().get(c));
                    decision(g, "strict", a.strict(), false);
                    decision(g, "orloj", a.orloj(), false);
                    if (a.exposure().isPresent()) {
                        g.writeStringField("exposure", a.exposure().get());
                    } else {
                        g.writeNullField("exposure");
                    }
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            for (Map.Entry<Verdict, Integer> e : m.strictCounts().entrySet()) {
                g.writeNumberField(e.getKey().wireName(), e.getValue());
            }
            g.writeNumberField("exposures", m.exposureCount());
            g.writeEndObject();
            g.writeEndObject();
        }, out);
    }

    public static String matrixCsv(AccessMatrix m) {
        return Rendered.asString(w -> matrixCsv(m, w));
    }

    /** {@link #matrixCsv(AccessMatrix)} written to {@code out} row by row. */
    public static void matrixCsv(AccessMatrix m, Appendable out) throws IOException {
        out.append("namespace,agent,").append(m.models() ? "model" : "tool").append(",strict,strict_reason,orloj,orloj_reason,exposure\n");
        String namespace = csv(m.context().namespace());
        List<String> columns = m.columns().stream().map(DecisionReport::csv).toList();
        StringBuilder line = new StringBuilder();
        for (int r = 0; r < m.agents().size(); r++) {
            String agent = csv(m.agents().get(r));
            for (int c = 0; c < columns.size(); c++) {
                Answer a = m.cell(r, c);
                line.setLength(0);
                line.append(namespace).append(',').append(agent).append(',').append(columns.get(c)).append(',')
                        .append(a.strict().verdict().wireName()).append(',').append(a.strict().reason().wireName()).append(',')
                        .append(a.orloj().verdict().wireName()).append(',').append(a.orloj().reason().wireName()).append(',')
                        .append(a.exposure().orElse("")).append('\n');
                out.append(line);
            }
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Symbol of a cell: the strict verdict, with {@code !} where orloj is more permissive (an exposure). */
    static String symbol(Answer a) {
        return symbol(a.strict().verdict(), a.exposure().isPresent());
    }

    private static String symbol(Verdict strict, boolean exposed) {
        return switch (strict) {
            case ALLOW -> exposed ? "+!" : "+ ";
            case APPROVAL_REQUIRED -> exposed ? "?!" : "? ";
            case DENY -> exposed ? "-!" : "- ";
        };
    }

    /** An aligned grid: one row per agent, numbered columns with a key below, and a legend. */
    public static String matrixText(AccessMatrix m) {
        return Rendered.asString(w -> matrixText(m, w));
    }

    /** {@link #matrixText(AccessMatrix)} written to {@code out} row by row; the exposures are listed in a second pass. */
    public static void matrixText(AccessMatrix m, Appendable out) throws IOException {
        int nameWidth = Math.max(5, m.agents().stream().mapToInt(String::length).max().orElse(5));
        int colWidth = Math.max(3, String.valueOf(m.columns().size()).length() + 1);
        StringBuilder line = new StringBuilder();
        padRight(line, "agent", nameWidth).append(' ');
        for (int c = 0; c < m.columns().size(); c++) {
            padLeft(line, String.valueOf(c + 1), colWidth);
        }
        out.append(line).append('\n');
        for (int r = 0; r < m.agents().size(); r++) {
            line.setLength(0);
            padRight(line, m.agents().get(r), nameWidth).append(' ');
            for (int c = 0; c < m.columns().size(); c++) {
                padLeft(line, symbol(m.strictVerdict(r, c), m.exposed(r, c)), colWidth); // no answer made per cell
            }
            out.append(line).append('\n');
        }
        out.append('\n').append(m.models() ? "models:" : "tools:").append('\n');
        for (int c = 0; c < m.columns().size(); c++) {
            line.setLength(0);
            padLeft(line, String.valueOf(c + 1), colWidth + 1).append("  ").append(m.columns().get(c)).append('\n');
            out.append(line);
        }
        Map<Verdict, Integer> counts = m.strictCounts();
        out.append("\nlegend: + allow   ? approval required   - deny   ! orloj is more permissive (exposure)\n");
        out.append(String.format("%d agents x %d %s: %d allow, %d approval required, %d deny, %d exposures%n",
                m.agents().size(), m.columns().size(), m.models() ? "models" : "tools", counts.get(Verdict.ALLOW),
                counts.get(Verdict.APPROVAL_REQUIRED), counts.get(Verdict.DENY), m.exposureCount()));
        boolean first = true;
        for (int r = 0; r < m.agents().size(); r++) {
            for (int c = 0; c < m.columns().size(); c++) {
                if (!m.exposed(r, c)) {
                    continue;
                }
                Answer a = m.cell(r, c);
                if (first) {
                    out.append("exposures:\n");
                    first = false;
                }
                out.append(String.format("  %s %s x %s: strict %s (%s), orloj %s (%s)", a.exposure().get(), m.agents().get(r), m.columns().get(c),
                        a.strict().verdict().wireName(), a.strict().reason().wireName(), a.orloj().verdict().wireName(), a.orloj().reason().wireName()))
                        .append('\n');
            }
        }
    }

    /** {@code String.format("%-<width>s", s)} without a formatter per cell. */
    private static StringBuilder padRight(StringBuilder b, String s, int width) {
        b.append(s);
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b;
    }

    /** {@code String.format("%<width>s", s)} without a formatter per cell. */
    private static StringBuilder padLeft(StringBuilder b, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b.append(s);
    }
}

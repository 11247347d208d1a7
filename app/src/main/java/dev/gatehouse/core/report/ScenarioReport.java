package dev.gatehouse.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.sandbox.AttemptResult;
import dev.gatehouse.core.sandbox.DecisionCoverage;
import dev.gatehouse.core.sandbox.Durations;
import dev.gatehouse.core.sandbox.Execution;
import dev.gatehouse.core.sandbox.RunResult;
import dev.gatehouse.core.sandbox.Scenario;
import dev.gatehouse.core.sandbox.StepDecision;
import dev.gatehouse.core.sandbox.StepResult;
import dev.gatehouse.core.sandbox.ToolStub;
import dev.gatehouse.core.source.Located;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The renderings of {@code gatehouse test}: a text report (a progress line per scenario, one line per step with
 * its verdict and reason, what ran, what Orloj would do, the failed expectations, a summary), JSON, and JUnit XML
 * for CI viewers. Scenario files that do not read are part of the report, as errors.
 */
public final class ScenarioReport {
    private ScenarioReport() {
    }

    /** Everything one {@code gatehouse test} produced: the runs in order, and the scenario files that did not read. */
    public record Suite(List<RunResult> runs, List<Diagnostic> diagnostics) {
        public Suite {
            runs = List.copyOf(runs);
            diagnostics = List.copyOf(diagnostics);
        }

        public long passed() {
            return runs.stream().filter(RunResult::passed).count();
        }

        public long failed() {
            return runs.size() - passed();
        }

        public long steps() {
            return runs.stream().mapToLong(r -> r.steps().size()).sum();
        }

        public boolean invalid() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    // ---------------------------------------------------------------------------------------------------- text

    /** {@code [2/5] name (agent a)}: the line printed when a scenario starts. */
    public static String progress(int index, int total, Scenario s) {
        return "[" + index + "/" + total + "] " + s.name().value() + " (" + who(s) + ", " + s.file().path() + ")";
    }

    /** The step lines and the verdict of one run; repetitions of a step that went the same way share one line. */
    public static String run(RunResult r) {
        StringBuilder b = new StringBuilder();
        List<StepResult> steps = r.steps();
        for (int i = 0; i < steps.size(); i++) {
            StepResult first = steps.get(i);
            int j = i;
            while (j + 1 < steps.size() && sameAs(first, steps.get(j + 1))) {
                j++;
            }
            b.append(j == i ? step(first) : step(first).replaceFirst(
                    "\\[" + first.repetition() + "/", "[" + first.repetition() + "-" + steps.get(j).repetition() + "/")).append('\n');
            i = j;
        }
        b.append("  end: ").append(r.outcome().wireName()).append(" (").append(r.outcomeReason()).append(") | orloj ")
                .append(r.orlojOutcome().wireName()).append(" (").append(r.orlojReason()).append(") | ").append(r.tokensUsed()).append(" tokens\n");
        for (String f : r.failures()) {
            b.append("  FAIL: ").append(f).append('\n');
        }
        b.append(r.passed() ? "PASS " : "FAIL ").append(r.scenario().name().value()).append('\n');
        return b.toString();
    }

    /**
     * One step: {@code step 2 t+1s call web-search: allow (role_grant) ... | orloj allow (role_grant)}, details
     * indented below. A real tool's run time is measured, not virtual, and says so.
     */
    public static String step(StepResult s) {
        StringBuilder b = new StringBuilder();
        b.append("  step ").append(s.label()).append(" t+").append(Durations.format(s.atNanos()));
        if (!s.agent().isEmpty() && s.step().agent().isPresent()) {
            b.append(' ').append(s.agent());
        }
        b.append(' ').append(s.description()).append(": ").append(s.strict().brief()).append(' ').append(s.strict().message())
                .append(" | orloj ").append(s.orloj().brief());
        s.exposure().ifPresent(e -> b.append("\n      EXPOSURE ").append(e).append(": orloj ").append(s.orloj().brief()).append(", gatehouse ")
                .append(s.strict().brief()));
        s.execution().ifPresent(e -> b.append("\n      ran: ").append(e.summary()).append(" in ").append(Durations.format(e.durationNanos()))
                .append(e.backend() == ToolStub.Backend.CANNED ? "" : " (measured)")
                .append(e.last().response().map(x -> ", response " + x).orElse("")).append(e.last().error().map(x -> ", error " + x).orElse("")));
        for (String n : s.notes()) {
            b.append("\n      note: ").append(n);
        }
        for (String f : s.failures()) {
            b.append("\n      FAIL: ").append(f);
        }
        return b.toString();
    }

    /** A repetition of the same step that went the same way, on the same clock. */
    private static boolean sameAs(StepResult a, StepResult b) {
        return a.step() == b.step() && a.atNanos() == b.atNanos() && a.strict().equals(b.strict()) && a.orloj().equals(b.orloj())
                && a.exposure().equals(b.exposure()) && a.notes().equals(b.notes()) && a.failures().equals(b.failures())
                && a.execution().map(e -> e.attempts().stream().map(x -> x.status().wireName() + x.response() + x.error()).toList())
                .equals(b.execution().map(e -> e.attempts().stream().map(x -> x.status().wireName() + x.response() + x.error()).toList()));
    }

    /** {@code 5 scenarios, 23 steps: 4 passed, 1 failed}, and the invalid files when there are any. */
    public static String summary(Suite suite) {
        long errors = suite.diagnostics().stream().filter(Diagnostic::isError).count();
        return String.format("%d scenario%s, %d step%s: %d passed, %d failed%s", suite.runs().size(), suite.runs().size() == 1 ? "" : "s",
                suite.steps(), suite.steps() == 1 ? "" : "s", suite.passed(), suite.failed(),
                errors == 0 ? "" : String.format(", %d error%s in scenario files", errors, errors == 1 ? "" : "s"));
    }

    /** The whole text report, for callers that do not stream it. */
    public static String text(Suite suite) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : suite.diagnostics()) {
            b.append(diagnostic(d));
        }
        int i = 0;
        for (RunResult r : suite.runs()) {
            b.append(progress(++i, suite.runs().size(), r.scenario())).append('\n').append(run(r));
        }
        return b.append(summary(suite)).append('\n').toString();
    }

    /** {@code file:line:col: error GH305: message}, help below: as {@code validate} prints it. */
    public static String diagnostic(Diagnostic d) {
        return d.span().location() + ": " + d.severity().wireName() + " " + d.code().name() + ": " + d.message() + "\n"
                + d.help().map(h -> "    help: " + h + "\n").orElse("");
    }

    private static String who(Scenario s) {
        List<String> parts = new ArrayList<>();
        s.agent().ifPresent(a -> parts.add("agent " + a.value()));
        s.system().ifPresent(a -> parts.add("system " + a.value()));
        s.task().ifPresent(a -> parts.add("task " + a.value()));
        return String.join(", ", parts);
    }

    // ---------------------------------------------------------------------------------------------------- json

    public static String json(Suite suite) {
        return json(suite, Optional.empty());
    }

    /** The report as JSON; with {@code coverage}, a {@code coverage} object after the summary. */
    public static String json(Suite suite, Optional<DecisionCoverage> coverage) {
        return DiagnosticsReport.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("scenarios");
            for (RunResult r : suite.runs()) {
                runJson(g, r);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("diagnostics");
            for (Diagnostic d : suite.diagnostics()) {
                g.writeStartObject();
                g.writeStringField("file", d.span().file().path());
                g.writeNumberField("line", d.span().line());
                g.writeNumberField("column", d.span().column());
                g.writeStringField("severity", d.severity().wireName());
                g.writeStringField("code", d.code().name());
                g.writeStringField("message", d.message());
                g.writeStringField("help", d.help().orElse(null));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("scenarios", suite.runs().size());
            g.writeNumberField("passed", suite.passed());
            g.writeNumberField("failed", suite.failed());
            g.writeNumberField("steps", suite.steps());
            g.writeNumberField("errors", suite.diagnostics().stream().filter(Diagnostic::isError).count());
            g.writeEndObject();
            if (coverage.isPresent()) {
                g.writeFieldName("coverage");
                CoverageReport.write(g, coverage.get());
            }
            g.writeEndObject();
        });
    }

    private static void runJson(JsonGenerator g, RunResult r) throws IOException {
        Scenario s = r.scenario();
        g.writeStartObject();
        g.writeStringField("name", s.name().value());
        g.writeStringField("file", s.file().path());
        g.writeStringField("namespace", s.namespace());
        g.writeStringField("agent", s.agent().map(Located::value).orElse(null));
        g.writeStringField("system", s.system().map(Located::value).orElse(null));
        g.writeStringField("task", s.task().map(Located::value).orElse(null));
        g.writeBooleanField("passed", r.passed());
        g.writeStringField("outcome", r.outcome().wireName());
        g.writeStringField("outcomeReason", r.outcomeReason());
        g.writeStringField("orlojOutcome", r.orlojOutcome().wireName());
        g.writeStringField("orlojReason", r.orlojReason());
        g.writeNumberField("tokens", r.tokensUsed());
        g.writeNumberField("orlojTokens", r.orlojTokensUsed());
        strings(g, "failures", r.failures());
        g.writeArrayFieldStart("steps");
        for (StepResult st : r.steps()) {
            g.writeStartObject();
            g.writeNumberField("step", st.step().index());
            g.writeNumberField("repetition", st.repetition());
            g.writeStringField("agent", st.agent());
            g.writeStringField("kind", st.step().action().kind().wireName());
            g.writeStringField("subject", st.subject());
            g.writeNumberField("atNanos", st.atNanos());
            decision(g, "strict", st.strict());
            decision(g, "orloj", st.orloj());
            g.writeStringField("exposure", st.exposure().orElse(null));
            if (st.execution().isPresent()) {
                Execution e = st.execution().get();
                g.writeObjectFieldStart("execution");
                g.writeStringField("backend", e.backend().wireName());
                g.writeStringField("outcome", e.last().status().wireName());
                g.writeNumberField("durationNanos", e.durationNanos());
                g.writeArrayFieldStart("attempts");
                for (AttemptResult a : e.attempts()) {
                    g.writeStartObject();
                    g.writeStringField("status", a.status().wireName());
                    g.writeStringField("response", a.response().orElse(null));
                    g.writeStringField("error", a.error().orElse(null));
                    g.writeNumberField("elapsedNanos", a.elapsedNanos());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            } else {
                g.writeNullField("execution");
            }
            strings(g, "notes", st.notes());
            strings(g, "failures", st.failures());
            g.writeBooleanField("passed", st.passed());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void decision(JsonGenerator g, String name, StepDecision d) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("verdict", d.verdict().wireName());
        g.writeStringField("reason", d.reason());
        g.writeStringField("message", d.message());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> items) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : items) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    // --------------------------------------------------------------------------------------------------- junit

    /**
     * JUnit XML as Jenkins, GitLab and GitHub test reporters read it: a suite per scenario file, a case per scenario,
     * a {@code <failure>} per scenario whose expectations fail, an {@code <error>} per file that does not read.
     * Times are 0: the runs are on a virtual clock, and the report stays byte-stable.
     */
    public static String junit(Suite suite) {
        Map<String, List<RunResult>> byFile = new LinkedHashMap<>();
        for (RunResult r : suite.runs()) {
            byFile.computeIfAbsent(r.scenario().file().path(), k -> new ArrayList<>()).add(r);
        }
        Map<String, List<Diagnostic>> invalid = new LinkedHashMap<>();
        for (Diagnostic d : suite.diagnostics()) {
            if (d.isError()) {
                invalid.computeIfAbsent(d.span().file().path(), k -> new ArrayList<>()).add(d);
            }
        }
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "gatehouse test");
            w.writeAttribute("tests", String.valueOf(suite.runs().size() + invalid.size()));
            w.writeAttribute("failures", String.valueOf(suite.failed()));
            w.writeAttribute("errors", String.valueOf(invalid.size()));
            w.writeAttribute("time", "0");
            for (Map.Entry<String, List<RunResult>> file : byFile.entrySet()) {
                long failed = file.getValue().stream().filter(r -> !r.passed()).count();
                w.writeCharacters("\n  ");
                w.writeStartElement("testsuite");
                w.writeAttribute("name", file.getKey());
                w.writeAttribute("tests", String.valueOf(file.getValue().size()));
                w.writeAttribute("failures", String.valueOf(failed));
                w.writeAttribute("errors", "0");
                w.writeAttribute("time", "0");
                for (RunResult r : file.getValue()) {
                    w.writeCharacters("\n    ");
                    w.writeStartElement("testcase");
                    w.writeAttribute("classname", file.getKey());
                    w.writeAttribute("name", r.scenario().name().value());
                    w.writeAttribute("time", "0");
                    if (!r.passed()) {
                        List<String> all = new ArrayList<>();
                        for (StepResult s : r.steps()) {
                            s.failures().forEach(f -> all.add("step " + s.label() + " (" + s.description() + "): " + f));
                        }
                        all.addAll(r.failures());
                        w.writeCharacters("\n      ");
                        w.writeStartElement("failure");
                        w.writeAttribute("message", all.get(0));
                        w.writeAttribute("type", "expectation");
                        w.writeCharacters(String.join("\n", all));
                        w.writeEndElement();
                    }
                    w.writeCharacters("\n      ");
                    w.writeStartElement("system-out");
                    w.writeCharacters(run(r));
                    w.writeEndElement();
                    w.writeCharacters("\n    ");
                    w.writeEndElement();
                }
                w.writeCharacters("\n  ");
                w.writeEndElement();
            }
            for (Map.Entry<String, List<Diagnostic>> file : invalid.entrySet()) {
                w.writeCharacters("\n  ");
                w.writeStartElement("testsuite");
                w.writeAttribute("name", file.getKey());
                w.writeAttribute("tests", "1");
                w.writeAttribute("failures", "0");
                w.writeAttribute("errors", "1");
                w.writeAttribute("time", "0");
                w.writeCharacters("\n    ");
                w.writeStartElement("testcase");
                w.writeAttribute("classname", file.getKey());
                w.writeAttribute("name", file.getKey());
                w.writeAttribute("time", "0");
                w.writeCharacters("\n      ");
                w.writeStartElement("error");
                w.writeAttribute("message", "the scenario file does not read: " + file.getValue().get(0).message());
                w.writeAttribute("type", "invalid scenario");
                StringBuilder text = new StringBuilder();
                file.getValue().forEach(d -> text.append(diagnostic(d)));
                w.writeCharacters(text.toString());
                w.writeEndElement();
                w.writeCharacters("\n    ");
                w.writeEndElement();
                w.writeCharacters("\n  ");
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new UncheckedIOException(new IOException(e));
        }
        return out.toString();
    }
}

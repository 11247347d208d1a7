package dev.gatehouse.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gatehouse.core.sandbox.AuditEvent;
import dev.gatehouse.core.sandbox.Durations;
import dev.gatehouse.core.sandbox.LoggedEvent;
import dev.gatehouse.core.sandbox.StepDecision;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Renderings of audit rows: one text line per row (what {@code gatehouse run} streams and {@code gatehouse log}
 * prints) and JSON Lines, one object per row, for export to a SIEM or {@code jq}.
 */
public final class AuditReport {
    private static final JsonFactory JSON = new JsonFactory();

    private AuditReport() {
    }

    /** {@code run-1 #2 t+0s decision customer-support-bot tool update-admin-password: deny (not_declared) | orloj deny (not_declared) -> refused}. */
    public static String line(AuditEvent e) {
        StringBuilder b = new StringBuilder();
        b.append(e.runId());
        if (e.step() > 0) {
            b.append(" #").append(e.step());
        }
        b.append(" t+").append(Durations.format(e.atNanos())).append(' ').append(e.type().wireName());
        if (!e.agent().isEmpty()) {
            b.append(' ').append(e.agent());
        }
        if (!e.subjectKind().isEmpty()) {
            b.append(' ').append(e.subjectKind()).append(' ').append(e.subject());
        }
        e.strict().ifPresent(d -> b.append(": ").append(d.brief()));
        e.orloj().ifPresent(d -> b.append(" | orloj ").append(d.brief()));
        e.exposure().ifPresent(x -> b.append(" | exposure ").append(x));
        if (e.durationNanos() > 0) {
            b.append(" | ").append(Durations.format(e.durationNanos()));
        }
        if (!e.outcome().isEmpty()) {
            b.append(" -> ").append(e.outcome());
        }
        e.strict().ifPresent(d -> b.append(" | ").append(d.message()));
        if (!e.detail().isEmpty()) {
            b.append(" | ").append(e.detail());
        }
        return b.toString();
    }

    public static String text(List<LoggedEvent> events) {
        StringBuilder b = new StringBuilder();
        for (LoggedEvent e : events) {
            b.append(line(e.event())).append('\n');
        }
        return b.toString();
    }

    /** One JSON object per line: {@code seq}, {@code recordedAt} (ISO-8601), then every field of the event. */
    public static String jsonl(List<LoggedEvent> events) {
        StringBuilder b = new StringBuilder();
        for (LoggedEvent e : events) {
            b.append(json(e)).append('\n');
        }
        return b.toString();
    }

    public static String json(LoggedEvent le) {
        StringWriter w = new StringWriter();
        AuditEvent e = le.event();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("seq", le.seq());
            g.writeStringField("recordedAt", Instant.ofEpochMilli(le.recordedAtMillis()).toString());
            g.writeStringField("run", e.runId());
            g.writeStringField("scenario", e.scenario());
            g.writeNumberField("step", e.step());
            g.writeStringField("type", e.type().wireName());
            g.writeStringField("agent", e.agent());
            g.writeStringField("subjectKind", e.subjectKind());
            g.writeStringField("subject", e.subject());
            decision(g, "strict", e.strict());
            decision(g, "orloj", e.orloj());
            g.writeStringField("exposure", e.exposure().orElse(null));
            g.writeNumberField("atNanos", e.atNanos());
            g.writeNumberField("durationNanos", e.durationNanos());
            g.writeStringField("outcome", e.outcome());
            g.writeStringField("detail", e.detail());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    private static void decision(JsonGenerator g, String name, Optional<StepDecision> d) throws IOException {
        if (d.isEmpty()) {
            g.writeNullField(name);
        } else {
            ScenarioReport.decision(g, name, d.get());
        }
    }
}

package dev.gatehouse.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Severity;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.SourceSummary;
import dev.gatehouse.core.validate.ValidationResult;

import java.io.IOException;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The three renderings of a validation: text (one line per finding, then a summary), JSON (the CLI contract)
 * and SARIF 2.1.0 (GitHub code scanning). CLI and UI exports write the same bytes through this class.
 */
public final class DiagnosticsReport {
    private static final JsonFactory JSON = new JsonFactory();

    private DiagnosticsReport() {
    }

    /** {@code file:line:col: severity code: message}, help indented below, then a summary line. */
    public static String text(ValidationResult result) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : result.diagnostics()) {
            b.append(d.span().location()).append(": ").append(d.severity().wireName()).append(' ')
                    .append(d.code().name()).append(": ").append(d.message()).append('\n');
            d.help().ifPresent(h -> b.append("    help: ").append(h).append('\n'));
        }
        b.append(summary(result)).append('\n');
        return b.toString();
    }

    public static String summary(ValidationResult result) {
        int files = result.workspace().files().size();
        int resources = result.workspace().manifests().size();
        return String.format("%d file%s, %d resource%s: %d error%s, %d warning%s, %d info",
                files, files == 1 ? "" : "s", resources, resources == 1 ? "" : "s",
                result.count(Severity.ERROR), result.count(Severity.ERROR) == 1 ? "" : "s",
                result.count(Severity.WARNING), result.count(Severity.WARNING) == 1 ? "" : "s",
                result.count(Severity.INFO));
    }

    public static String json(ValidationResult result) {
        return write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("files");
            for (SourceSummary f : result.workspace().files()) {
                g.writeStartObject();
                g.writeStringField("path", f.path().path());
                g.writeStringField("format", f.format());
                g.writeArrayFieldStart("resources");
                for (Resource r : f.resources()) {
                    g.writeStartObject();
                    g.writeStringField("kind", r.meta().kind().wireName());
                    g.writeStringField("namespace", r.namespace());
                    g.writeStringField("name", r.name());
                    g.writeNumberField("line", r.meta().span().line());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("diagnostics");
            for (Diagnostic d : result.diagnostics()) {
                g.writeStartObject();
                g.writeStringField("file", d.span().file().path());
                g.writeNumberField("line", d.span().line());
                g.writeNumberField("column", d.span().column());
                g.writeNumberField("endLine", d.span().endLine());
                g.writeNumberField("endColumn", d.span().endColumn());
                g.writeStringField("severity", d.severity().wireName());
                g.writeStringField("code", d.code().name());
                g.writeStringField("message", d.message());
                if (d.help().isPresent()) {
                    g.writeStringField("help", d.help().get());
                }
                d.code().exposureItem().ifPresent(f -> {
                    try {
                        g.writeStringField("exposure", f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("files", result.workspace().files().size());
            g.writeNumberField("resources", result.workspace().manifests().size());
            g.writeNumberField("errors", result.count(Severity.ERROR));
            g.writeNumberField("warnings", result.count(Severity.WARNING));
            g.writeNumberField("infos", result.count(Severity.INFO));
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** SARIF 2.1.0: one run, rule ids = diagnostic codes, physical locations with 1-based regions. */
    public static String sarif(ValidationResult result, String toolVersion) {
        Set<Code> used = new LinkedHashSet<>();
        result.diagnostics().forEach(d -> used.add(d.code()));
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", "gatehouse");
            g.writeStringField("version", toolVersion);
            g.writeStringField("informationUri", "https://github.com/gatehouse-dev/gatehouse");
            g.writeArrayFieldStart("rules");
            for (Code c : Code.values()) {
                if (!used.contains(c)) {
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("id", c.name());
                g.writeStringField("name", camel(c.title()));
                g.writeObjectFieldStart("shortDescription");
                g.writeStringField("text", c.title());
                g.writeEndObject();
                g.writeObjectFieldStart("fullDescription");
                g.writeStringField("text", c.description());
                g.writeEndObject();
                g.writeObjectFieldStart("defaultConfiguration");
                g.writeStringField("level", level(c.defaultSeverity()));
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("results");
            for (Diagnostic d : result.diagnostics()) {
                g.writeStartObject();
                g.writeStringField("ruleId", d.code().name());
                g.writeStringField("level", level(d.severity()));
                g.writeObjectFieldStart("message");
                g.writeStringField("text", d.message() + d.help().map(h -> " (" + h + ")").orElse(""));
                g.writeEndObject();
                g.writeArrayFieldStart("locations");
                g.writeStartObject();
                g.writeObjectFieldStart("physicalLocation");
                g.writeObjectFieldStart("artifactLocation");
                g.writeStringField("uri", d.span().file().path());
                g.writeEndObject();
                g.writeObjectFieldStart("region");
                g.writeNumberField("startLine", d.span().line());
                g.writeNumberField("startColumn", d.span().column());
                g.writeNumberField("endLine", d.span().endLine());
                g.writeNumberField("endColumn", Math.max(d.span().endColumn(), d.span().endLine() == d.span().line() ? d.span().column() : 1));
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static String camel(String title) {
        StringBuilder b = new StringBuilder();
        boolean up = true;
        for (char c : title.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            } else {
                up = true;
            }
        }
        return b.toString();
    }

    /** The Markdown table of every code, for docs/diagnostics.md. */
    public static String codeTable() {
        StringBuilder b = new StringBuilder("# Gatehouse diagnostic codes\n\nGenerated from `Code.java` by `gatehouse codes`; do not edit by hand.\n");
        Code.CodeClass current = null;
        for (Code c : Code.values()) {
            if (c.codeClass() != current) {
                current = c.codeClass();
                b.append("\n## ").append(c.name(), 0, 3).append("xx: ").append(current.title()).append("\n\n")
                        .append("| code | default severity | title | meaning |\n|---|---|---|---|\n");
            }
            b.append("| ").append(c.name()).append(" | ").append(c.defaultSeverity().wireName()).append(" | ")
                    .append(c.title()).append(" | ").append(c.description().replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }

    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    static String write(JsonBody body) {
        return Rendered.asString(w -> write(body, w));
    }

    /** The pretty-printed document, then a line break, written to {@code out}, which stays open. */
    static void write(JsonBody body, Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pp);
            body.write(g);
        }
        out.write('\n');
    }
}

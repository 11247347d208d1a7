package dev.gatehouse.core.parse;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Severity;
import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.model.Manifest;
import dev.gatehouse.core.model.OrlojView;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.Schemas;
import dev.gatehouse.core.model.SourceSummary;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.orloj.OrlojReading;
import dev.gatehouse.core.parse.orloj.OrlojYamlReader;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a set of files into a {@link Workspace}: each file twice, as a YAML/JSON parser reads it (strict) and
 * as Orloj reads it (its line reader or its JSON decoder), the two readings compared field by field. Pure:
 * the bytes come from the caller. One broken file never hides the others.
 */
public final class WorkspaceReader {
    private final ManifestParser parser;

    public WorkspaceReader(ReadLimits limits) {
        this.parser = new ManifestParser(limits);
    }

    public WorkspaceReader() {
        this(ReadLimits.DEFAULT);
    }

    /** The result of reading one file; kept per file so the editor can re-read one file and reuse the rest. */
    public record FileReading(SourceSummary summary, List<Manifest> manifests, Optional<Resource> orlojResource,
                              Optional<String> orlojRejection, List<Diagnostic> diagnostics) {
        public FileReading {
            manifests = List.copyOf(manifests);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public Workspace read(List<SourceInput> inputs) {
        // Files are read independently (pure, no shared state), so they are read in parallel; the
        // result keeps the input order, so output does not depend on scheduling.
        List<FileReading> files = inputs.size() < 64 ? inputs.stream().map(this::readFile).toList()
                : inputs.parallelStream().map(this::readFile).toList();
        return assemble(files);
    }

    /** Combines per-file readings (in path order) into a workspace. */
    public static Workspace assemble(List<FileReading> files) {
        List<SourceSummary> summaries = new ArrayList<>();
        List<Manifest> manifests = new ArrayList<>();
        List<Resource> loaded = new ArrayList<>();
        Map<SourceId, String> rejected = new LinkedHashMap<>();
        List<Diagnostic> diags = new ArrayList<>();
        for (FileReading f : files) {
            summaries.add(f.summary());
            manifests.addAll(f.manifests());
            f.orlojResource().ifPresent(loaded::add);
            f.orlojRejection().ifPresent(m -> rejected.put(f.summary().path(), m));
            diags.addAll(f.diagnostics());
        }
        diags.sort(Diagnostic.ORDER);
        return new Workspace(summaries, manifests, new OrlojView(loaded, rejected), diags);
    }

    public FileReading readFile(SourceInput in) {
        if (in.ioError().isPresent()) {
            Diagnostic d = Diagnostic.of(Code.GH112, Span.fileStart(in.id()), "file cannot be read: " + in.ioError().get());
            return new FileReading(new SourceSummary(in.id(), "unknown", List.of()), List.of(), Optional.empty(),
                    Optional.of("not read"), List.of(d));
        }
        ParsedFile parsed = parser.parse(in.id(), in.bytes());
        List<Diagnostic> diags = new ArrayList<>(parsed.diagnostics());
        List<Resource> resources = new ArrayList<>();
        List<Span> documentSpans = new ArrayList<>();
        for (Document doc : parsed.documents()) {
            ManifestBinder.Bound bound = ManifestBinder.strict(in.id(), doc.index(), doc.root(), parsed.format());
            diags.addAll(bound.diagnostics());
            bound.resource().ifPresent(r -> {
                resources.add(r);
                documentSpans.add(doc.span());
            });
            boolean governance = bound.resource().map(r -> r.meta().kind().governance()).orElse(true);
            for (Document.Construct c : doc.constructs()) {
                if (!c.what().startsWith("quoted key")) {
                    Diagnostic d = Diagnostic.of(Code.GH506, c.span(), "orloj's reader does not understand the yaml " + c.what(),
                            "write the value out in plain block style");
                    diags.add(governance ? d : d.withSeverity(Severity.WARNING));
                }
            }
        }
        boolean anyGovernance = resources.stream().anyMatch(r -> r.meta().kind().governance()) || resources.isEmpty();
        if (parsed.documents().size() > 1) {
            Document second = parsed.documents().get(1);
            Diagnostic d = Diagnostic.of(Code.GH504, second.span(),
                    "file holds " + parsed.documents().size() + " documents: orloj merges them into one resource (F29)",
                    "put each manifest in a file of its own");
            diags.add(anyGovernance ? d : d.withSeverity(Severity.WARNING));
        }

        // Orloj's reading of the same file.
        Optional<Resource> orlojResource = Optional.empty();
        Optional<String> rejection = Optional.empty();
        if (parsed.text().isPresent() && parsed.diagnostics().stream().noneMatch(d -> d.code() == Code.GH104 || d.code() == Code.GH105 || d.code() == Code.GH103)) {
            SourceText text = parsed.text().get();
            if (parsed.format() == SourceFormat.JSON && parsed.documents().size() == 1 && parsed.readable()) {
                Node root = parsed.documents().get(0).root();
                Optional<Kind> kind = root instanceof MapNode m ? jsonKind(m) : Optional.empty();
                if (kind.isEmpty()) {
                    rejection = Optional.of(root instanceof MapNode ? "kind is required" : "failed to decode manifest kind");
                } else {
                    MapNode view = OrlojJsonView.of((MapNode) root, Schemas.of(kind.get()));
                    if (kind.get() == Kind.AGENT && ((MapNode) root).entries().stream().anyMatch(e -> e.key().text().equalsIgnoreCase("spec")
                            && e.value() instanceof MapNode spec && spec.get("model").isPresent())) {
                        rejection = Optional.of("spec.model has been removed; use spec.model_ref");
                    } else {
                        ManifestBinder.Bound b = ManifestBinder.orloj(in.id(), view, SourceFormat.JSON, kind.get());
                        rejection = b.orlojRejections().stream().findFirst();
                        orlojResource = rejection.isPresent() ? Optional.empty() : b.resource();
                    }
                }
            } else {
                OrlojReading reading = OrlojYamlReader.read(text);
                if (reading.emulated() && reading.tree().isPresent()) {
                    Kind kind = reading.detectedKind().flatMap(Kind::fromOrloj).orElseThrow();
                    ManifestBinder.Bound b = ManifestBinder.orloj(in.id(), reading.tree().get(), SourceFormat.YAML, kind);
                    rejection = b.orlojRejections().stream().findFirst();
                    orlojResource = rejection.isPresent() ? Optional.empty() : b.resource();
                    if (parsed.documents().size() == 1 && parsed.documents().get(0).root() instanceof MapNode strictRoot) {
                        boolean governance = kind.governance();
                        for (Diagnostic d : ReadingComparison.compare(Schemas.of(kind), strictRoot, reading.tree().get())) {
                            diags.add(governance ? d : d.withSeverity(Severity.WARNING));
                        }
                    }
                } else if (reading.error().isPresent()) {
                    rejection = Optional.of(reading.error().get().message());
                } else if (parsed.documents().size() == 1 && resources.size() == 1) {
                    // Kinds whose reader is not emulated decide nothing; Orloj is taken to read them as a parser does.
                    orlojResource = Optional.of(resources.get(0));
                }
                if (rejection.isPresent() && parsed.readable() && diags.stream().noneMatch(Diagnostic::isError)) {
                    Span at = reading.error().map(e -> e.span()).orElse(Span.fileStart(in.id()));
                    diags.add(Diagnostic.of(Code.GH505, at, "orloj refuses this manifest: " + rejection.get(),
                            "a yaml parser reads it; fix the value orloj's reader reads differently"));
                }
            }
        } else {
            rejection = Optional.of("not read");
        }

        List<Manifest> manifests = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            Span docSpan = documentSpans.get(i);
            boolean broken = false;
            for (Diagnostic d : diags) {
                if (!d.isError() || d.code().codeClass() == Code.CodeClass.REFERENCE || d.code().codeClass() == Code.CodeClass.EXPOSURE) {
                    continue;
                }
                boolean fileLevel = d.code() == Code.GH504 || d.code().codeClass() == Code.CodeClass.READ || d.code() == Code.GH505;
                boolean inDocument = d.span().line() >= docSpan.line() && d.span().line() <= docSpan.endLine();
                if (fileLevel || inDocument) {
                    broken = true;
                    break;
                }
            }
            manifests.add(new Manifest(resources.get(i), broken));
        }
        diags.sort(Diagnostic.ORDER);
        SourceSummary summary = new SourceSummary(in.id(), parsed.format().name().toLowerCase(java.util.Locale.ROOT), resources);
        return new FileReading(summary, manifests, orlojResource, rejection, diags);
    }

    /** Go's DetectKind on JSON: the {@code kind} key matched ignoring case, trimmed. */
    private static Optional<Kind> jsonKind(MapNode root) {
        String kind = null;
        for (MapNode.Entry e : root.entries()) {
            if (e.key().text().equalsIgnoreCase("kind") && e.value() instanceof ScalarNode s) {
                kind = s.text();
            }
        }
        return kind == null || kind.isBlank() ? Optional.empty() : Kind.fromOrloj(kind);
    }
}

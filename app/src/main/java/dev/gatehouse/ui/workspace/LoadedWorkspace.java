package dev.gatehouse.ui.workspace;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Severity;
import dev.gatehouse.core.edit.QuickFixes;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.ReadLimits;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.report.DiagnosticsReport;
import dev.gatehouse.core.sandbox.ScenarioFiles;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.validate.ValidationResult;
import dev.gatehouse.core.validate.Validation;
import dev.gatehouse.core.workspace.WorkspaceFiles;
import dev.gatehouse.ui.common.FindingLevel;
import dev.gatehouse.ui.editor.LineMark;
import dev.gatehouse.ui.editor.QuickFix;
import dev.gatehouse.ui.editor.SourceDocument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A workspace read and validated, already shaped for the window: table rows, the tree, the text of every file,
 * and the manifests as read, which the permission matrix decides on. Built off the FX thread in one go, so the
 * FX thread only swaps it in.
 */
record LoadedWorkspace(Path root, String summary, long errors, long warnings, List<ProblemRow> problems,
                       NavigationNode outline, Map<String, SourceDocument> documents, Workspace workspace,
                       List<SourceInput> disk, Validation validation, Map<String, List<Diagnostic>> findings,
                       Map<SourceInput, Boolean> scenarios) {
    LoadedWorkspace {
        problems = List.copyOf(problems);
        documents = Map.copyOf(documents);
        disk = List.copyOf(disk);
        findings = Map.copyOf(findings);
    }

    /** Reads every manifest under {@code root} (a folder, or one file) and validates them. */
    static LoadedWorkspace read(Path root) throws IOException {
        return read(root, Map.of());
    }

    /**
     * As {@link #read(Path)}, with the unsaved text of some files (by workspace path) in place of what is on
     * disk: what the editor shows is what is validated and decided, before it is saved.
     */
    static LoadedWorkspace read(Path root, Map<String, String> unsaved) throws IOException {
        return read(root, unsaved, new FileReadings());
    }

    /**
     * As {@link #read(Path, Map)}, reusing the readings kept in {@code readings} of the files whose bytes have
     * not changed (a keystroke changes one file: the others are not parsed again), and keeping the new ones.
     */
    static LoadedWorkspace read(Path root, Map<String, String> unsaved, FileReadings readings) throws IOException {
        return read(root, unsaved, readings, Optional.empty(), false);
    }

    /**
     * As {@link #read(Path, Map, FileReadings)}, after an edit of the workspace {@code previous} shows: its
     * validation is carried on ({@link Validation#next}: only what the edit can change is checked again), and
     * what it derived from files that did not change is reused. With {@code sameDisk} (nothing changed on disk
     * since {@code previous} was read, as the folder watcher tells) the files are not read again either: only
     * the unsaved texts differ. The result is the one a fresh read gives.
     */
    static LoadedWorkspace read(Path root, Map<String, String> unsaved, FileReadings readings, Optional<LoadedWorkspace> previous,
                                boolean sameDisk) throws IOException {
        return validate(reading(root, unsaved, readings, previous, sameDisk));
    }

    /**
     * The first part of a read: the files as the editor shows them, read into a workspace, which is all the
     * permission matrix needs; {@link #validate} does the rest.
     */
    record Reading(Path folder, Optional<LoadedWorkspace> before, List<SourceInput> onDisk, Map<String, String> disk,
                   Map<SourceId, String> shown, Workspace workspace, Map<SourceInput, Boolean> scenarios) {
        /** The text the editor shows of each manifest file (scenarios are no manifests), by path. */
        Map<String, String> manifests() {
            Map<String, String> out = new LinkedHashMap<>();
            workspace.files().forEach(f -> Optional.ofNullable(shown.get(f.path())).ifPresent(t -> out.put(f.path().path(), t)));
            return out;
        }
    }

    static Reading reading(Path root, Map<String, String> unsaved, FileReadings readings, Optional<LoadedWorkspace> previous,
                           boolean sameDisk) throws IOException {
        Path folder = Files.isRegularFile(root) ? root.getParent() : root;
        Optional<LoadedWorkspace> before = previous.filter(p -> p.root().equals(folder));
        // Paths relative to the opened folder, so the tree and the table read agents/…, not the working directory.
        List<SourceInput> onDisk = sameDisk && before.isPresent() ? before.get().disk()
                : new WorkspaceFiles(ReadLimits.DEFAULT, folder).readAll(List.of(root));
        List<SourceInput> inputs = new ArrayList<>(onDisk.size());
        for (SourceInput input : onDisk) {
            String text = unsaved.get(input.id().path());
            inputs.add(text == null ? input : new SourceInput(input.id(), text.getBytes(StandardCharsets.UTF_8)));
        }
        // Scenario files are Gatehouse's, not manifests: validated and decided without them, as the CLI does.
        // Which inputs are scenarios, by input (the same object holds the same bytes): kept from the read before.
        Map<SourceInput, Boolean> scenarios = new java.util.IdentityHashMap<>();
        List<SourceInput> manifests = new ArrayList<>(inputs.size());
        for (SourceInput input : inputs) {
            Boolean known = before.map(p -> p.scenarios().get(input)).orElse(null);
            boolean scenario = known != null ? known : ScenarioFiles.isScenario(input);
            scenarios.put(input, scenario);
            if (!scenario) {
                manifests.add(input);
            }
        }
        Workspace read = WorkspaceReader.assemble(readings.read(new WorkspaceReader(), manifests));
        // The previous read's files as read from disk: the text of a file read from the same bytes is the same.
        Map<String, SourceInput> diskBefore = new HashMap<>();
        before.ifPresent(p -> p.disk().forEach(d -> diskBefore.put(d.id().path(), d)));
        Map<String, String> disk = new LinkedHashMap<>();
        Map<SourceId, String> shown = new HashMap<>();
        for (SourceInput input : onDisk) {
            String path = input.id().path();
            Optional<SourceDocument> known = diskBefore.get(path) == input ? before.get().document(path) : Optional.empty();
            disk.put(path, known.map(SourceDocument::diskText).orElseGet(() -> text(input)));
            shown.put(input.id(), unsaved.getOrDefault(path, disk.get(path)));
        }
        return new Reading(folder, before, onDisk, disk, shown, read, scenarios);
    }

    /**
     * The rest of a read: the workspace validated, carrying on the validation of the workspace read before (only
     * what the edit can change is checked again), and shaped for the window.
     */
    static LoadedWorkspace validate(Reading r) {
        Optional<LoadedWorkspace> before = r.before();
        Validation validation = before.map(p -> p.validation().next(r.workspace())).orElseGet(() -> Validation.of(r.workspace()));
        // Quick fixes are edits of the text the editor shows, so they are computed on it.
        ValidationResult result = QuickFixes.attach(validation.result(), r.shown());
        List<ProblemRow> problems = result.diagnostics().stream().map(LoadedWorkspace::row).toList();
        Map<String, SourceDocument> documents = new LinkedHashMap<>();
        // By file once, in their order: filtering every diagnostic for every file is quadratic.
        Map<String, List<Diagnostic>> byFile = result.diagnostics().stream()
                .collect(Collectors.groupingBy(d -> d.span().file().path(), LinkedHashMap::new, Collectors.toList()));
        for (SourceInput input : r.onDisk()) {
            String path = input.id().path();
            String text = r.shown().get(input.id());
            List<Diagnostic> mine = byFile.getOrDefault(path, List.of());
            Optional<SourceDocument> was = before.flatMap(p -> p.document(path));
            // An unchanged file keeps its document, so whoever compares documents finds them the same at once: at
            // no cost when its texts and findings are the very ones of the read before (the validation kept them).
            if (was.isPresent() && was.get().text() == text && was.get().diskText() == r.disk().get(path)
                    && same(before.get().findings().getOrDefault(path, List.of()), mine)) {
                documents.put(path, was.get());
                continue;
            }
            SourceDocument document = new SourceDocument(path, r.folder().resolve(path), text, r.disk().get(path), marks(mine));
            documents.put(path, was.filter(document::equals).orElse(document));
        }
        return new LoadedWorkspace(r.folder(), DiagnosticsReport.summary(result), result.count(Severity.ERROR),
                result.count(Severity.WARNING), problems, Outline.of(result.workspace(), problems), documents, result.workspace(),
                r.onDisk(), validation, byFile, r.scenarios());
    }

    /** The same findings: each the very object of the other list. */
    private static boolean same(List<Diagnostic> a, List<Diagnostic> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    Optional<SourceDocument> document(String path) {
        return Optional.ofNullable(documents.get(path));
    }

    static FindingLevel level(Severity severity) {
        return switch (severity) {
            case ERROR -> FindingLevel.ERROR;
            case WARNING -> FindingLevel.WARNING;
            case INFO -> FindingLevel.INFO;
        };
    }

    private static ProblemRow row(Diagnostic d) {
        return new ProblemRow(level(d.severity()), d.code().name(), d.span().file().path(), d.span().line(),
                d.span().column(), d.message(), d.help());
    }

    private static List<LineMark> marks(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .map(d -> new LineMark(d.span().line(), d.span().column(), d.span().endLine(), d.span().endColumn(),
                        level(d.severity()), d.code().name() + ": " + d.message(), d.help(),
                        d.fixes().stream().map(f -> new QuickFix(f.title(), f.span().line(), f.span().column(), f.span().endLine(),
                                f.span().endColumn(), f.replacement())).toList()))
                .toList();
    }

    /**
     * The bytes as the viewer shows them. CRLF becomes LF and a byte-order mark is dropped: the viewer counts
     * lines at LF as the reader does, and neither changes a line number.
     */
    private static String text(SourceInput input) {
        String text = new String(input.bytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}

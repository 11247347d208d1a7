package dev.gatehouse.ui.workspace;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.report.DiagnosticsReport;
import dev.gatehouse.core.validate.ValidationResult;
import dev.gatehouse.ui.SampleWorkspaces;
import dev.gatehouse.ui.common.CurrentThreadTaskRunner;
import dev.gatehouse.core.source.Span;
import dev.gatehouse.ui.common.FindingLevel;
import dev.gatehouse.ui.editor.LineMark;
import dev.gatehouse.ui.editor.SourceDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkspaceViewModelTest {
    private final LastWorkspace last = LastWorkspace.inMemory();
    private final WorkspaceViewModel viewModel = new WorkspaceViewModel(new CurrentThreadTaskRunner(), last);

    @Test
    void beforeAnyWorkspaceTheHintSaysHowToOpenOne() {
        assertEquals(WorkspaceViewModel.NO_WORKSPACE_HINT, viewModel.hintProperty().get());
        assertEquals(WorkspaceViewModel.NO_WORKSPACE_PROBLEMS, viewModel.noProblemsMessageProperty().get());
        assertEquals("Gatehouse", viewModel.titleProperty().get());
        assertEquals("", viewModel.summaryProperty().get());
        assertEquals(List.of(), viewModel.problems());
        assertNull(viewModel.rootProperty().get());
    }

    @Test
    void problemsAreTheValidatorsFindingsInReportOrder() {
        ValidationResult expected = SampleWorkspaces.validate(SampleWorkspaces.governed());

        viewModel.open(SampleWorkspaces.governed());

        assertEquals(expected.diagnostics().stream().map(WorkspaceViewModelTest::row).toList(), viewModel.problems());
        assertTrue(viewModel.problems().stream().anyMatch(p -> p.code().equals("GH401") && p.file().equals("agents/faq-agent.yaml")));
    }

    @Test
    void summaryTitleAndFlagsDescribeTheWorkspaceShown() {
        ValidationResult expected = SampleWorkspaces.validate(SampleWorkspaces.governed());

        viewModel.open(SampleWorkspaces.governed());

        assertEquals(DiagnosticsReport.summary(expected), viewModel.summaryProperty().get());
        assertEquals("governed — Gatehouse", viewModel.titleProperty().get());
        assertEquals(SampleWorkspaces.governed(), viewModel.rootProperty().get());
        assertEquals(SampleWorkspaces.governed().toString(), viewModel.statusProperty().get());
        assertEquals(WorkspaceViewModel.OPEN_FILE_HINT, viewModel.hintProperty().get());
        assertEquals(WorkspaceViewModel.NO_PROBLEMS, viewModel.noProblemsMessageProperty().get());
        assertEquals(expected.hasErrors(), viewModel.hasErrorsProperty().get());
        assertTrue(viewModel.hasWarningsProperty().get());
        assertFalse(viewModel.loadingProperty().get());
        assertEquals(1, viewModel.revisionProperty().get());
        assertEquals(Optional.of(SampleWorkspaces.governed()), last.get());
    }

    @Test
    void resourcesAreGroupedByKindAndLeadToTheirDocument() {
        ValidationResult expected = SampleWorkspaces.validate(SampleWorkspaces.governed());

        viewModel.open(SampleWorkspaces.governed());

        NavigationNode tools = viewModel.outlineProperty().get().child("Resources").flatMap(r -> r.child("Tool")).orElseThrow();
        List<Tool> coreTools = expected.workspace().all(Tool.class).stream()
                .sorted(Comparator.comparing((Tool t) -> t.meta().key())).toList();
        assertEquals(coreTools.stream().map(t -> t.meta().key()).toList(), tools.children().stream().map(NavigationNode::label).toList());
        assertEquals(coreTools.size(), tools.count());
        Tool prodDb = coreTools.stream().filter(t -> t.name().equals("prod-db-query")).findFirst().orElseThrow();
        NavigationNode prodDbNode = tools.child(prodDb.meta().key()).orElseThrow();
        assertEquals(Optional.of(new SourceLocation("tools/prod-db-query.yaml", prodDb.meta().span().line(), prodDb.meta().span().column())),
                prodDbNode.target());
        assertEquals(1, prodDbNode.problems());
        assertEquals(Optional.of(FindingLevel.WARNING), prodDbNode.worst());
    }

    @Test
    void filesFormAFolderTreeCountingFindingsBelowEachFolder() {
        ValidationResult expected = SampleWorkspaces.validate(SampleWorkspaces.governed());

        viewModel.open(SampleWorkspaces.governed());

        NavigationNode files = viewModel.outlineProperty().get().child("Files").orElseThrow();
        NavigationNode agents = files.child("agents").orElseThrow();
        NavigationNode faq = agents.child("faq-agent.yaml").orElseThrow();
        assertEquals(expected.workspace().files().size(), files.count());
        assertEquals(expected.diagnostics().size(), files.problems());
        assertEquals(expected.diagnostics().stream().filter(d -> d.span().file().path().startsWith("agents/")).count(), agents.problems());
        assertEquals(Optional.of(new SourceLocation("agents/faq-agent.yaml", 1, 1)), faq.target());
        assertEquals(1, faq.problems());
    }

    @Test
    void documentIsTheValidatedTextWithItsFindingsMarked() throws IOException {
        viewModel.open(SampleWorkspaces.governed());

        SourceDocument faq = viewModel.document("agents/faq-agent.yaml").orElseThrow();
        ProblemRow gh401 = viewModel.problems().stream().filter(p -> p.code().equals("GH401")).findFirst().orElseThrow();
        Path file = SampleWorkspaces.governed().resolve("agents/faq-agent.yaml");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), faq.text());
        assertEquals(file, faq.file());
        assertEquals("faq-agent.yaml", faq.name());
        Span span = SampleWorkspaces.validate(SampleWorkspaces.governed()).diagnostics().stream()
                .filter(d -> d.code().name().equals("GH401")).findFirst().orElseThrow().span();
        assertEquals(List.of(new LineMark(gh401.line(), gh401.column(), span.endLine(), span.endColumn(), FindingLevel.WARNING,
                "GH401: " + gh401.message(), gh401.help())), faq.marks());
        assertEquals(Optional.empty(), viewModel.document("agents/no-such-agent.yaml"));
    }

    @Test
    void aFolderThatCannotBeReadKeepsTheWindowAndSaysWhy() {
        Path missing = SampleWorkspaces.repo().resolve("samples/no-such-folder");

        viewModel.open(missing);

        assertTrue(viewModel.statusProperty().get().startsWith("Could not open " + missing + ": "), viewModel.statusProperty().get());
        assertFalse(viewModel.loadingProperty().get());
        assertNull(viewModel.rootProperty().get());
        assertEquals(List.of(), viewModel.problems());
        assertEquals(Optional.empty(), last.get());
    }

    @Test
    void whileReadingTheStatusSaysSoAndTheOldWorkspaceStays() {
        HeldTaskRunner runner = new HeldTaskRunner();
        WorkspaceViewModel held = new WorkspaceViewModel(runner, last);

        held.open(SampleWorkspaces.governed());

        assertTrue(held.loadingProperty().get());
        assertEquals("Reading " + SampleWorkspaces.governed() + "…", held.statusProperty().get());
        assertEquals(List.of(), held.problems());
        runner.finish(0);
        assertFalse(held.loadingProperty().get());
        assertEquals(SampleWorkspaces.validate(SampleWorkspaces.governed()).diagnostics().size(), held.problems().size());
    }

    @Test
    void aReadFinishingAfterANewerOneIsDropped() {
        HeldTaskRunner runner = new HeldTaskRunner();
        WorkspaceViewModel held = new WorkspaceViewModel(runner, last);
        ValidationResult mistakes = SampleWorkspaces.validate(SampleWorkspaces.mistakes());

        held.open(SampleWorkspaces.governed());
        held.open(SampleWorkspaces.mistakes());
        runner.finish(1);
        runner.finish(0);

        assertEquals(DiagnosticsReport.summary(mistakes), held.summaryProperty().get());
        assertEquals(SampleWorkspaces.mistakes(), held.rootProperty().get());
        assertEquals(1, held.revisionProperty().get());
        // What is left is the matrix of the workspace shown, and only that: the stale read started nothing.
        assertEquals(1, runner.pending());
        runner.finish(0);
        assertEquals(0, runner.pending());
        assertTrue(held.matrix().gridProperty().get().rowOf("support-bot").isPresent(),
                "the matrix shows the newer workspace's agents");
    }

    @Test
    void anEditHandsTheMatrixItsWorkspaceAsReadAndAStaleEditHandsNothing() throws IOException {
        HeldTaskRunner runner = new HeldTaskRunner();
        WorkspaceViewModel held = new WorkspaceViewModel(runner, last);
        held.open(SampleWorkspaces.governed());
        runner.finish(0);
        runner.finish(0);
        assertEquals(0, runner.pending());
        String path = "agents/billing-agent.yaml";
        String text = Files.readString(SampleWorkspaces.governed().resolve(path));

        held.edit(path, text + "# first\n");
        held.edit(path, text.replace("    - billing-specialist\n", ""));
        runner.finish(0);
        // The stale read hands the matrix nothing, and shows nothing.
        assertEquals(1, held.revisionProperty().get());
        runner.finish(1);
        assertEquals(1, runner.pending());
        runner.finish(0);
        assertEquals(2, held.revisionProperty().get());
        assertEquals(1, runner.pending(), "the newer read's hand-over to the matrix waits");
        runner.finish(0);
        assertEquals(1, runner.pending(), "the matrix job waits");
        assertTrue(held.matrix().computingProperty().get());
        runner.finish(0);
        assertEquals(0, runner.pending());

        GridModelProbe grid = new GridModelProbe(held.matrix().gridProperty().get());
        assertTrue(grid.changedIn("billing-agent"), "the matrix shows the edit");
    }

    /** Reads the shown grid. */
    private record GridModelProbe(dev.gatehouse.ui.matrix.GridModel grid) {
        boolean changedIn(String agent) {
            int row = grid.rowOf(agent).orElseThrow();
            return java.util.stream.IntStream.range(0, grid.columnCount()).anyMatch(c -> grid.changed(row, c));
        }
    }

    @Test
    void reloadReadsTheFolderAgain(@TempDir Path temp) throws IOException {
        Path copy = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        viewModel.open(copy);
        Files.delete(copy.resolve("tools/kb-search.yaml"));
        ValidationResult afterDelete = SampleWorkspaces.validate(copy);

        viewModel.reload();

        List<ProblemRow> before = SampleWorkspaces.validate(SampleWorkspaces.governed()).diagnostics().stream()
                .map(WorkspaceViewModelTest::row).toList();
        assertNotEquals(before, afterDelete.diagnostics().stream().map(WorkspaceViewModelTest::row).toList());
        assertEquals(afterDelete.diagnostics().stream().map(WorkspaceViewModelTest::row).toList(), viewModel.problems());
        assertEquals(2, viewModel.revisionProperty().get());
    }

    @Test
    void aDropOpensTheFirstFolderItCarries(@TempDir Path temp) throws IOException {
        Path file = Files.writeString(temp.resolve("note.txt"), "not a folder");

        assertFalse(viewModel.canOpen(List.of(file.toFile())));
        assertFalse(viewModel.openDropped(List.of(file.toFile())));
        assertTrue(viewModel.canOpen(List.of(file.toFile(), SampleWorkspaces.governed().toFile())));
        assertTrue(viewModel.openDropped(List.of(file.toFile(), SampleWorkspaces.governed().toFile())));
        assertEquals(SampleWorkspaces.governed(), viewModel.rootProperty().get());
    }

    @Test
    void theNamesOfAFileAreTheOnesTheWholeWorkspaceFindsInIt(@TempDir Path temp) throws IOException {
        Path copy = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        // Entries orloj drops as duplicates (GH214) still name the role and the agent: the index adds them back.
        Files.writeString(copy.resolve("agents/twice.yaml"), "apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  name: twice\n"
                + "  namespace: custops\nspec:\n  model_ref: openai-gpt-4o\n  roles:\n    - support-reader\n    - support-reader\n"
                + "  tools:\n    - kb-search\n    - kb-search\n");
        for (Path root : List.of(copy, SampleWorkspaces.mistakes(), SampleWorkspaces.seed())) {
            dev.gatehouse.core.model.Workspace ws = SampleWorkspaces.validate(root).workspace();
            java.util.Map<dev.gatehouse.core.source.SourceId, String> texts = new java.util.LinkedHashMap<>();
            for (dev.gatehouse.core.model.SourceSummary f : ws.files()) {
                texts.put(f.path(), Files.readString(root.resolve(f.path().path())));
            }
            dev.gatehouse.core.lang.LanguageService whole = dev.gatehouse.core.lang.LanguageService.of(ws, texts);
            int named = 0;
            for (dev.gatehouse.core.source.SourceId id : texts.keySet()) {
                dev.gatehouse.core.lang.LanguageService alone = dev.gatehouse.core.lang.LanguageService.of(
                        WorkspaceViewModel.fileWorkspace(ws, id), java.util.Map.of(id, texts.get(id)));
                assertEquals(whole.references().stream().filter(r -> r.span().file().equals(id)).map(r -> r.span()).toList(),
                        alone.references().stream().map(r -> r.span()).toList(), id.path());
                assertEquals(whole.definitions().stream().filter(d -> d.span().file().equals(id)).map(d -> d.span()).toList(),
                        alone.definitions().stream().map(d -> d.span()).toList(), id.path());
                named += alone.references().size();
            }
            assertTrue(named > 0, root + " has references");
        }
    }

    @Test
    void namesOfColoursTheSpansOfTheFileAndThenBuildsTheLanguageServices() {
        viewModel.open(SampleWorkspaces.governed());
        String path = "agents/billing-agent.yaml";
        List<List<Object>> seen = new java.util.ArrayList<>();

        // The first answer comes from the file alone, the second from the services over the workspace built since.
        viewModel.namesOf(path, (text, spans) -> seen.add(List.of(text, spans)));
        viewModel.namesOf(path, (text, spans) -> seen.add(List.of(text, spans)));

        assertEquals(2, seen.size());
        assertEquals(viewModel.document(path).orElseThrow().text(), seen.get(0).get(0));
        assertEquals(seen.get(0), seen.get(1));
        assertFalse(((List<?>) seen.get(0).get(1)).isEmpty(), "billing-agent names its model, role and tools");
    }

    private static ProblemRow row(Diagnostic d) {
        return new ProblemRow(FindingLevel.valueOf(d.severity().name()), d.code().name(), d.span().file().path(),
                d.span().line(), d.span().column(), d.message(), d.help());
    }
}

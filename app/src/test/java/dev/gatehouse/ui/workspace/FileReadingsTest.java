package dev.gatehouse.ui.workspace;

import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.parse.WorkspaceReader.FileReading;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.ui.SampleWorkspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A read after a keystroke parses only the file that changed, and reads exactly what a fresh read reads. */
class FileReadingsTest {
    private static final String FAQ = "agents/faq-agent.yaml";
    private static final String SCENARIO = "scenarios/ticket-48213.yaml";

    private static SourceInput input(String path, String text) {
        return new SourceInput(new SourceId(path), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unchangedFilesKeepTheirReadingAndChangedOnesAreReadAgain() {
        FileReadings readings = new FileReadings();
        WorkspaceReader reader = new WorkspaceReader();
        SourceInput a = input("a.yaml", "kind: Tool\nmetadata:\n  name: a\n");
        SourceInput b = input("b.yaml", "kind: Tool\nmetadata:\n  name: b\n");
        List<FileReading> first = readings.read(reader, List.of(a, b));

        SourceInput bEdited = input("b.yaml", "kind: Tool\nmetadata:\n  name: bb\n");
        List<FileReading> second = readings.read(reader, List.of(input("a.yaml", "kind: Tool\nmetadata:\n  name: a\n"), bEdited));

        assertSame(first.get(0), second.get(0));
        assertNotSame(first.get(1), second.get(1));
        assertEquals(reader.readFile(bEdited), second.get(1));
        readings.read(reader, List.of(bEdited));
        assertEquals(1, readings.size());
    }

    @Test
    void readsWithKeptReadingsEqualFreshReads() throws IOException {
        Path workspace = SampleWorkspaces.governed();
        FileReadings readings = new FileReadings();
        String faq = Files.readString(workspace.resolve(FAQ));
        List<Map<String, String>> edits = List.of(Map.of(),
                Map.of(FAQ, faq.replace("faq-agent", "faq-agent-2")),
                Map.of(FAQ, faq + "\n  unknown_field: 1\n"),
                Map.of(FAQ, "kind: [\n"),
                Map.of());
        for (Map<String, String> unsaved : edits) {
            LoadedWorkspace kept = LoadedWorkspace.read(workspace, unsaved, readings);
            LoadedWorkspace fresh = LoadedWorkspace.read(workspace, unsaved);
            assertSameReading(fresh, kept, unsaved.keySet().toString());
        }
    }

    @Test
    void readsAfterAnEditFromThePreviousOneEqualFreshReads() throws IOException {
        Path workspace = SampleWorkspaces.governed();
        FileReadings readings = new FileReadings();
        String faq = Files.readString(workspace.resolve(FAQ));
        String billing = Files.readString(workspace.resolve("agents/billing-agent.yaml"));
        String scenario = Files.readString(workspace.resolve(SCENARIO));
        List<Map<String, String>> edits = List.of(Map.of(FAQ, faq.replace("faq-agent", "faq-agent-2")),
                Map.of(FAQ, faq + "\n  unknown_field: 1\n"),
                Map.of(FAQ, faq, "agents/billing-agent.yaml", billing.replace("    - billing-specialist\n", "")),
                Map.of(FAQ, "kind: [\n"),
                Map.of("tools/kb-search.yaml", "apiVersion: orloj.dev/v1\nkind: Tool\nmetadata:\n  name: kb-search\n  namespace: custops\n"),
                // A scenario edited, then a manifest's text replaced by a scenario: no manifest any more.
                Map.of(SCENARIO, scenario + "# edited\n"),
                Map.of(FAQ, scenario),
                Map.of());
        LoadedWorkspace previous = LoadedWorkspace.read(workspace, Map.of(), readings);
        for (Map<String, String> unsaved : edits) {
            LoadedWorkspace kept = LoadedWorkspace.read(workspace, unsaved, readings, Optional.of(previous), true);
            LoadedWorkspace fresh = LoadedWorkspace.read(workspace, unsaved);
            assertSameReading(fresh, kept, unsaved.keySet().toString());
            assertSame(previous.disk(), kept.disk(), "the files are not read again");
            previous = kept;
        }
    }

    @Test
    void onlyAReadThatMayNotTrustTheDiskSeesAChangeOnIt(@TempDir Path temp) throws IOException {
        Path copy = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        FileReadings readings = new FileReadings();
        LoadedWorkspace before = LoadedWorkspace.read(copy, Map.of(), readings);
        Files.delete(copy.resolve("tools/kb-search.yaml"));

        LoadedWorkspace trusting = LoadedWorkspace.read(copy, Map.of(FAQ, "kind: [\n"), readings, Optional.of(before), true);
        LoadedWorkspace reading = LoadedWorkspace.read(copy, Map.of(FAQ, "kind: [\n"), readings, Optional.of(before), false);

        assertTrue(trusting.document("tools/kb-search.yaml").isPresent(), "what the previous read found on disk");
        assertEquals(Optional.empty(), reading.document("tools/kb-search.yaml"));
        assertEquals(LoadedWorkspace.read(copy, Map.of(FAQ, "kind: [\n")).problems(), reading.problems());
    }

    @Test
    void anUnchangedFileKeepsItsDocument() throws IOException {
        Path workspace = SampleWorkspaces.governed();
        FileReadings readings = new FileReadings();
        LoadedWorkspace before = LoadedWorkspace.read(workspace, Map.of(), readings);
        String faq = Files.readString(workspace.resolve(FAQ));

        LoadedWorkspace after = LoadedWorkspace.read(workspace, Map.of(FAQ, faq + "# edited\n"), readings, Optional.of(before), true);

        assertSame(before.document("agents/billing-agent.yaml").orElseThrow(), after.document("agents/billing-agent.yaml").orElseThrow());
        assertNotSame(before.document(FAQ).orElseThrow(), after.document(FAQ).orElseThrow());
    }

    /** Everything a read shows, equal between a read that kept what it could and a fresh one. */
    private static void assertSameReading(LoadedWorkspace fresh, LoadedWorkspace kept, String edited) {
        assertEquals(fresh.problems(), kept.problems(), edited);
        assertEquals(fresh.summary(), kept.summary(), edited);
        assertEquals(fresh.documents(), kept.documents(), edited);
        assertEquals(fresh.outline(), kept.outline(), edited);
        assertEquals(fresh.workspace(), kept.workspace(), edited);
    }
}

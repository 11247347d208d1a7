package dev.gatehouse.ui.workspace;

import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.parse.WorkspaceReader.FileReading;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.ui.SampleWorkspaces;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A read after a keystroke parses only the file that changed, and reads exactly what a fresh read reads. */
class FileReadingsTest {
    private static final String FAQ = "agents/faq-agent.yaml";

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
            assertEquals(fresh.problems(), kept.problems(), unsaved.keySet().toString());
            assertEquals(fresh.summary(), kept.summary());
            assertEquals(fresh.documents(), kept.documents());
            assertEquals(fresh.outline(), kept.outline());
            assertEquals(fresh.workspace(), kept.workspace());
        }
    }
}

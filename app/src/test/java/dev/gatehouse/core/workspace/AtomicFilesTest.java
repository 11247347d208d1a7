package dev.gatehouse.core.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {
    @Test
    void replacesTheFileAndLeavesNoTempFileBehind(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("agents/a.yaml");
        AtomicFiles.write(target, "kind: Agent\n");
        AtomicFiles.write(target, "kind: AgentRole\n");

        assertEquals("kind: AgentRole\n", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void aWriteThatCannotHappenKeepsTheOldFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a.yaml");
        Files.writeString(target, "old\n");
        // A folder where the file's folder should be: the temp file cannot be created, the old file stays.
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file, not a folder");

        assertThrows(IOException.class, () -> AtomicFiles.write(blocked.resolve("x.yaml"), "new"));
        assertEquals("old\n", Files.readString(target));
    }
}

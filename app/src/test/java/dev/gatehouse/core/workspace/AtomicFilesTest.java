package dev.gatehouse.core.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    @Test
    void aStreamedWriteWritesWhatItsContentWritesAsItGoes(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("matrix.csv");
        AtomicFiles.writeStream(target, out -> {
            for (int row = 0; row < 100_000; row++) {
                out.write(("agent-" + row + ",allow\n").getBytes(StandardCharsets.UTF_8));
            }
        });

        List<String> lines = Files.readAllLines(target);
        assertEquals(100_000, lines.size());
        assertEquals("agent-99999,allow", lines.get(99_999));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void aStreamedWriteThatFailsHalfWayKeepsTheOldFileAndNoTempFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("matrix.csv");
        Files.writeString(target, "old\n");

        IOException failure = assertThrows(IOException.class, () -> AtomicFiles.writeStream(target, out -> {
            out.write("half a matrix".getBytes(StandardCharsets.UTF_8));
            throw new IOException("the engine failed");
        }));
        assertEquals("the engine failed", failure.getMessage());
        assertEquals("old\n", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
        assertThrows(IllegalStateException.class, () -> AtomicFiles.writeStream(target, out -> {
            throw new IllegalStateException("a bug");
        }));
        assertEquals("old\n", Files.readString(target));
    }
}

package dev.gatehouse.core.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

class FolderWatcherTest {
    @Test
    void aChangeInASubFolderIsReportedEvenInAFolderCreatedAfterTheStart(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("agents"));
        Semaphore changes = new Semaphore(0);
        try (FolderWatcher watcher = FolderWatcher.start(dir, 100, changes::release)) {
            Files.writeString(dir.resolve("agents/a.yaml"), "kind: Agent\n");
            assertTrue(changes.tryAcquire(20, TimeUnit.SECONDS), "a new file is a change");

            Files.createDirectories(dir.resolve("roles"));
            assertTrue(changes.tryAcquire(20, TimeUnit.SECONDS), "a new folder is a change");
            Thread.sleep(200);
            changes.drainPermits();
            Files.writeString(dir.resolve("roles/r.yaml"), "kind: AgentRole\n");
            assertTrue(changes.tryAcquire(20, TimeUnit.SECONDS), "a file in the new folder is a change");
        }
    }
}

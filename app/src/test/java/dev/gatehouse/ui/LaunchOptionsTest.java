package dev.gatehouse.ui;

import dev.gatehouse.ui.workspace.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchOptionsTest {
    @TempDir
    Path workingDirectory;

    @Test
    void namedWorkspaceWinsOverSampleAndLast() throws IOException {
        Files.createDirectories(workingDirectory.resolve("samples/governed"));
        Path last = Files.createDirectories(workingDirectory.resolve("last"));
        LaunchOptions options = LaunchOptions.of(Map.of("workspace", "elsewhere"));

        assertEquals(Optional.of(workingDirectory.resolve("elsewhere")), options.workspaceToOpen(workingDirectory, Optional.of(last)));
    }

    @Test
    void sampleUnderWorkingDirectoryWinsOverLast() throws IOException {
        Path sample = Files.createDirectories(workingDirectory.resolve("samples/governed"));
        Path last = Files.createDirectories(workingDirectory.resolve("last"));

        assertEquals(Optional.of(sample), LaunchOptions.of(Map.of()).workspaceToOpen(workingDirectory, Optional.of(last)));
    }

    @Test
    void lastWorkspaceIsReopenedOnlyWhileItExists() throws IOException {
        Path last = Files.createDirectories(workingDirectory.resolve("last"));
        LaunchOptions none = LaunchOptions.of(Map.of());

        assertEquals(Optional.of(last), none.workspaceToOpen(workingDirectory, Optional.of(last)));
        assertEquals(Optional.empty(), none.workspaceToOpen(workingDirectory, Optional.of(workingDirectory.resolve("gone"))));
        assertEquals(Optional.empty(), none.workspaceToOpen(workingDirectory, Optional.empty()));
    }

    @Test
    void openNamesAFileAndLine() {
        assertEquals(Optional.of(new SourceLocation("agents/faq-agent.yaml", 16, 1)),
                LaunchOptions.of(Map.of("open", "agents/faq-agent.yaml:16")).open());
        assertEquals(Optional.of(new SourceLocation("agents/faq-agent.yaml", 1, 1)),
                LaunchOptions.of(Map.of("open", "agents/faq-agent.yaml")).open());
        assertEquals(Optional.empty(), LaunchOptions.of(Map.of("open", "agents/faq-agent.yaml:zero")).open());
        assertEquals(Optional.empty(), LaunchOptions.of(Map.of("open", "agents/faq-agent.yaml:0")).open());
    }

    @Test
    void onlyTheAppsOwnArgumentsOpenTheWindow() {
        assertTrue(LaunchOptions.isDesktop(new String[] {"--workspace=samples/mistakes"}));
        assertTrue(LaunchOptions.isDesktop(new String[] {"--workspace=x", "--open=a.yaml:3"}));
        assertFalse(LaunchOptions.isDesktop(new String[] {}));
        assertFalse(LaunchOptions.isDesktop(new String[] {"validate", "--workspace=x"}));
        assertFalse(LaunchOptions.isDesktop(new String[] {"--version"}));
    }
}

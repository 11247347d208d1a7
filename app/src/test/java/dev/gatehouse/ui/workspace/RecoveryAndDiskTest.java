package dev.gatehouse.ui.workspace;

import dev.gatehouse.ui.SampleWorkspaces;
import dev.gatehouse.ui.common.CurrentThreadTaskRunner;
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

/** Unsaved edits survive a crash, and a change on disk is read again. */
class RecoveryAndDiskTest {
    private static final String FAQ = "agents/faq-agent.yaml";

    @TempDir
    Path temp;

    @Test
    void editsLeftByACrashedRunAreOfferedBackAndTakenAsUnsaved() throws IOException {
        Path workspace = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        Path recovery = temp.resolve("recovery");
        WorkspaceViewModel crashed = model(recovery);
        crashed.open(workspace);
        String edited = "# half-way through an edit\n" + Files.readString(workspace.resolve(FAQ));
        crashed.edit(FAQ, edited);
        // No save, no closed(): the process dies here.

        WorkspaceViewModel next = model(recovery);
        next.open(workspace);

        assertEquals(Map.of(FAQ, edited), next.recoverableProperty().get());
        next.recover(true);
        assertEquals(Map.of(), next.recoverableProperty().get());
        assertTrue(next.hasUnsaved());
        assertEquals(edited, next.document(FAQ).orElseThrow().text());
        assertFalse(next.document(FAQ).orElseThrow().diskText().equals(edited), "nothing was written to the file");
    }

    @Test
    void declinedOrSavedEditsAreNotOfferedAgain() throws IOException {
        Path workspace = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        Path recovery = temp.resolve("recovery");
        WorkspaceViewModel crashed = model(recovery);
        crashed.open(workspace);
        crashed.edit(FAQ, "# draft\n" + Files.readString(workspace.resolve(FAQ)));

        WorkspaceViewModel declining = model(recovery);
        declining.open(workspace);
        declining.recover(false);
        WorkspaceViewModel after = model(recovery);
        after.open(workspace);
        assertEquals(Map.of(), after.recoverableProperty().get());

        String saved = "# saved\n" + Files.readString(workspace.resolve(FAQ));
        after.edit(FAQ, saved);
        after.save(FAQ, saved, () -> { });
        WorkspaceViewModel last = model(recovery);
        last.open(workspace);
        assertEquals(Map.of(), last.recoverableProperty().get());
        assertEquals(saved, Files.readString(workspace.resolve(FAQ)));
    }

    @Test
    void aChangeOnDiskIsReadAgainWithUnsavedEditsKept() throws IOException {
        Path workspace = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        WorkspaceViewModel model = model(temp.resolve("recovery"));
        model.open(workspace);
        String role = "roles/support-reader.yaml";
        String draft = "# draft\n" + Files.readString(workspace.resolve(FAQ));
        model.edit(FAQ, draft);
        String onDisk = Files.readString(workspace.resolve(role)).replace("Reads the knowledge base", "Reads the KB");
        Files.writeString(workspace.resolve(role), onDisk);

        model.externalChange();

        assertEquals(onDisk, model.document(role).orElseThrow().text());
        assertEquals(draft, model.document(FAQ).orElseThrow().text());
    }

    private static WorkspaceViewModel model(Path recovery) {
        return new WorkspaceViewModel(new CurrentThreadTaskRunner(), LastWorkspace.inMemory(), Optional.of(recovery));
    }
}

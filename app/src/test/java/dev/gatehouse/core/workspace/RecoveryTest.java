package dev.gatehouse.core.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecoveryTest {
    @Test
    void keptTextsAreLeftPerWorkspaceUntilForgotten(@TempDir Path dir) throws IOException {
        Recovery recovery = new Recovery(dir.resolve("recovery"));
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        recovery.keep(a, "agents/x.yaml", "kind: Agent\n");
        recovery.keep(a, "roles/y.yaml", "kind: AgentRole\n");
        recovery.keep(b, "agents/x.yaml", "other\n");
        recovery.keep(a, "agents/x.yaml", "kind: Agent # newer\n");

        assertEquals(Map.of("agents/x.yaml", "kind: Agent # newer\n", "roles/y.yaml", "kind: AgentRole\n"), recovery.left(a));
        recovery.forget(a, "roles/y.yaml");
        assertEquals(Map.of("agents/x.yaml", "kind: Agent # newer\n"), new Recovery(dir.resolve("recovery")).left(a));
        recovery.forgetAll(a);
        assertEquals(Map.of(), recovery.left(a));
        assertEquals(Map.of("agents/x.yaml", "other\n"), recovery.left(b));
    }

    @Test
    void aPathOutsideTheWorkspaceIsRefused(@TempDir Path dir) {
        Recovery recovery = new Recovery(dir);

        assertThrows(IllegalArgumentException.class, () -> recovery.keep(dir.resolve("a"), "../../etc/passwd", "x"));
    }
}

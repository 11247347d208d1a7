package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.parse.SourceInput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScenarioFilesTest {
    @Test
    void scenarioFilesGoToTheScenarioReaderAndEverythingElseToTheManifests() {
        SourceInput scenario = SandboxFixtures.input("a.yaml", "apiVersion: gatehouse.dev/v1\nkind: Scenario\nmetadata:\n  name: x\n");
        SourceInput quoted = SandboxFixtures.input("b.yaml", "# a test\napiVersion: \"gatehouse.dev/v1\"\nkind: 'Scenario'  # comment\n");
        SourceInput json = SandboxFixtures.input("c.json", "{\"apiVersion\": \"gatehouse.dev/v1\", \"kind\": \"Scenario\"}");
        SourceInput broken = SandboxFixtures.input("d.yaml", "apiVersion: gatehouse.dev/v1\nkind: Scenario\nspec: [\n");
        SourceInput agent = SandboxFixtures.input("e.yaml", "apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  name: a\n");
        SourceInput borrowed = SandboxFixtures.input("f.yaml", "apiVersion: gatehouse.dev/v1\nkind: Agent\nmetadata:\n  name: a\n");
        SourceInput nested = SandboxFixtures.input("g.yaml", "apiVersion: orloj.dev/v1\nkind: Agent\nspec:\n  note: |\n    apiVersion: gatehouse.dev/v1\n    kind: Scenario\n");
        SourceInput unreadable = SourceInput.unreadable(new dev.gatehouse.core.source.SourceId("h.yaml"), "denied");
        ScenarioFiles.Split split = ScenarioFiles.split(List.of(scenario, quoted, json, broken, agent, borrowed, nested, unreadable));
        assertEquals(List.of("a.yaml", "b.yaml", "c.json", "d.yaml"), split.scenarios().stream().map(i -> i.id().path()).toList());
        assertEquals(List.of("e.yaml", "f.yaml", "g.yaml", "h.yaml"), split.manifests().stream().map(i -> i.id().path()).toList());
    }
}

package dev.gatehouse.core.validate;

import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.ReadLimits;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.sandbox.ScenarioFiles;
import dev.gatehouse.core.workspace.WorkspaceFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** What a validation after an edit of the governed sample checks again, and that it finds what a full one finds. */
class ValidationTest {
    private static final Path GOVERNED = Path.of(System.getProperty("gatehouse.repo", "..")).toAbsolutePath().normalize()
            .resolve("samples/governed");
    private static final String AGENT = "agents/billing-agent.yaml";

    /** The sample's files, read once; {@link #read} re-reads only the files given new texts, as the editor does. */
    private final Map<String, WorkspaceReader.FileReading> readings = new HashMap<>();
    private final List<SourceInput> inputs;

    ValidationTest() throws IOException {
        inputs = ScenarioFiles.split(new WorkspaceFiles(ReadLimits.DEFAULT, GOVERNED).readAll(List.of(GOVERNED))).manifests();
        inputs.forEach(in -> readings.put(in.id().path(), new WorkspaceReader().readFile(in)));
    }

    private Workspace read(Map<String, String> texts) {
        List<WorkspaceReader.FileReading> out = new ArrayList<>();
        for (SourceInput in : inputs) {
            String text = texts.get(in.id().path());
            out.add(text == null ? readings.get(in.id().path())
                    : new WorkspaceReader().readFile(new SourceInput(in.id(), text.getBytes(StandardCharsets.UTF_8))));
        }
        return WorkspaceReader.assemble(out);
    }

    private static String text(String path) throws IOException {
        return Files.readString(GOVERNED.resolve(path));
    }

    @Test
    void anAgentsModelRefEditedChecksThatAgentAlone() throws IOException {
        Validation first = Validation.of(read(Map.of()));
        Workspace edited = read(Map.of(AGENT, text(AGENT).replace("model_ref: openai-gpt-4o", "model_ref: openai-gpt-4ox")));

        Validation next = first.next(edited);

        assertEquals(1, next.checked());
        assertEquals(Validator.validate(edited).diagnostics(), next.result().diagnostics());
        assertNotEquals(first.result().diagnostics(), next.result().diagnostics(), "the unknown endpoint is found");
    }

    @Test
    void anAgentRenamedChecksItAndWhatNamesAgents() throws IOException {
        Workspace before = read(Map.of());
        Validation first = Validation.of(before);
        Workspace edited = read(Map.of(AGENT, text(AGENT).replace("name: billing-agent", "name: billing-agent-2")));

        Validation next = first.next(edited);

        // The agent, then the systems and ToolPermissions, which name agents.
        long namers = before.manifests().stream().filter(m -> m.kind() == dev.gatehouse.core.model.Kind.AGENT_SYSTEM
                || m.kind() == dev.gatehouse.core.model.Kind.TOOL_PERMISSION).count();
        assertEquals(1 + namers, next.checked());
        assertEquals(Validator.validate(edited).diagnostics(), next.result().diagnostics());
    }

    @Test
    void theSameWorkspaceAgainChecksNothing() {
        Validation first = Validation.of(read(Map.of()));

        Validation again = first.next(read(Map.of()));

        assertEquals(0, again.checked());
        assertEquals(first.result(), again.result());
    }
}

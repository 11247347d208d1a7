package dev.gatehouse.ui.workspace;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.ui.SampleWorkspaces;
import dev.gatehouse.ui.common.CurrentThreadTaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** New resources from templates start clean: the workspace has exactly the findings it had before. */
class NewResourceTest {
    private final WorkspaceViewModel viewModel = new WorkspaceViewModel(new CurrentThreadTaskRunner(), LastWorkspace.inMemory());

    @ParameterizedTest
    @EnumSource(ResourceTemplate.class)
    void everyTemplateValidatesCleanInTheGovernedSample(ResourceTemplate template, @TempDir Path temp) throws IOException {
        Path copy = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        List<String> before = findings(copy);
        viewModel.open(copy);
        List<String> opened = new ArrayList<>();

        Optional<String> refused = viewModel.createResource(template, "new-" + template, "custops", opened::add);

        assertEquals(Optional.empty(), refused);
        String path = template.folder() + "/new-" + template + ".yaml";
        assertEquals(List.of(path), opened);
        String text = Files.readString(copy.resolve(path));
        assertFalse(text.contains("${"), text);
        assertTrue(text.contains("name: new-" + template + "\n") && text.contains("namespace: custops\n"), text);
        assertEquals(before, findings(copy));
        assertTrue(viewModel.document(path).isPresent());
    }

    @Test
    void aTakenPathABadNameOrAMissingDependencyIsRefusedAndNothingIsWritten(@TempDir Path temp) throws IOException {
        Path copy = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        viewModel.open(copy);
        List<String> opened = new ArrayList<>();

        assertEquals(Optional.of("`agents/faq-agent.yaml` exists already"),
                viewModel.createResource(ResourceTemplate.AGENT, "faq-agent", "custops", opened::add));
        assertTrue(viewModel.createResource(ResourceTemplate.AGENT, "../escape", "custops", opened::add).orElseThrow()
                .startsWith("`../escape` is not a name Gatehouse creates"));
        assertEquals(Optional.of("a new Agent needs a ModelEndpoint in namespace `elsewhere`: create one first"),
                viewModel.createResource(ResourceTemplate.AGENT, "lonely", "elsewhere", opened::add));
        assertEquals(List.of(), opened);
        assertFalse(Files.exists(copy.resolve("agents/lonely.yaml")));
        assertFalse(Files.exists(temp.resolve("escape.yaml")));
    }

    private static List<String> findings(Path root) {
        return SampleWorkspaces.validate(root).diagnostics().stream().map(NewResourceTest::shown).toList();
    }

    private static String shown(Diagnostic d) {
        return d.code() + " " + d.span().location() + " " + d.message();
    }
}

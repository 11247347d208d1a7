package dev.gatehouse.ui.workspace;

import dev.gatehouse.ui.SampleWorkspaces;
import dev.gatehouse.ui.common.CurrentThreadTaskRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Orloj's own example workspaces open in the window as the CLI reads them: the same findings, a matrix computed
 * for each, and a meaning-free live edit of a file with findings validated with the findings unchanged.
 */
class OrlojExamplesWindowTest {
    /** Each workspace folder on its own, as Orloj's README says they are read (and as the CLI test reads them). */
    static Stream<Path> workspaces() throws IOException {
        Path root = SampleWorkspaces.repo().resolve("app/src/test/resources/orloj-examples");
        List<Path> out = new java.util.ArrayList<>(List.of(root.resolve("resources")));
        for (String group : List.of("blueprints", "use-cases", "testing/scenarios", "testing/scenarios-real")) {
            try (Stream<Path> dirs = Files.list(root.resolve(group))) {
                dirs.filter(Files::isDirectory).sorted().forEach(out::add);
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("workspaces")
    void eachExampleOpensWithTheValidatorsFindingsAndAMatrix(Path folder) {
        WorkspaceViewModel viewModel = new WorkspaceViewModel(new CurrentThreadTaskRunner(), LastWorkspace.inMemory());

        viewModel.open(folder);

        assertEquals(SampleWorkspaces.validate(folder).diagnostics().size(), viewModel.problems().size(), folder.toString());
        assertFalse(viewModel.matrix().statusProperty().get().startsWith("Could not"), viewModel.matrix().statusProperty().get());
        assertTrue(viewModel.rootProperty().get() != null);

        // A live edit that changes no meaning (a comment line after the last document) changes no finding.
        List<String> before = viewModel.problems().stream().map(p -> p.code() + " " + p.file() + ":" + p.line()).toList();
        String path = viewModel.problems().isEmpty() ? null : viewModel.problems().get(0).file();
        if (path != null && path.endsWith(".yaml") && viewModel.document(path).isPresent()) {
            String text = viewModel.document(path).get().text();
            String edited = text + (text.endsWith("\n") ? "" : "\n") + "# reviewed\n";
            viewModel.edit(path, edited);
            assertEquals(edited, viewModel.document(path).orElseThrow().text());
            assertEquals(before, viewModel.problems().stream().map(p -> p.code() + " " + p.file() + ":" + p.line()).toList());
        }
    }
}

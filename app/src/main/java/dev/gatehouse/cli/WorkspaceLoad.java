package dev.gatehouse.cli;

import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.sandbox.ScenarioFiles;
import dev.gatehouse.core.validate.ValidationResult;
import dev.gatehouse.core.validate.Validator;
import dev.gatehouse.core.workspace.WorkspaceFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The PATHs of a command read once and split: Orloj manifests to the manifest reader and the validator,
 * Gatehouse scenario files ({@code gatehouse.dev/v1}) aside, so that {@code validate}, {@code decide} and
 * {@code matrix} never count a scenario as a manifest and {@code test} finds them.
 */
record WorkspaceLoad(ValidationResult validation, List<SourceInput> scenarios) {
    static WorkspaceLoad of(List<Path> paths) throws IOException {
        List<SourceInput> inputs = new WorkspaceFiles().readAll(paths);
        ScenarioFiles.Split split = ScenarioFiles.split(inputs);
        Workspace ws = new WorkspaceReader().read(split.manifests());
        return new WorkspaceLoad(Validator.validate(ws), split.scenarios());
    }
}

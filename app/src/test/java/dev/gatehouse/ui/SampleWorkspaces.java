package dev.gatehouse.ui;

import dev.gatehouse.core.parse.ReadLimits;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.sandbox.ScenarioFiles;
import dev.gatehouse.core.validate.ValidationResult;
import dev.gatehouse.core.validate.Validator;
import dev.gatehouse.core.workspace.WorkspaceFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's sample workspaces, and what core says about them: the expected values of UI tests. */
public final class SampleWorkspaces {
    private SampleWorkspaces() {
    }

    /** The repository root: set by surefire as {@code gatehouse.repo}; from an IDE, the module's parent. */
    public static Path repo() {
        return Path.of(System.getProperty("gatehouse.repo", "..")).toAbsolutePath().normalize();
    }

    public static Path governed() {
        return repo().resolve("samples/governed");
    }

    public static Path seed() {
        return repo().resolve("samples/seed");
    }

    public static Path mistakes() {
        return repo().resolve("samples/mistakes");
    }

    /** Validates a folder straight through core, paths relative to it, as the window should show it: scenarios aside. */
    public static ValidationResult validate(Path root) {
        try {
            return Validator.validate(new WorkspaceReader().read(ScenarioFiles.split(
                    new WorkspaceFiles(ReadLimits.DEFAULT, root).readAll(List.of(root))).manifests()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a sample to change on disk. */
    public static Path copy(Path sample, Path into) throws IOException {
        try (Stream<Path> walk = Files.walk(sample)) {
            for (Path p : walk.toList()) {
                Path target = into.resolve(sample.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return into;
    }
}

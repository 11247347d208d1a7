package dev.gatehouse.ui;

import dev.gatehouse.ui.workspace.SourceLocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * What the desktop app was asked to open: {@code --workspace=DIR} and {@code --open=FILE:LINE} (FILE relative to
 * the workspace). Loads no JavaFX class, so {@code Main} can ask it whether arguments are meant for the app.
 */
public record LaunchOptions(Optional<Path> workspace, Optional<SourceLocation> open) {
    static final String WORKSPACE = "workspace";
    static final String OPEN = "open";
    /** Opened when no workspace is named and the working directory has one, as in a checkout of this repository. */
    static final Path SAMPLE_WORKSPACE = Path.of("samples", "governed");

    /** From JavaFX's named parameters ({@code --key=value}). */
    public static LaunchOptions of(Map<String, String> named) {
        return new LaunchOptions(Optional.ofNullable(named.get(WORKSPACE)).filter(s -> !s.isBlank()).map(Path::of),
                Optional.ofNullable(named.get(OPEN)).flatMap(SourceLocation::parse));
    }

    /** True when every argument is one of ours, so {@code gatehouse --workspace=DIR} opens the window, not the CLI. */
    public static boolean isDesktop(String[] args) {
        return args.length > 0 && Arrays.stream(args).allMatch(a -> a.startsWith("--" + WORKSPACE + "=") || a.startsWith("--" + OPEN + "="));
    }

    /**
     * The folder to open at start: the one named; else the sample workspace under the working directory; else
     * the last one opened, if it still exists; else none, and the window says how to open one.
     */
    public Optional<Path> workspaceToOpen(Path workingDirectory, Optional<Path> last) {
        if (workspace.isPresent()) {
            return Optional.of(workingDirectory.resolve(workspace.get()));
        }
        Path sample = workingDirectory.resolve(SAMPLE_WORKSPACE);
        if (Files.isDirectory(sample)) {
            return Optional.of(sample);
        }
        return last.filter(Files::isDirectory);
    }
}

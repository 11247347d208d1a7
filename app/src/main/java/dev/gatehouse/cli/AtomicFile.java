package dev.gatehouse.cli;

import dev.gatehouse.core.workspace.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a report file whole or not at all, as the editor saves manifests ({@link AtomicFiles}). */
final class AtomicFile {
    private AtomicFile() {
    }

    static void write(Path target, String text) throws IOException {
        AtomicFiles.write(target, text);
    }
}

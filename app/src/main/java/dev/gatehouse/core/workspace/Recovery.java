package dev.gatehouse.core.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Unsaved editor texts kept on disk while they are unsaved, so a crash loses nothing: one folder per workspace
 * (named by a hash of its path) under {@code dir}, one file per edited workspace path, each written atomically.
 * A clean exit or a save removes them; what is left at the next start is offered back.
 */
public final class Recovery {
    private static final String SUFFIX = ".unsaved";
    private final Path dir;

    public Recovery(Path dir) {
        this.dir = dir;
    }

    /** Keeps the unsaved text of one file of a workspace. */
    public void keep(Path workspace, String path, String text) throws IOException {
        AtomicFiles.write(entry(workspace, path), text);
    }

    /** Forgets one file (saved or discarded). */
    public void forget(Path workspace, String path) throws IOException {
        Files.deleteIfExists(entry(workspace, path));
    }

    /** Forgets every file of a workspace. */
    public void forgetAll(Path workspace) throws IOException {
        Path folder = folder(workspace);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The unsaved texts left for a workspace, by workspace path. */
    public Map<String, String> left(Path workspace) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Path folder = folder(workspace);
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String relative = folder.relativize(p).toString().replace('\\', '/');
                out.put(relative.substring(0, relative.length() - SUFFIX.length()), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private Path entry(Path workspace, String path) {
        Path folder = folder(workspace);
        Path entry = folder.resolve(path + SUFFIX).normalize();
        if (!entry.startsWith(folder)) {
            throw new IllegalArgumentException("not a workspace path: " + path);
        }
        return entry;
    }

    private Path folder(Path workspace) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(workspace.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(hash, 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

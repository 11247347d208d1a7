package dev.gatehouse.core.workspace;

import dev.gatehouse.core.parse.ReadLimits;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.source.SourceId;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The disk edge of reading a workspace: walks folders recursively (skipping {@code .git} and hidden folders,
 * like {@code orlojctl}), keeps {@code .yaml}, {@code .yml} and {@code .json} (any case), sorted by path, and
 * reads their bytes. A file larger than the limit is not read whole: the parser reports it from its size.
 * Paths are shown relative to the base folder (the current directory for the CLI).
 */
public final class WorkspaceFiles {
    /** Files read one by one below this many; above, in parallel (the reads are independent). */
    private static final int PARALLEL_FILES = 64;

    private final ReadLimits limits;
    private final Path base;

    public WorkspaceFiles(ReadLimits limits, Path base) {
        this.limits = limits;
        this.base = base.toAbsolutePath().normalize();
    }

    public WorkspaceFiles() {
        this(ReadLimits.DEFAULT, Path.of(""));
    }

    /** A root that does not exist or cannot be read. The CLI turns it into exit code 2. */
    public static final class UnreadablePathException extends IOException {
        public UnreadablePathException(String message) {
            super(message);
        }
    }

    /** Every manifest file under the roots, each once, in path order. */
    public List<Path> list(List<Path> roots) throws IOException {
        Map<Path, Path> found = new LinkedHashMap<>();
        for (Path root : roots) {
            Path abs = root.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                throw new UnreadablePathException("no such file or directory: " + root);
            }
            if (!Files.isReadable(abs)) {
                throw new UnreadablePathException("cannot read: " + root);
            }
            if (Files.isDirectory(abs)) {
                // The walk's own attributes (of the target, links being followed) instead of a stat per path.
                try (Stream<Path> walk = Files.find(abs, Integer.MAX_VALUE,
                        (p, attrs) -> attrs.isRegularFile() && isManifest(p) && !hidden(abs, p), FileVisitOption.FOLLOW_LINKS)) {
                    walk.forEach(p -> found.put(p, p));
                }
            } else {
                found.put(abs, abs);
            }
        }
        // Sorted by the path as shown, each worked out once rather than on every comparison.
        List<Map.Entry<String, Path>> shown = new ArrayList<>(found.size());
        for (Path p : found.keySet()) {
            shown.add(Map.entry(display(p), p));
        }
        shown.sort(Map.Entry.comparingByKey());
        List<Path> out = new ArrayList<>(shown.size());
        shown.forEach(e -> out.add(e.getValue()));
        return out;
    }

    public static boolean isManifest(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    private static boolean hidden(Path root, Path p) {
        Path rel = root.relativize(p);
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
            String part = rel.getName(i).toString();
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The path as reports show it: relative to the base when under it, '/' separators. */
    public String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path shown;
        try {
            shown = base.getRoot() != null && base.getRoot().equals(abs.getRoot()) ? base.relativize(abs) : abs;
        } catch (IllegalArgumentException e) {
            shown = abs;
        }
        return shown.toString().replace('\\', '/');
    }

    public SourceId id(Path p) {
        return new SourceId(display(p));
    }

    /** Reads one file; a file over the size limit yields only its first bytes past the limit, so the parser reports it. */
    public SourceInput read(Path p) throws IOException {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toString());
        }
        long size = Files.size(p);
        if (size > limits.maxFileBytes()) {
            try (InputStream in = Files.newInputStream(p)) {
                byte[] head = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
                return new SourceInput(id(p), head);
            }
        }
        return new SourceInput(id(p), Files.readAllBytes(p));
    }

    /** Lists and reads every manifest under the roots, in path order; many files on every core. */
    public List<SourceInput> readAll(List<Path> roots) throws IOException {
        List<Path> paths = list(roots);
        return new ArrayList<>(paths.size() < PARALLEL_FILES ? paths.stream().map(this::readOrReport).toList()
                : paths.parallelStream().map(this::readOrReport).toList());
    }

    private SourceInput readOrReport(Path p) {
        try {
            return read(p);
        } catch (IOException e) {
            return SourceInput.unreadable(id(p), e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}

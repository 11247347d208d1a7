package dev.gatehouse.ui.workspace;

import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.parse.WorkspaceReader.FileReading;
import dev.gatehouse.core.source.SourceId;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The reading of each file by the bytes it was read from, so a keystroke re-reads the one file it changed
 * and reuses the others' readings: {@link WorkspaceReader#readFile} is pure, so a file with the same id and
 * the same bytes reads the same. Safe to share between reads running at once.
 */
final class FileReadings {
    private record Entry(SourceId id, byte[] bytes, Optional<String> ioError, FileReading reading) {
        boolean reads(SourceInput input) {
            return id.equals(input.id()) && ioError.equals(input.ioError()) && Arrays.equals(bytes, input.bytes());
        }
    }

    private final Map<String, Entry> byPath = new ConcurrentHashMap<>();

    /**
     * The readings of {@code inputs} in their order, as {@link WorkspaceReader#read} reads them; files whose
     * bytes are unchanged since a previous call are not read again. Forgets the files no longer read.
     */
    List<FileReading> read(WorkspaceReader reader, List<SourceInput> inputs) {
        List<FileReading> out = (inputs.size() < 64 ? inputs.stream() : inputs.parallelStream()).map(input -> {
            Entry known = byPath.get(input.id().path());
            if (known != null && known.reads(input)) {
                return known.reading();
            }
            FileReading reading = reader.readFile(input);
            byPath.put(input.id().path(), new Entry(input.id(), input.bytes(), input.ioError(), reading));
            return reading;
        }).toList();
        Set<String> paths = inputs.stream().map(i -> i.id().path()).collect(Collectors.toSet());
        byPath.keySet().retainAll(paths);
        return out;
    }

    /** How many files have a reading kept (for tests). */
    int size() {
        return byPath.size();
    }
}

package dev.gatehouse.core.edit;

import dev.gatehouse.core.source.SourceId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The manifest texts of a sample workspace (scenarios and READMEs aside), by path relative to it. */
final class SampleTexts {
    private SampleTexts() {
    }

    static Map<SourceId, String> of(String sample) {
        Path root = Path.of(System.getProperty("gatehouse.repo", "..")).toAbsolutePath().normalize().resolve("samples").resolve(sample);
        Map<SourceId, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith("scenarios/") && (rel.endsWith(".yaml") || rel.endsWith(".json"))) {
                    out.put(new SourceId(rel), Files.readString(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}

package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.parse.ScalarNode;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Orloj's own example manifests (shared/orloj-examples): every one is read, and every emulated one has a name. */
class OrlojExamplesTest {

    private static Path examplesRoot() {
        String repo = System.getProperty("gatehouse.repo");
        if (repo != null) {
            Path p = Path.of(repo, "..", "shared", "orloj-examples").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return Path.of("/work/shared/orloj-examples");
    }

    private static List<Path> manifests() throws IOException {
        Path root = examplesRoot();
        assumeTrue(Files.isDirectory(root), "orloj-examples not found at " + root);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".yaml") || n.endsWith(".yml");
                    })
                    .sorted()
                    .toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyEmulatedExampleHasAName() throws IOException {
        List<Path> files = manifests();
        Path root = examplesRoot();
        assertFalse(files.isEmpty(), "no manifests under " + root);
        return files.stream().map(path -> DynamicTest.dynamicTest(root.relativize(path).toString(), () -> {
            SourceText text = new SourceText(new SourceId(root.relativize(path).toString()),
                    Files.readString(path, StandardCharsets.UTF_8));
            OrlojReading r = OrlojYamlReader.read(text);
            if (r.emulated()) {
                assertEquals("", r.error().map(OrlojError::message).orElse(""));
                MapNode tree = r.tree().orElseThrow();
                ScalarNode name = (ScalarNode) TreeText.at(tree, "metadata.name");
                assertFalse(name.text().isEmpty(), "metadata.name");
            } else {
                assertTrue(r.tree().isEmpty());
            }
        }));
    }

    @Test
    void everyLinePrefixOfEveryExampleIsReadWithoutThrowing() throws IOException {
        for (Path path : manifests()) {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            SourceId id = new SourceId(path.getFileName().toString());
            for (int cut = text.indexOf('\n'); cut >= 0; cut = text.indexOf('\n', cut + 1)) {
                OrlojReading r = OrlojYamlReader.read(new SourceText(id, text.substring(0, cut)));
                assertTrue(r.tree().isEmpty() || r.emulated(), path + " cut at " + cut);
            }
        }
    }
}

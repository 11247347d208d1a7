package dev.gatehouse.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Golden files under src/test/resources/golden; {@code -Dgolden.update=true} rewrites them for review. */
final class Golden {
    private Golden() {
    }

    static void assertMatches(String name, String actual) throws IOException {
        Path file = Path.of("src/test/resources/golden").resolve(name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            if (!Boolean.getBoolean("golden.update")) {
                throw new AssertionError("golden file " + file + " did not exist; written, review and commit it");
            }
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden " + name);
    }
}

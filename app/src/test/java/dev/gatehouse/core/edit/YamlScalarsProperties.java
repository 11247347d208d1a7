package dev.gatehouse.core.edit;

import dev.gatehouse.core.model.AgentRole;
import dev.gatehouse.core.parse.ScalarStyle;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.SourceId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A scalar YamlScalars writes, as a list item and as a field value, is read as the same string (trimmed, as both trim) by a YAML parser
 * and by Orloj's line reader (emulated), in any quoting the edited file prefers, with no reading-difference
 * diagnostic.
 */
class YamlScalarsProperties {
    static final SourceId FILE = new SourceId("roles/r.yaml");

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab:#'\" -_./~!&*[]{}|>%@`,?0189yYnN\\=").ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("yes", "No", "null", "~", "true", "1.5", "0x10", "- a", "a: b", "x #y", "tool:web-search:invoke", "12:30", ".inf"));
    }

    @Property(tries = 400)
    void bothReadersReadWhatWasWritten(@ForAll("values") String value, @ForAll ScalarStyle like) {
        Optional<String> written = YamlScalars.render(value, like, false);
        if (written.isEmpty()) {
            assertEquals(true, value.contains("'") && value.contains("\"") || value.contains("\\") && value.contains("'")
                    || List.of("null", "Null", "NULL", "~").contains(value.strip()) || value.isBlank(), value);
            return;
        }
        String text = "apiVersion: orloj.dev/v1\nkind: AgentRole\nmetadata:\n  name: r\nspec:\n  description: " + written.get()
                + "\n  permissions:\n    - " + written.get() + "\n";
        WorkspaceReader.FileReading reading = new WorkspaceReader().readFile(new SourceInput(FILE, text.getBytes(StandardCharsets.UTF_8)));
        AgentRole strict = (AgentRole) reading.manifests().get(0).resource();
        AgentRole orloj = (AgentRole) reading.orlojResource().orElseThrow();
        String read = value.strip(); // both readers trim values
        assertEquals(List.of(read), strict.permissions().stream().map(Located::value).toList(), written.get());
        assertEquals(Optional.of(read), strict.description().map(Located::value), written.get());
        assertEquals(List.of(read), orloj.permissions().stream().map(Located::value).toList(), written.get());
        assertEquals(Optional.of(read), orloj.description().map(Located::value), written.get());
        assertEquals(List.of(), reading.diagnostics().stream().filter(d -> d.code().name().startsWith("GH5")).map(d -> d.code()).toList());
    }
}

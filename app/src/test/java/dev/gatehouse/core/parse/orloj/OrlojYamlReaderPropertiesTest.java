package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.parse.ListNode;
import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.parse.Node;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.source.Span;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader is total: any text gives a reading, and every position in it lies inside the file. */
class OrlojYamlReaderPropertiesTest {
    private static final List<String> KINDS = List.of("Agent", "AgentSystem", "Tool", "AgentPolicy", "AgentRole",
            "ToolPermission", "Task", "ModelEndpoint");
    private static final List<String> FRAGMENTS = List.of("metadata:", "spec:", "labels:", "name: n", "  ", "    ",
            "- ", "- x", "- k: v", "tools:", "roles:", "allow:", "memory:", "prompt: |", "prompt: |-", "graph:", "a:",
            "edges:", "join:", "quorum_count: 1", "operation_rules:", "verdict: deny", "input:", "options:", "runtime:",
            "retry:", "max_attempts: 2", "generation: 3", "# c", "\"q\"", "'", ":", "\t", "\r", "\r\n", "\n", "\n", "\n",
            "é", "中", "\u00a0", "kind: Tool", "[a, b]", "{k: v}", "  # x");

    @Provide
    Arbitrary<String> manifests() {
        Arbitrary<String> body = Arbitraries.of(FRAGMENTS).list().ofMaxSize(80).map(l -> String.join("", l));
        return Arbitraries.of(KINDS).flatMap(kind -> body.map(b -> "kind: " + kind + "\n" + b));
    }

    @Property(tries = 400)
    void everyTextIsReadAndEverySpanIsInsideTheFile(@ForAll("manifests") String text) {
        SourceText source = new SourceText(TreeText.FILE, text);
        OrlojReading r = OrlojYamlReader.read(source);
        assertTrue(r.tree().isEmpty() || r.emulated());
        r.error().ifPresent(e -> assertInside(source, e.span()));
        r.tree().ifPresent(t -> walk(source, t));
    }

    private static void walk(SourceText source, Node node) {
        assertInside(source, node.span());
        if (node instanceof MapNode m) {
            for (MapNode.Entry e : m.entries()) {
                assertInside(source, e.key().span());
                walk(source, e.value());
            }
        } else if (node instanceof ListNode l) {
            l.items().forEach(i -> walk(source, i));
        }
    }

    private static void assertInside(SourceText source, Span span) {
        assertTrue(span.endLine() <= source.lineCount(), span.toString());
        assertTrue(span.column() <= source.line(span.line()).length() + 1, span.toString());
        assertTrue(span.endColumn() <= source.line(span.endLine()).length() + 1, span.toString());
    }
}

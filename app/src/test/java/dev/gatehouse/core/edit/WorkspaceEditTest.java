package dev.gatehouse.core.edit;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkspaceEditTest {
    private static final SourceId A = new SourceId("agents/a.yaml");
    private static final SourceId B = new SourceId("roles/b.yaml");

    @Test
    void editsOfSeveralFilesApplyTogetherInAnyOrder() {
        WorkspaceEdit edit = new WorkspaceEdit("rename", List.of(
                new TextEdit(new Span(A, 3, 5, 3, 8), "ghi"),
                new TextEdit(new Span(A, 1, 1, 1, 4), "xyz"),
                new TextEdit(new Span(B, 2, 3, 2, 3), "- new\n  ")));

        Optional<Map<SourceId, String>> out = edit.apply(Map.of(A, "abc\n\n    def\n", B, "x:\n  - old\n"));

        assertEquals(Optional.of(Map.of(A, "xyz\n\n    ghi\n", B, "x:\n  - new\n  - old\n")), out);
        assertEquals(List.of(A, B), edit.files());
    }

    @Test
    void overlappingEditsAreRefusedWhole() {
        WorkspaceEdit edit = new WorkspaceEdit("clash", List.of(
                new TextEdit(new Span(A, 1, 1, 1, 4), "x"), new TextEdit(new Span(A, 1, 2, 1, 3), "y")));

        assertEquals(Optional.empty(), edit.apply(Map.of(A, "abcd")));
    }

    @Test
    void anEditOutsideTheTextOrOfAMissingFileIsRefused() {
        assertEquals(Optional.empty(), new WorkspaceEdit("past the end",
                List.of(new TextEdit(new Span(A, 4, 1, 4, 1), "x"))).apply(Map.of(A, "a\nb\n")));
        assertEquals(Optional.empty(), new WorkspaceEdit("past the line",
                List.of(new TextEdit(new Span(A, 1, 3, 1, 3), "x"))).apply(Map.of(A, "a\nb\n")));
        assertEquals(Optional.empty(), new WorkspaceEdit("no such file",
                List.of(new TextEdit(new Span(B, 1, 1, 1, 1), "x"))).apply(Map.of(A, "a")));
    }

    @Test
    void aCreatedFileMustNotExistYet() {
        WorkspaceEdit create = new WorkspaceEdit("new role", List.of(), Map.of(B, "kind: AgentRole\n"));

        assertEquals(Optional.of(Map.of(B, "kind: AgentRole\n")), create.apply(Map.of(A, "a")));
        assertEquals(Optional.empty(), create.apply(Map.of(B, "taken")));
    }

    @Test
    void anInsertAtTheEndOfTheLastLineIsInside() {
        WorkspaceEdit edit = new WorkspaceEdit("append", List.of(new TextEdit(new Span(A, 2, 2, 2, 2), "c")));

        assertEquals(Optional.of(Map.of(A, "a\nbc")), edit.apply(Map.of(A, "a\nb")));
    }
}

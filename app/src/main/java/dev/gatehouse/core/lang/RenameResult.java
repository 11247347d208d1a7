package dev.gatehouse.core.lang;

import dev.gatehouse.core.edit.WorkspaceEdit;
import dev.gatehouse.core.source.Span;

import java.util.List;

/** A rename: the edit to apply, or why there is none. */
public sealed interface RenameResult permits RenameResult.Renamed, RenameResult.Refused {

    /**
     * The edit renaming {@code metadata.name} and every reference, and notes on what it leaves alone on purpose
     * (permission strings such as {@code tool:<t>:invoke}, which are not names).
     */
    record Renamed(WorkspaceEdit edit, List<Note> notes) implements RenameResult {
        public Renamed {
            notes = List.copyOf(notes);
        }
    }

    /** Nothing is renamed: {@code reason} says why (lowercase, user input in backticks). */
    record Refused(String reason) implements RenameResult {
    }

    /** Something the user should look at after the rename. */
    record Note(Span span, String message) {
    }
}

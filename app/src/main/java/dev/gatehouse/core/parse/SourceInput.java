package dev.gatehouse.core.parse;

import dev.gatehouse.core.source.SourceId;

import java.util.Optional;

/**
 * The bytes of one file, as handed to the pure reader by the workspace edge (or by the editor, unsaved), or
 * the I/O error that kept them from being read.
 */
public record SourceInput(SourceId id, byte[] bytes, Optional<String> ioError) {
    public SourceInput(SourceId id, byte[] bytes) {
        this(id, bytes, Optional.empty());
    }

    public static SourceInput unreadable(SourceId id, String error) {
        return new SourceInput(id, new byte[0], Optional.of(error));
    }
}

package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.parse.MapNode;

import java.util.Optional;

/** What one kind's scanner returns: the filled resource, or the error that made Orloj return an empty one. */
record ScanOutcome(Optional<MapNode> tree, Optional<OrlojError> error) {
    static ScanOutcome of(MapNode tree) {
        return new ScanOutcome(Optional.of(tree), Optional.empty());
    }

    static ScanOutcome failed(String message, ScanLine line) {
        return new ScanOutcome(Optional.empty(), Optional.of(new OrlojError(message, line.lineSpan())));
    }

    static ScanOutcome failed(OrlojError error) {
        return new ScanOutcome(Optional.empty(), Optional.of(error));
    }
}

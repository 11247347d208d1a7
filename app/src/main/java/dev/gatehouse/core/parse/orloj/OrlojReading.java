package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.parse.MapNode;

import java.util.Objects;
import java.util.Optional;

/**
 * What Orloj's constrained YAML path reads from one file: the kind DetectKind finds, and the resource the kind's
 * line scanner fills, before Normalize.
 *
 * <ul>
 *   <li>{@code detectedKind}: DetectKind's answer, as it returns it (unquoted, not lowercased); empty when it
 *   fails.</li>
 *   <li>{@code tree}: the Go struct after the scanner, keyed by its JSON tags, holding only the fields the scanner
 *   assigned. Empty when the scanner returned an error (Orloj then keeps nothing), and when not emulated.</li>
 *   <li>{@code error}: DetectKind's {@code kind is required}, ParseManifest's {@code unsupported kind "x"}, or an
 *   error the scanner itself returns.</li>
 *   <li>{@code emulated}: false for kinds whose scanner is not emulated here, for unknown kinds, when DetectKind
 *   fails, and for input that is valid JSON (Orloj then takes its JSON path, see
 *   {@link OrlojYamlReader#takesJsonPath}).</li>
 * </ul>
 */
public record OrlojReading(Optional<String> detectedKind, Optional<MapNode> tree, Optional<OrlojError> error,
                           boolean emulated) {
    public OrlojReading {
        Objects.requireNonNull(detectedKind, "detectedKind");
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(error, "error");
    }
}

package dev.gatehouse.core.model;

import dev.gatehouse.core.source.SourceId;

import java.util.List;
import java.util.Map;

/**
 * The workspace as Orloj would load it: one resource per file it accepts (its readers merge documents), read
 * the way its line reader or JSON decoder reads it, and the files it refuses with Orloj's error message.
 */
public record OrlojView(List<Resource> loaded, Map<SourceId, String> rejected) {
    public OrlojView {
        loaded = List.copyOf(loaded);
        rejected = Map.copyOf(rejected);
    }
}

package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;

import java.util.Map;
import java.util.Optional;

/** ORLOJ.md §2.12: the system it runs, run or template mode, input, max_turns. */
public record Task(Meta meta, Optional<Located<String>> system, String mode, Map<String, Located<String>> input,
                   int maxTurns, Optional<Located<String>> requirementsModel) implements Resource {
    public Task {
        input = Map.copyOf(input);
    }

    public boolean template() {
        return mode.equals("template");
    }
}

package dev.gatehouse.core.engine;

import java.util.Optional;

/** Where a question is asked: the namespace, and optionally the system and/or task it runs in. */
public record Context(String namespace, Optional<String> system, Optional<String> task) {
    public static Context of(String namespace) {
        return new Context(namespace, Optional.empty(), Optional.empty());
    }

    public boolean none() {
        return system.isEmpty() && task.isEmpty();
    }
}

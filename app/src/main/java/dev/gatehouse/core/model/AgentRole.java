package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;

import java.util.List;
import java.util.Optional;

/** ORLOJ.md §2.3: permissions deduplicated case-insensitively, no format check (perm() applies at use). */
public record AgentRole(Meta meta, Optional<Located<String>> description, List<Located<String>> permissions) implements Resource {
    public AgentRole {
        permissions = List.copyOf(permissions);
    }
}

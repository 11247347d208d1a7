package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;

import java.util.Optional;

/** ORLOJ.md §2.6. {@code phase} is case-sensitive: Pending (default), Approved, Denied, Expired. */
public record ToolApproval(Meta meta, Optional<Located<String>> taskRef, Optional<Located<String>> tool,
                           Optional<Located<String>> agent, String ttl, String phase) implements Resource {}

package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;

import java.util.Optional;

/** ORLOJ.md §2.14. */
public record TaskWebhook(Meta meta, Optional<Located<String>> taskRef, String profile, Optional<Located<String>> secretRef,
                          boolean suspend) implements Resource {}

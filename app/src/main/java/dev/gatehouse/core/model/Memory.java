package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;

import java.util.Optional;

/** ORLOJ.md §2.10; Normalize validates none of it. */
public record Memory(Meta meta, String type, String provider, Optional<Located<String>> embeddingModel,
                     Optional<Located<String>> endpoint, Optional<Located<String>> secretRef) implements Resource {}

package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;

import java.util.Optional;

/** ORLOJ.md §2.8: {@code defaultModel} is the model id agents get and AgentPolicy {@code allowed_models} compares with. */
public record ModelEndpoint(Meta meta, String provider, String baseUrl, Optional<Located<String>> defaultModel,
                            Optional<Located<String>> secretRef) implements Resource {}

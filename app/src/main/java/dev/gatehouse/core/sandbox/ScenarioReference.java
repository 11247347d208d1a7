package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.source.Located;

/**
 * A name a scenario writes for a resource of the workspace: the kind it names, the namespace it is looked up in (the
 * scenario's {@code spec.namespace}, else {@code default}), the name as the reader takes it (trimmed) with the span
 * of the scalar or map key holding it, and the field ({@code spec.steps[2].call.tool}). The reader resolves each
 * exactly, in that namespace; a {@code model} entry names a ModelEndpoint only when it is an endpoint's name (else
 * it is a model id).
 */
public record ScenarioReference(Kind kind, String namespace, Located<String> name, String field) {
}

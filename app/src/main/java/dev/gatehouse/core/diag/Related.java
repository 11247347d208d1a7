package dev.gatehouse.core.diag;

import dev.gatehouse.core.source.Span;

/** Another place that explains a finding (the first definition of a duplicate, the role a reference meant). */
public record Related(Span span, String message) {}

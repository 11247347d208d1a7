package dev.gatehouse.core.parse;

import dev.gatehouse.core.source.Span;

/**
 * A positioned document tree, the common shape of what a YAML parser, a JSON parser and Orloj's line reader
 * read from a file. Every node keeps the span it was read from.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {
    Span span();

    /** A short description of the node's shape for messages: "a mapping", "a list", "a scalar". */
    String shape();
}

package dev.gatehouse.core.parse;

/**
 * Limits applied at the door to every file, each with its own diagnostic code (SEMANTICS.md, "Limits").
 * {@code maxAliases} is the number of aliases to collections one document may use; {@code maxExpandedNodes}
 * caps the nodes an alias expansion may create, so nested aliases cannot blow up ("billion laughs").
 */
public record ReadLimits(long maxFileBytes, int maxDepth, int maxDocuments, int maxAliases, int maxExpandedNodes) {
    public static final ReadLimits DEFAULT = new ReadLimits(10L * 1024 * 1024, 64, 1000, 50, 100_000);

    public ReadLimits {
        if (maxFileBytes <= 0 || maxDepth <= 0 || maxDocuments <= 0 || maxAliases < 0 || maxExpandedNodes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}

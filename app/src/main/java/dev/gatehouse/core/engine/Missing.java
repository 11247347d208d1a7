package dev.gatehouse.core.engine;

/**
 * One thing that would make a denied question pass, in terms of the manifests: {@code kind} is what to change
 * (permission, role, declaration, tool, policy, manifest, rule, model, agent, data), {@code value} the name or
 * permission string, {@code detail} a sentence a person acts on.
 */
public record Missing(String kind, String value, String detail) {}

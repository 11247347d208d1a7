package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.Span;

import java.util.List;

/**
 * ORLOJ.md §2.5, normalised: {@code toolRef} defaulted to the name, {@code action} lowercased (default invoke),
 * {@code matchMode} all|any, {@code applyMode} global (the default) | scoped.
 */
public record ToolPermission(Meta meta, Located<String> toolRef, Located<String> action,
                             List<Located<String>> requiredPermissions, Located<String> matchMode, Located<String> applyMode,
                             List<Located<String>> targetAgents, List<OperationRule> operationRules) implements Resource {
    public ToolPermission {
        requiredPermissions = List.copyOf(requiredPermissions);
        targetAgents = List.copyOf(targetAgents);
        operationRules = List.copyOf(operationRules);
    }

    /** One operation rule: class read|write|delete|admin|* (default *), verdict (default allow). */
    public record OperationRule(Located<String> operationClass, Located<Verdict> verdict, Span span) {}

    public boolean scoped() {
        return applyMode.value().equals("scoped");
    }

    public boolean matchAny() {
        return matchMode.value().equals("any");
    }
}

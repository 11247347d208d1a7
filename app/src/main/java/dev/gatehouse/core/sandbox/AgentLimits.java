package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentPolicy;
import dev.gatehouse.core.model.AgentSystem;
import dev.gatehouse.core.model.Task;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.source.Located;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The budgets and rates of one agent in one context (SEMANTICS.md "Budgets and rates"): the run's token budget,
 * the smallest positive {@code max_tokens_per_run} of the AgentPolicies that match (matched as ORLOJ.md §3.3 and
 * SEMANTICS.md "Context" say: with no system or task, every one the agent takes part in); the seed's
 * {@code rateLimit.maxTokensPerDay} and {@code maxCallsPerMinute}; and {@code limits.max_steps}.
 *
 * <p>The engine decides single questions and holds no budgets, so the matching is done here on the same
 * workspace; {@code DecisionEngine} exposing its matched policies would let this class drop its copy.
 */
public record AgentLimits(OptionalLong tokensPerRun, Optional<String> budgetPolicy, OptionalLong tokensPerDay,
                          OptionalInt callsPerMinute, int maxSteps) {

    public static AgentLimits of(Workspace ws, Agent a, Context ctx) {
        Set<String> systems = new HashSet<>();
        Set<String> tasks = new HashSet<>();
        String ns = a.namespace();
        ctx.task().ifPresent(t -> {
            tasks.add(key(t));
            ws.find(Task.class, ns, t).flatMap(Task::system).ifPresent(s -> systems.add(key(s.value())));
        });
        ctx.system().ifPresent(s -> systems.add(key(s)));
        if (ctx.none()) {
            for (AgentSystem s : ws.all(AgentSystem.class)) {
                if (s.namespace().equals(ns) && s.agents().stream().anyMatch(x -> x.value().equals(a.name()))) {
                    systems.add(key(s.name()));
                    for (Task t : ws.all(Task.class)) {
                        if (t.namespace().equals(ns) && t.system().map(x -> x.value().equals(s.name())).orElse(false)) {
                            tasks.add(key(t.name()));
                        }
                    }
                }
            }
        }
        long budget = Long.MAX_VALUE;
        String from = null;
        for (AgentPolicy p : ws.all(AgentPolicy.class)) {
            boolean matches = p.global()
                    || p.targetSystems().stream().anyMatch(s -> systems.contains(key(s.value())))
                    || p.targetTasks().stream().anyMatch(t -> tasks.contains(key(t.value())));
            if (matches && p.maxTokensPerRun().isPresent() && p.maxTokensPerRun().get().value() > 0
                    && p.maxTokensPerRun().get().value() < budget) {
                budget = p.maxTokensPerRun().get().value();
                from = p.name();
            }
        }
        OptionalLong perDay = a.rateLimit().flatMap(Agent.RateLimit::maxTokensPerDay).map(Located::value)
                .filter(v -> v > 0).map(v -> OptionalLong.of(v)).orElse(OptionalLong.empty());
        OptionalInt perMinute = a.rateLimit().flatMap(Agent.RateLimit::maxCallsPerMinute).map(Located::value)
                .filter(v -> v > 0).map(OptionalInt::of).orElse(OptionalInt.empty());
        return new AgentLimits(from == null ? OptionalLong.empty() : OptionalLong.of(budget), Optional.ofNullable(from),
                perDay, perMinute, a.limits().maxSteps());
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}

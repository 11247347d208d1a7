package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.engine.Answer;
import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.engine.ReasonCode;
import dev.gatehouse.core.engine.TraceSink;
import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentSystem;
import dev.gatehouse.core.model.Task;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.ToolApproval;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.GoValues;
import dev.gatehouse.core.source.Located;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fail-closed runtime: runs a scenario's steps on a virtual clock, every call, model turn and data access
 * through the {@link DecisionEngine} (never around it), then the runtime's own gates — pre-emptive token budgets,
 * calls per minute, {@code limits.max_steps}, one-call approvals that expire — and only then the tool. A denied
 * call never reaches the tool. Every decision is on the audit sink before the tool it allows runs, and on disk
 * before any tool that leaves the process does.
 *
 * <p>Beside each strict verdict the run keeps what Orloj would do: it lets an over-budget agent finish and fails
 * the task afterwards (F10), has no rate limit (S1), lets an approval grant every later call of the tool (F15),
 * and refuses an agent only once the agents before it in the system have run (F11).
 */
public final class Sandbox {
    private static final long MINUTE = 60_000_000_000L;
    private static final long DAY = 24 * 60 * MINUTE;
    private static final long DEFAULT_APPROVAL_TTL = 10 * MINUTE;

    private final DecisionEngine engine;
    private final Workspace ws;
    private final ToolBackends backends;
    private final AuditSink audit;
    private final Map<String, Tool> tools = new HashMap<>();
    private final Map<String, Agent> agents = new HashMap<>();
    /**
     * Answers by question. The engine is immutable, so an answer never goes stale; its messages are built on first
     * read (by the traced path), and every step reads them for the log, so each question is decided and worded once.
     */
    private final Map<Question, Decided> decided = new java.util.concurrent.ConcurrentHashMap<>();

    public Sandbox(DecisionEngine engine, ToolBackends backends, AuditSink audit) {
        this.engine = engine;
        this.ws = engine.workspace();
        this.backends = backends;
        this.audit = audit;
        for (Tool t : ws.all(Tool.class)) {
            tools.putIfAbsent(t.namespace() + "/" + t.name(), t);
        }
        for (Agent a : ws.all(Agent.class)) {
            agents.putIfAbsent(a.namespace() + "/" + a.name(), a);
        }
    }

    /** One question to the engine; {@code subject} is the tool, the model, or the resource with its action. */
    private record Question(StepKind kind, String agent, String subject, String action, Context context) {}

    /** An engine answer as the runtime uses it, messages read. */
    private record Decided(StepDecision strict, StepDecision orloj, Optional<String> exposure) {
        static Decided of(Answer a) {
            return new Decided(StepDecision.of(a.strict()), StepDecision.of(a.orloj()), a.exposure());
        }
    }

    private Decided decide(Question q) {
        Decided d = decided.get(q);
        if (d == null) {
            if (decided.size() > 100_000) {
                decided.clear();
            }
            d = Decided.of(switch (q.kind()) {
                case MODEL -> engine.decideModel(q.agent(), q.subject(), q.context(), TraceSink.NONE);
                case DATA -> engine.decideData(q.agent(), q.subject(), q.action(), q.context(), TraceSink.NONE);
                default -> engine.decideTool(q.agent(), q.subject(), q.context(), TraceSink.NONE);
            });
            decided.put(q, d);
        }
        return d;
    }

    public RunResult run(Scenario scenario, String runId) {
        return new Run(scenario, runId).execute();
    }

    /** The steps in the order they run: as written, or for a system, stably in Orloj's execution order. */
    public List<Step> order(Scenario s) {
        Optional<AgentSystem> sys = system(s);
        if (sys.isEmpty()) {
            return s.steps();
        }
        List<String> order = ExecutionOrder.of(sys.get());
        List<Step> out = new ArrayList<>(s.steps());
        out.sort(Comparator.comparingInt(st -> {
            int i = order.indexOf(s.agentOf(st));
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        return out;
    }

    private Optional<AgentSystem> system(Scenario s) {
        Optional<String> name = s.system().map(Located::value)
                .or(() -> s.task().flatMap(t -> ws.find(Task.class, s.namespace(), t.value())).flatMap(Task::system).map(Located::value));
        return name.flatMap(n -> ws.find(AgentSystem.class, s.namespace(), n));
    }

    /** A call waiting for a person; it runs once, if approved before {@code expiresAt}. */
    private record Pending(Step step, String agent, Tool tool, String args, long requestedAt, long expiresAt, long ttl, boolean orlojPending) {}

    /** What the runtime tracks per agent. */
    private static final class AgentState {
        final AgentLimits limits;
        final ArrayDeque<Long> calls = new ArrayDeque<>();
        final Map<Long, Long> dayTokens = new HashMap<>();
        final Set<String> orlojGrants = new HashSet<>();
        int modelSteps;
        boolean stopped;
        boolean orlojRefusalNoted;

        AgentState(AgentLimits limits) {
            this.limits = limits;
        }
    }

    private final class Run {
        private final Scenario s;
        private final String runId;
        private final Context ctx;
        private final Map<String, AgentState> states = new HashMap<>();
        private final ArrayDeque<Pending> pending = new ArrayDeque<>();
        private final Map<String, Integer> invocations = new HashMap<>();
        private final Map<String, List<String>> executedBy = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private long now;
        private long tokens;
        private long orlojTokens;
        private int orlojPending;
        private Optional<String> failure = Optional.empty();
        private Optional<String> orlojFailure = Optional.empty();
        private String current;

        Run(Scenario s, String runId) {
            this.s = s;
            this.runId = runId;
            this.ctx = s.context();
        }

        RunResult execute() {
            String who = s.agent().map(a -> "agent " + a.value()).orElse("")
                    + s.system().map(x -> (s.agent().isPresent() ? ", " : "") + "system " + x.value()).orElse("")
                    + s.task().map(x -> (s.agent().isPresent() || s.system().isPresent() ? ", " : "") + "task " + x.value()).orElse("");
            audit.append(List.of(event(0, AuditEvent.Type.RUN_STARTED, "", "", "", Optional.empty(), Optional.empty(), Optional.empty(), 0,
                    "", "scenario " + s.name().value() + " (" + who + ") in namespace " + s.namespace() + " from " + s.file().path())));
            List<StepResult> results = new ArrayList<>();
            for (Step st : order(s)) {
                String agent = s.agentOf(st);
                if (current != null && !current.equals(agent)) {
                    agentFinished(current);
                }
                current = agent;
                for (int i = 1; i <= st.repeat(); i++) {
                    results.add(step(st, i, agent));
                }
            }
            if (current != null) {
                agentFinished(current);
            }
            RunOutcome outcome = failure.isPresent() ? RunOutcome.FAILED : pending.isEmpty() ? RunOutcome.SUCCEEDED : RunOutcome.WAITING_APPROVAL;
            String reason = failure.orElse(pending.isEmpty() ? "every step ran" : pending.size() + " call(s) wait for approval");
            RunOutcome orlojOutcome = orlojFailure.isPresent() ? RunOutcome.FAILED : orlojPending == 0 ? RunOutcome.SUCCEEDED : RunOutcome.WAITING_APPROVAL;
            String orlojReason = orlojFailure.orElse(orlojPending == 0 ? "every step ran" : "the task waits for approval");
            List<String> failures = finalFailures(outcome, reason);
            audit.append(List.of(event(0, AuditEvent.Type.RUN_FINISHED, "", "", "", Optional.empty(), Optional.empty(), Optional.empty(), 0,
                    outcome.wireName(), reason + "; orloj: " + orlojOutcome.wireName() + " (" + orlojReason + "); tokens " + tokens
                            + (failures.isEmpty() && results.stream().allMatch(StepResult::passed) ? "; expectations hold" : "; expectations failed"))));
            audit.flush();
            return new RunResult(runId, s, results, outcome, reason, orlojOutcome, orlojReason, tokens, orlojTokens, invocations, notes, failures);
        }

        private List<String> finalFailures(RunOutcome outcome, String reason) {
            List<String> out = new ArrayList<>();
            Scenario.FinalExpectations e = s.expect();
            for (Located<String> t : e.neverExecuted()) {
                int n = invocations.getOrDefault(t.value(), 0);
                if (n > 0) {
                    out.add("tool `" + t.value() + "` was executed " + n + " time" + (n == 1 ? "" : "s") + ", expected never");
                }
            }
            e.maxTokens().ifPresent(m -> {
                if (tokens > m.value()) {
                    out.add("the run used " + tokens + " tokens, more than max_tokens " + m.value());
                }
            });
            e.outcome().ifPresent(o -> {
                if (o.value() != outcome) {
                    out.add("the run ended " + outcome.wireName() + " (" + reason + "), expected " + o.value().wireName());
                }
            });
            return out;
        }

        private AgentState state(String agent) {
            return states.computeIfAbsent(agent, a -> new AgentState(Optional.ofNullable(agents.get(s.namespace() + "/" + a))
                    .map(x -> AgentLimits.of(ws, x, ctx))
                    .orElse(new AgentLimits(java.util.OptionalLong.empty(), Optional.empty(), java.util.OptionalLong.empty(), java.util.OptionalInt.empty(), 10))));
        }

        private StepResult step(Step st, int repetition, String agent) {
            long at = now;
            Outcome o = switch (st.action().kind()) {
                case CALL -> call(st, agent, (Step.Call) st.action());
                case MODEL -> model(st, agent, (Step.ModelUse) st.action());
                case DATA -> data(st, agent, (Step.DataAccess) st.action());
                case ADVANCE -> advance(st, (Step.Advance) st.action());
                case APPROVE, DENY -> resolve(st, agent, (Step.Resolve) st.action());
            };
            List<String> failures = new ArrayList<>();
            st.expect().ifPresent(e -> {
                e.verdict().ifPresent(v -> {
                    if (v.value() != o.strict.verdict()) {
                        failures.add("expected " + v.value().wireName() + ", got " + o.strict.brief());
                    }
                });
                e.reason().ifPresent(r -> {
                    if (!r.value().equals(o.strict.reason())) {
                        failures.add("expected reason " + r.value() + ", got " + o.strict.brief());
                    }
                });
                e.execution().ifPresent(x -> {
                    String ran = o.execution.map(ex -> ex.last().status().wireName()).orElse("none");
                    if (!x.value().equals(ran)) {
                        failures.add("expected execution " + x.value() + ", got " + o.execution.map(ex -> ex.summary()
                                + ex.last().error().map(err -> ": " + err).orElse("")).orElse("none (the tool did not run)"));
                    }
                });
            });
            return new StepResult(st, repetition, agent, o.kind, o.subject, o.strict, o.orloj, o.exposure, o.execution, at, now - at, o.notes, failures);
        }

        /** A step's result before its expectations are checked. */
        private record Outcome(String kind, String subject, StepDecision strict, StepDecision orloj, Optional<String> exposure,
                               Optional<Execution> execution, List<String> notes) {}

        // ---------------------------------------------------------------------------------------------- calls

        private Outcome call(Step st, String agent, Step.Call c) {
            String tool = c.tool().value();
            AgentState as = state(agent);
            if (as.stopped) {
                return stopped(st, agent, "tool", tool);
            }
            Decided answer = decide(new Question(StepKind.CALL, agent, tool, "", ctx));
            StepDecision strict = answer.strict();
            StepDecision orloj = answer.orloj();
            Optional<String> exposure = answer.exposure();
            List<String> notes = new ArrayList<>();
            if (strict.verdict() != Verdict.DENY) {
                Optional<StepDecision> limited = rateLimited(as, agent);
                if (limited.isPresent()) {
                    strict = limited.get();
                    exposure = orloj.morePermissiveThan(strict) ? Optional.of("S1") : Optional.empty();
                    notes.add("orloj has no rate limit (S1): it would let this call through");
                }
            }
            if (orloj.verdict() == Verdict.APPROVAL_REQUIRED && as.orlojGrants.contains(key(tool))) {
                orloj = StepDecision.allow(RunReason.APPROVAL_GRANT_REUSED, "the Approved ToolApproval for tool=" + tool
                        + " grants every later call of it (F15)");
                if (strict.verdict() == Verdict.APPROVAL_REQUIRED) {
                    exposure = Optional.of("F15");
                    notes.add("an approval grants one call here; orloj's grants every later call of `" + tool + "` (F15)");
                }
            }
            policyNotes(agent, strict, orloj, notes);
            Tool t = tools.get(s.namespace() + "/" + tool);
            String outcome = strict.verdict() == Verdict.ALLOW ? "execute" : strict.verdict() == Verdict.APPROVAL_REQUIRED ? "await_approval" : "refused";
            record(st, agent, "tool", tool, strict, orloj, exposure, outcome, c.argsJson(), notes);
            Optional<Execution> execution = Optional.empty();
            if (strict.verdict() == Verdict.ALLOW && t != null) {
                execution = Optional.of(execute(st, agent, t, c.argsJson()));
            } else if (strict.verdict() == Verdict.APPROVAL_REQUIRED && t != null) {
                long ttl = ttl(agent, tool);
                pending.add(new Pending(st, agent, t, c.argsJson(), now, now + ttl, ttl, orloj.verdict() == Verdict.APPROVAL_REQUIRED));
            }
            if (orloj.verdict() == Verdict.APPROVAL_REQUIRED) {
                orlojPending++;
            }
            fail(st, strict, orloj);
            return new Outcome("tool", tool, strict, orloj, exposure, execution, notes);
        }

        /** The (N+1)th call of an agent within any 60 s window is refused (SEMANTICS.md "Budgets and rates"). */
        private Optional<StepDecision> rateLimited(AgentState as, String agent) {
            if (as.limits.callsPerMinute().isEmpty()) {
                return Optional.empty();
            }
            int max = as.limits.callsPerMinute().getAsInt();
            while (!as.calls.isEmpty() && as.calls.peekFirst() <= now - MINUTE) {
                as.calls.pollFirst();
            }
            if (as.calls.size() >= max) {
                return Optional.of(StepDecision.deny(ReasonCode.RATE_LIMITED, "agent `" + agent + "` made " + as.calls.size()
                        + " calls in the last minute: rateLimit.maxCallsPerMinute is " + max));
            }
            as.calls.addLast(now);
            return Optional.empty();
        }

        /** F11: a policy refusal of an agent comes after the agents before it in the system already ran. */
        private void policyNotes(String agent, StepDecision strict, StepDecision orloj, List<String> notes) {
            String ran = alreadyRan(agent);
            if (ran.isEmpty()) {
                return;
            }
            boolean strictPolicy = strict.reason().equals(ReasonCode.BLOCKED_BY_POLICY.wireName()) || strict.reason().equals(ReasonCode.MODEL_NOT_ALLOWED.wireName());
            boolean orlojRefuses = orloj.verdict() == Verdict.DENY && orloj.message().startsWith("policy \"");
            if (strictPolicy) {
                notes.add("agents that ran before `" + agent + "` already executed: " + ran);
            }
            AgentState as = state(agent);
            if (orlojRefuses && !as.orlojRefusalNoted) {
                as.orlojRefusalNoted = true;
                String note = "orloj refuses agent `" + agent + "` only when its turn comes (F11): " + orloj.message() + "; already executed: " + ran;
                notes.add(note);
                this.notes.add(note);
                audit.append(List.of(event(0, AuditEvent.Type.ORLOJ_NOTE, agent, "", "", Optional.empty(), Optional.of(orloj), Optional.of("F11"), 0,
                        "refused", note)));
            }
        }

        private String alreadyRan(String agent) {
            List<String> parts = new ArrayList<>();
            executedBy.forEach((a, list) -> {
                if (!a.equals(agent)) {
                    parts.add(a + " (" + String.join(", ", list) + ")");
                }
            });
            return String.join(", ", parts);
        }

        private long ttl(String agent, String tool) {
            for (ToolApproval a : ws.all(ToolApproval.class)) {
                boolean forTool = a.tool().map(x -> x.value().equalsIgnoreCase(tool)).orElse(false);
                boolean forAgent = a.agent().map(x -> x.value().equalsIgnoreCase(agent)).orElse(true);
                if (a.namespace().equals(s.namespace()) && forTool && forAgent) {
                    long ttl = GoValues.durationNanos(a.ttl()).orElse(DEFAULT_APPROVAL_TTL);
                    return ttl > 0 ? ttl : DEFAULT_APPROVAL_TTL;
                }
            }
            return DEFAULT_APPROVAL_TTL;
        }

        private Execution execute(Step st, String agent, Tool t, String args) {
            ToolStub stub = s.tools().getOrDefault(t.name(), new ToolStub(new Located<>(t.name(), st.span()), ToolStub.Backend.CANNED,
                    List.of(ToolStub.Outcome.ok("{}")), List.of(), st.span()));
            RetryPolicy policy = RetryPolicy.of(t);
            long start = now;
            List<AttemptResult> attempts = new ArrayList<>();
            for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
                ToolInvocation inv = new ToolInvocation(runId, s.name().value(), st.index(), agent, t, args, attempt, stub);
                if (stub.backend() != ToolStub.Backend.CANNED) {
                    audit.flush();
                }
                AttemptResult r = switch (stub.backend()) {
                    case CANNED -> canned(stub, invocations.getOrDefault(t.name(), 0) + 1, policy);
                    case HTTP -> backends.http().attempt(inv, policy.timeoutNanos());
                    case PROCESS -> backends.process().attempt(inv, policy.timeoutNanos());
                };
                invocations.merge(t.name(), 1, Integer::sum);
                executedBy.computeIfAbsent(agent, a -> new ArrayList<>());
                if (!executedBy.get(agent).contains(t.name())) {
                    executedBy.get(agent).add(t.name());
                }
                long at = now;
                now += r.elapsedNanos();
                attempts.add(r);
                audit.append(List.of(new AuditEvent(runId, s.name().value(), st.index(), AuditEvent.Type.ATTEMPT, agent, "tool", t.name(),
                        Optional.empty(), Optional.empty(), Optional.empty(), at, r.elapsedNanos(), r.status().wireName(),
                        "attempt " + attempt + "/" + policy.maxAttempts() + " (" + stub.backend().wireName() + "): "
                                + r.error().orElse(r.response().orElse("")) + (r.detail().isEmpty() ? "" : "; " + r.detail()))));
                if (r.ok() || !r.retryable() || attempt == policy.maxAttempts()) {
                    break;
                }
                now += policy.waitAfter(attempt, t.name());
            }
            return new Execution(t.name(), stub.backend(), attempts, now - start);
        }

        /**
         * A canned stub on the virtual clock: the n-th invocation of the tool in the run takes the n-th outcome; a
         * delay at or past the deadline is a timeout, cut at the deadline.
         */
        private AttemptResult canned(ToolStub stub, int invocation, RetryPolicy policy) {
            ToolStub.Outcome o = stub.outcome(invocation);
            if (policy.hasDeadline() && o.delayNanos() >= policy.timeoutNanos()) {
                return AttemptResult.timedOut(policy.timeoutNanos(), "stub delay " + Durations.format(o.delayNanos())
                        + " reaches runtime.timeout " + Durations.format(policy.timeoutNanos()));
            }
            if (o.error().isPresent()) {
                return AttemptResult.failed(o.error().get().message(), o.error().get().retryable(), o.delayNanos(), "");
            }
            return AttemptResult.succeeded(o.response().orElse("{}"), o.delayNanos(), "");
        }

        // --------------------------------------------------------------------------------------------- models

        private Outcome model(Step st, String agent, Step.ModelUse m) {
            String subject = m.model().value() + " (" + m.tokens() + " tokens)";
            AgentState as = state(agent);
            if (as.stopped) {
                return stopped(st, agent, "model", subject);
            }
            as.modelSteps++;
            if (as.modelSteps > as.limits.maxSteps()) {
                as.stopped = true;
                return stopped(st, agent, "model", subject);
            }
            Decided answer = decide(new Question(StepKind.MODEL, agent, m.model().value(), "", ctx));
            StepDecision strict = answer.strict();
            StepDecision orloj = answer.orloj();
            Optional<String> exposure = answer.exposure();
            List<String> notes = new ArrayList<>();
            long t = m.tokens();
            if (strict.verdict() == Verdict.ALLOW) {
                long day = now / DAY;
                long usedToday = as.dayTokens.getOrDefault(day, 0L);
                if (as.limits.tokensPerRun().isPresent() && tokens + t > as.limits.tokensPerRun().getAsLong()) {
                    long budget = as.limits.tokensPerRun().getAsLong();
                    strict = StepDecision.deny(ReasonCode.TOKEN_BUDGET_EXCEEDED, "a model turn of " + t + " tokens would take the run to "
                            + (tokens + t) + " tokens, over max_tokens_per_run " + budget + " of policy `" + as.limits.budgetPolicy().orElse("") + "`");
                    if (orloj.verdict() == Verdict.ALLOW) {
                        exposure = Optional.of("F10");
                        notes.add("orloj lets the agent finish and checks the budget afterwards, with `>` (F10)");
                    }
                } else if (as.limits.tokensPerDay().isPresent() && usedToday + t > as.limits.tokensPerDay().getAsLong()) {
                    strict = StepDecision.deny(ReasonCode.TOKEN_BUDGET_EXCEEDED, "a model turn of " + t + " tokens would take agent `" + agent
                            + "` to " + (usedToday + t) + " tokens today, over rateLimit.maxTokensPerDay " + as.limits.tokensPerDay().getAsLong());
                    if (orloj.verdict() == Verdict.ALLOW) {
                        exposure = Optional.of("S1");
                        notes.add("orloj does not read spec.rateLimit (S1): it would let this turn through");
                    }
                } else {
                    Optional<StepDecision> limited = rateLimited(as, agent);
                    if (limited.isPresent()) {
                        strict = limited.get();
                        exposure = orloj.morePermissiveThan(strict) ? Optional.of("S1") : Optional.empty();
                        notes.add("orloj has no rate limit (S1): it would let this turn through");
                    } else {
                        tokens += t;
                        as.dayTokens.merge(day, t, Long::sum);
                    }
                }
            }
            if (orloj.verdict() == Verdict.ALLOW) {
                orlojTokens += t;
            }
            policyNotes(agent, strict, orloj, notes);
            record(st, agent, "model", subject, strict, orloj, exposure, strict.verdict() == Verdict.ALLOW ? "tokens counted" : "refused", "", notes);
            fail(st, strict, orloj);
            return new Outcome("model", subject, strict, orloj, exposure, Optional.empty(), notes);
        }

        /** F10: Orloj adds up the tokens after each agent and fails the task when the total is over the budget. */
        private void agentFinished(String agent) {
            AgentState as = state(agent);
            if (as.limits.tokensPerRun().isPresent() && orlojTokens > as.limits.tokensPerRun().getAsLong() && orlojFailure.isEmpty()) {
                String note = "token budget exceeded after agent \"" + agent + "\": used=" + orlojTokens + " budget=" + as.limits.tokensPerRun().getAsLong()
                        + " (orloj checks after the agent finished, F10)";
                orlojFailure = Optional.of(note);
                notes.add(note);
                audit.append(List.of(event(0, AuditEvent.Type.ORLOJ_NOTE, agent, "", "", Optional.empty(), Optional.empty(), Optional.of("F10"), 0,
                        "failed", note)));
            }
        }

        // ----------------------------------------------------------------------------------------------- data

        private Outcome data(Step st, String agent, Step.DataAccess d) {
            String subject = d.resource().value() + " (" + d.dataAction().value() + ")";
            AgentState as = state(agent);
            if (as.stopped) {
                return stopped(st, agent, "data", subject);
            }
            Decided answer = decide(new Question(StepKind.DATA, agent, d.resource().value(), d.dataAction().value(), ctx));
            StepDecision strict = answer.strict();
            StepDecision orloj = answer.orloj();
            Optional<String> exposure = answer.exposure();
            List<String> notes = new ArrayList<>();
            if (strict.verdict() == Verdict.ALLOW) {
                Optional<StepDecision> limited = rateLimited(as, agent);
                if (limited.isPresent()) {
                    strict = limited.get();
                    exposure = orloj.morePermissiveThan(strict) ? Optional.of("S1") : Optional.empty();
                    notes.add("orloj has no rate limit (S1): it would let this access through");
                }
            }
            record(st, agent, "data", subject, strict, orloj, exposure, strict.verdict() == Verdict.ALLOW ? "granted" : "refused", "", notes);
            fail(st, strict, orloj);
            return new Outcome("data", subject, strict, orloj, exposure, Optional.empty(), notes);
        }

        // ------------------------------------------------------------------------------------ clock, approvals

        private Outcome advance(Step st, Step.Advance a) {
            now += a.nanos();
            StepDecision d = StepDecision.allow(RunReason.CLOCK_ADVANCED, "the clock moves to t+" + Durations.format(now));
            record(st, "", "clock", a.written().value(), d, d, Optional.empty(), "", "", List.of());
            return new Outcome("clock", a.written().value(), d, d, Optional.empty(), Optional.empty(), List.of());
        }

        private Outcome resolve(Step st, String agent, Step.Resolve r) {
            Optional<Pending> found = take(r.tool().map(Located::value));
            String verb = r.approve() ? "approve" : "deny";
            if (found.isEmpty()) {
                StepDecision d = StepDecision.deny(RunReason.NO_PENDING_APPROVAL, "nothing waits for approval"
                        + r.tool().map(t -> " for tool `" + t.value() + "`").orElse(""));
                record(st, agent, "approval", r.tool().map(Located::value).orElse(""), d, d, Optional.empty(), "no_op", "", List.of());
                return new Outcome("approval", r.tool().map(Located::value).orElse(""), d, d, Optional.empty(), Optional.empty(), List.of());
            }
            Pending p = found.get();
            String subject = p.tool().name() + " (step " + p.step().index() + ")";
            if (p.orlojPending()) {
                orlojPending--;
            }
            List<String> notes = new ArrayList<>();
            StepDecision d;
            Optional<Execution> execution = Optional.empty();
            if (!r.approve()) {
                d = StepDecision.deny(RunReason.APPROVAL_DENIED, "a person denied the call of tool=" + p.tool().name() + ": it never runs");
                record(st, p.agent(), "approval", subject, d, d, Optional.empty(), "refused", p.args(), notes);
            } else if (now > p.expiresAt()) {
                d = StepDecision.deny(RunReason.APPROVAL_EXPIRED, "the approval for tool=" + p.tool().name() + " expired at t+"
                        + Durations.format(p.expiresAt()) + " (ttl " + Durations.format(p.ttl()) + "): the call never runs");
                record(st, p.agent(), "approval", subject, d, d, Optional.empty(), "refused", p.args(), notes);
            } else {
                d = StepDecision.allow(RunReason.APPROVAL_GRANTED, "a person approved this one call of tool=" + p.tool().name());
                state(p.agent()).orlojGrants.add(key(p.tool().name()));
                notes.add("the approval grants this call only; orloj's grants every later call of `" + p.tool().name() + "` (F15)");
                record(st, p.agent(), "approval", subject, d, d, Optional.empty(), "execute", p.args(), notes);
                execution = Optional.of(execute(p.step(), p.agent(), p.tool(), p.args()));
            }
            if (d.verdict() == Verdict.DENY && failure.isEmpty()) {
                failure = Optional.of("step " + st.index() + " (" + verb + "): " + d.message());
            }
            if (d.verdict() == Verdict.DENY && orlojFailure.isEmpty()) {
                orlojFailure = Optional.of(d.reason().equals(RunReason.APPROVAL_DENIED.wireName()) ? "tool approval denied" : "tool approval expired");
            }
            return new Outcome("approval", subject, d, d, Optional.empty(), execution, notes);
        }

        private Optional<Pending> take(Optional<String> tool) {
            Iterator<Pending> it = pending.iterator();
            while (it.hasNext()) {
                Pending p = it.next();
                if (tool.isEmpty() || p.tool().name().equalsIgnoreCase(tool.get())) {
                    it.remove();
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }

        // ------------------------------------------------------------------------------------------- helpers

        /** The agent's activation ended at {@code limits.max_steps}: Orloj ends it normally too, so both refuse. */
        private Outcome stopped(Step st, String agent, String kind, String subject) {
            StepDecision d = StepDecision.deny(RunReason.MAX_STEPS_REACHED, "agent `" + agent + "` reached limits.max_steps "
                    + state(agent).limits.maxSteps() + ": its run ended normally (max steps reached)");
            record(st, agent, kind, subject, d, d, Optional.empty(), "refused", "", List.of());
            return new Outcome(kind, subject, d, d, Optional.empty(), Optional.empty(), List.of());
        }

        /** A governance denial ends the task Failed; a rate limit or the step cap does not. */
        private void fail(Step st, StepDecision strict, StepDecision orloj) {
            if (strict.verdict() == Verdict.DENY && failure.isEmpty() && !strict.reason().equals(ReasonCode.RATE_LIMITED.wireName())) {
                failure = Optional.of("step " + st.index() + ": " + strict.brief() + " " + strict.message());
            }
            if (orloj.verdict() == Verdict.DENY && orlojFailure.isEmpty()) {
                orlojFailure = Optional.of("step " + st.index() + ": " + orloj.message());
            }
        }

        private void record(Step st, String agent, String kind, String subject, StepDecision strict, StepDecision orloj,
                            Optional<String> exposure, String outcome, String args, List<String> notes) {
            // The messages have their own columns; the detail holds what they do not: the arguments and the notes.
            List<String> parts = new ArrayList<>(notes.size() + 1);
            if (!args.isEmpty() && !args.equals("{}")) {
                parts.add("args " + args);
            }
            parts.addAll(notes);
            String detail = String.join("; ", parts);
            audit.append(List.of(new AuditEvent(runId, s.name().value(), st.index(), AuditEvent.Type.DECISION, agent, kind, subject,
                    Optional.of(strict), Optional.of(orloj), exposure, now, 0, outcome, detail)));
        }

        private AuditEvent event(int step, AuditEvent.Type type, String agent, String kind, String subject, Optional<StepDecision> strict,
                                 Optional<StepDecision> orloj, Optional<String> exposure, long duration, String outcome, String detail) {
            return new AuditEvent(runId, s.name().value(), step, type, agent, kind, subject, strict, orloj, exposure, now, duration, outcome, detail);
        }
    }

    private static String key(String tool) {
        return tool.strip().toLowerCase(Locale.ROOT);
    }
}

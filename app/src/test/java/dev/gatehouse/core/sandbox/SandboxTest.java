package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.validate.Validator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxTest {
    private static final Workspace SEED = SandboxFixtures.sample("seed");
    private static final Workspace LAB = Lab.workspace();

    /** verdict (reason) of each step, strict then orloj, then the exposure. */
    private static List<String> verdicts(RunResult r) {
        return r.steps().stream().map(s -> s.strict().brief() + " | " + s.orloj().brief() + s.exposure().map(e -> " | " + e).orElse("")).toList();
    }

    @Test
    void theLabWorkspaceHasNoErrors() {
        assertEquals(List.of(), Validator.validate(LAB).diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message).toList());
    }

    @Test
    void aDeniedCallNeverReachesTheTool() {
        List<ToolInvocation> seen = new ArrayList<>();
        ToolBackend recording = (inv, timeout) -> {
            seen.add(inv);
            return AttemptResult.succeeded("{}", 0, "");
        };
        SandboxFixtures.RecordingSink audit = new SandboxFixtures.RecordingSink();
        Sandbox sandbox = new Sandbox(DecisionEngine.compile(SEED), new ToolBackends(recording, recording), audit);
        RunResult r = sandbox.run(SandboxFixtures.scenario(SEED, Lab.scenario("""
                  agent: customer-support-bot
                  tools:
                    update-admin-password:
                      http:
                        status: 200
                        body: {changed: true}
                    payment-api:
                      response: {charged: true}
                  steps:
                    - call:
                        tool: update-admin-password
                        args: {user: admin, password: hunter2}
                    - call: {tool: payment-api, args: {amount: 100}}
                """)), "run-1");
        assertEquals(List.of("deny (not_declared) | deny (not_declared)", "deny (explicit_deny) | deny (missing_permission)"), verdicts(r));
        assertTrue(r.steps().get(0).strict().message().startsWith("Tool not available"), r.steps().get(0).strict().message());
        assertEquals(List.of(), seen);
        assertEquals(0, r.invocations("update-admin-password"));
        assertEquals(0, r.invocations("payment-api"));
        assertEquals(List.of(), audit.events.stream().filter(e -> e.type() == AuditEvent.Type.ATTEMPT).toList());
        assertEquals(RunOutcome.FAILED, r.outcome());
    }

    @Test
    void anAllowedCallRunsItsStubAfterItsDecisionIsOnRecord() {
        SandboxFixtures.RecordingSink audit = new SandboxFixtures.RecordingSink();
        RunResult r = SandboxFixtures.sandbox(SEED, audit).run(SandboxFixtures.scenario(SEED, Lab.scenario("""
                  agent: research-agent
                  tools:
                    web-search:
                      response: {hits: 3}
                      delay: 2s
                  steps:
                    - call: {tool: web-search, args: {q: returns}}
                      expect: allow
                      reason: role_grant
                """)), "run-7");
        assertEquals(List.of("allow (role_grant) | allow (role_grant)"), verdicts(r));
        Execution e = r.steps().get(0).execution().orElseThrow();
        assertEquals(Optional.of("{\"hits\":3}"), e.response());
        assertEquals(2_000_000_000L, e.durationNanos());
        assertEquals(1, r.invocations("web-search"));
        assertEquals(List.of(AuditEvent.Type.RUN_STARTED, AuditEvent.Type.DECISION, AuditEvent.Type.ATTEMPT, AuditEvent.Type.RUN_FINISHED),
                audit.events.stream().map(AuditEvent::type).toList());
        assertEquals(4, audit.appends);
        assertEquals("run-7", audit.events.get(1).runId());
        assertTrue(r.passed());
        assertEquals(RunOutcome.SUCCEEDED, r.outcome());
    }

    @Test
    void theTokenBudgetIsPreEmptiveWhereOrlojLetsTheAgentFinish() {
        RunResult r = SandboxFixtures.run(LAB, Lab.scenario("""
                  agent: worker
                  steps:
                    - model: {model: gpt-4o, tokens: 600}
                    - model: {model: gpt-4o, tokens: 500}
                      expect: deny
                      reason: token_budget_exceeded
                    - model: {model: gpt-4o, tokens: 400}
                  expect:
                    max_tokens: 1000
                    outcome: failed
                """));
        assertEquals(List.of("allow (model_allowed) | allow (model_allowed)",
                "deny (token_budget_exceeded) | allow (model_allowed) | F10",
                "allow (model_allowed) | allow (model_allowed)"), verdicts(r));
        assertEquals(1000, r.tokensUsed());
        assertEquals(1500, r.orlojTokensUsed());
        assertEquals(RunOutcome.FAILED, r.orlojOutcome());
        assertEquals("token budget exceeded after agent \"worker\": used=1500 budget=1000 (orloj checks after the agent finished, F10)", r.orlojReason());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void theDailyTokenLimitAndTheCallRateAreEnforcedOnTheVirtualClock() {
        RunResult r = SandboxFixtures.run(LAB, Lab.scenario("""
                  agent: seeded
                  steps:
                    - call: {tool: search}
                    - call: {tool: search}
                    - call: {tool: search}
                      expect: deny
                      reason: rate_limited
                    - advance: 60s
                    - call: {tool: search}
                      expect: allow
                    - advance: 24h
                    - model: {model: gpt-4o, tokens: 900}
                    - model: {model: gpt-4o, tokens: 200}
                      reason: token_budget_exceeded
                """));
        assertEquals(List.of("allow (seed_grant) | allow (no_roles_no_rules)", "allow (seed_grant) | allow (no_roles_no_rules)",
                "deny (rate_limited) | allow (no_roles_no_rules) | S1", "allow (clock_advanced) | allow (clock_advanced)",
                "allow (seed_grant) | allow (no_roles_no_rules)", "allow (clock_advanced) | allow (clock_advanced)",
                "allow (model_allowed) | allow (model_allowed)",
                "deny (token_budget_exceeded) | allow (model_allowed) | F10"), verdicts(r));
        assertTrue(r.passed(), r.toString());
        assertEquals(3, r.invocations("search"));
    }

    @Test
    void theDailyLimitAloneIsAnS1Exposure() {
        RunResult r = SandboxFixtures.run(LAB, Lab.scenario("""
                  agent: seeded
                  steps:
                    - model: {model: gpt-4o, tokens: 100}
                    - advance: 24h
                    - model: {model: gpt-4o, tokens: 100}
                """).replace("max_tokens_per_run: 1000", ""));
        assertEquals(200, r.tokensUsed());
    }

    @Test
    void aTimeoutIsRetriedWithBackoffOnTheVirtualClock() {
        RunResult r = SandboxFixtures.run(LAB, Lab.scenario("""
                  agent: worker
                  tools:
                    flaky:
                      sequence:
                        - delay: 30s
                        - error: {message: upstream 503, retryable: true}
                        - response: {ok: true}
                          delay: 500ms
                  steps:
                    - call: {tool: flaky}
                    - call: {tool: flaky}
                """));
        Execution first = r.steps().get(0).execution().orElseThrow();
        assertEquals(List.of(AttemptResult.Status.TIMED_OUT, AttemptResult.Status.FAILED, AttemptResult.Status.SUCCEEDED),
                first.attempts().stream().map(AttemptResult::status).toList());
        // 10s (timeout) + 1s backoff + 0s (error) + 2s backoff + 0.5s
        assertEquals(13_500_000_000L, first.durationNanos());
        assertEquals("succeeded after 3 attempts", first.summary());
        // The sequence is the tool's in the run: the next call gets the last outcome, which repeats.
        assertEquals(List.of(AttemptResult.Status.SUCCEEDED), r.steps().get(1).execution().orElseThrow().attempts().stream().map(AttemptResult::status).toList());
        assertEquals(13_500_000_000L, r.steps().get(1).atNanos());
        assertEquals(4, r.invocations("flaky"));
    }

    @Test
    void aNonRetryableErrorIsTriedOnce() {
        RunResult r = SandboxFixtures.run(LAB, Lab.scenario("""
                  agent: worker
                  tools:
                    flaky:
                      error: {message: bad request, retryable: false}
                  steps:
                    - call: {tool: flaky}
                """));
        Execution e = r.steps().get(0).execution().orElseThrow();
        assertEquals(1, e.attempts().size());
        assertEquals(Optional.of("bad request"), e.last().error());
        assertEquals(RunOutcome.SUCCEEDED, r.outcome());
    }

    @Test
    void anExecutionExpectationChecksHowTheToolRanOrThatItDidNot() {
        RunResult r = SandboxFixtures.run(LAB, Lab.scenario("""
                  agent: worker
                  tools:
                    flaky:
                      error: {message: bad request, retryable: false}
                  steps:
                    - call: {tool: flaky}
                      execution: failed
                    - call: {tool: flaky}
                      execution: succeeded
                    - call: {tool: deploy}
                      execution: none
                    - call: {tool: deploy}
                      execution: succeeded
                """));
        assertEquals(List.of(List.of(), List.of("expected execution succeeded, got failed: bad request"), List.of(),
                List.of("expected execution succeeded, got none (the tool did not run)")),
                r.steps().stream().map(StepResult::failures).toList());
    }

    @Test
    void anApprovalGrantsOneCallWhereOrlojsGrantsEveryLaterOne() {
        RunResult r = SandboxFixtures.run(LAB, Lab.scenario("""
                  agent: worker
                  tools:
                    deploy:
                      response: {deployed: true}
                  steps:
                    - call: {tool: deploy, args: {version: "1.2"}}
                      expect: approval_required
                    - approve: {}
                      expect: allow
                      reason: approval_granted
                    - call: {tool: deploy, args: {version: "1.3"}}
                      expect: approval_required
                    - deny: {}
                      reason: approval_denied
                  expect:
                    outcome: failed
                """));
        assertEquals(List.of("approval_required (approval_required) | approval_required (approval_required)",
                "allow (approval_granted) | allow (approval_granted)",
                "approval_required (approval_required) | allow (approval_grant_reused) | F15",
                "deny (approval_denied) | deny (approval_denied)"), verdicts(r));
        assertEquals(Optional.empty(), r.steps().get(0).execution());
        assertEquals(Optional.of("{\"deployed\":true}"), r.steps().get(1).execution().orElseThrow().response());
        assertEquals(1, r.invocations("deploy"));
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void anApprovalExpiresByTheToolApprovalTtl() {
        RunResult r = SandboxFixtures.run(LAB, Lab.scenario("""
                  agent: worker
                  steps:
                    - call: {tool: deploy}
                    - advance: 5m1s
                    - approve: {}
                      expect: deny
                      reason: approval_expired
                  expect:
                    never_executed: [deploy]
                    outcome: failed
                """));
        assertEquals("the approval for tool=deploy expired at t+5m (ttl 5m): the call never runs", r.steps().get(2).strict().message());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void aPendingApprovalLeavesTheRunWaiting() {
        RunResult r = SandboxFixtures.run(LAB, Lab.scenario("""
                  agent: worker
                  steps:
                    - call: {tool: deploy}
                    - approve: {tool: search}
                      reason: no_pending_approval
                  expect:
                    outcome: waiting_approval
                """));
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void modelTurnsPastMaxStepsEndTheAgentsRunNormally() {
        RunResult r = SandboxFixtures.run(LAB, Lab.scenario("""
                  agent: worker
                  steps:
                    - model: {model: gpt-4o, tokens: 1}
                    - model: {model: gpt-4o, tokens: 1}
                    - model: {model: gpt-4o, tokens: 1}
                    - model: {model: gpt-4o, tokens: 1}
                      reason: max_steps_reached
                    - call: {tool: search}
                      reason: max_steps_reached
                  expect:
                    outcome: succeeded
                    never_executed: [search]
                """));
        assertTrue(r.passed(), r.toString());
        assertEquals(3, r.tokensUsed());
    }

    @Test
    void failedExpectationsSayWhatWasExpectedAndWhatHappened() {
        RunResult r = SandboxFixtures.run(LAB, Lab.scenario("""
                  agent: worker
                  steps:
                    - call: {tool: search}
                      expect: deny
                      reason: not_declared
                  expect:
                    never_executed: [search]
                    outcome: failed
                """));
        assertEquals(List.of("expected deny, got allow (role_grant)", "expected reason not_declared, got allow (role_grant)"), r.steps().get(0).failures());
        assertEquals(List.of("tool `search` was executed 1 time, expected never", "the run ended succeeded (every step ran), expected failed"), r.failures());
    }

    @Test
    void aSystemRunsInExecutionOrderAndReportsWhatEarlierAgentsDidBeforeAPolicyRefusal() {
        SandboxFixtures.RecordingSink audit = new SandboxFixtures.RecordingSink();
        Sandbox sandbox = SandboxFixtures.sandbox(LAB, audit);
        Scenario s = SandboxFixtures.scenario(LAB, Lab.scenario("""
                  task: job
                  steps:
                    - agent: helper
                      call: {tool: purge}
                      expect: deny
                      reason: blocked_by_policy
                    - agent: worker
                      call: {tool: search}
                """));
        RunResult r = sandbox.run(s, "run-1");
        assertEquals(List.of("worker", "helper"), r.steps().stream().map(StepResult::agent).toList());
        assertEquals(List.of("allow (role_grant) | allow (role_grant)", "deny (blocked_by_policy) | deny (blocked_by_policy)"), verdicts(r));
        assertEquals(List.of("agents that ran before `helper` already executed: worker (search)",
                "orloj refuses agent `helper` only when its turn comes (F11): policy \"no-purge\" blocks tool \"purge\" for agent \"helper\"; already executed: worker (search)"),
                r.steps().get(1).notes());
        assertEquals(1, audit.events.stream().filter(e -> e.type() == AuditEvent.Type.ORLOJ_NOTE).count());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void everyStepGoesThroughTheEngine() {
        // The same workspace with the role removed: the sandbox's verdict follows the engine's, whatever the stub says.
        Workspace noRole = SandboxFixtures.of(Map.of("worker.yaml", """
                apiVersion: orloj.dev/v1
                kind: Agent
                metadata:
                  name: worker
                spec:
                  model_ref: llm
                  tools:
                    - search
                """, "search.yaml", """
                apiVersion: orloj.dev/v1
                kind: Tool
                metadata:
                  name: search
                spec:
                  type: http
                """, "llm.yaml", """
                apiVersion: orloj.dev/v1
                kind: ModelEndpoint
                metadata:
                  name: llm
                spec:
                  default_model: gpt-4o
                """));
        RunResult r = SandboxFixtures.run(noRole, Lab.scenario("""
                  agent: worker
                  tools:
                    search:
                      response: ok
                  steps:
                    - call: {tool: search}
                """));
        assertEquals(List.of("deny (no_grant) | allow (no_roles_no_rules) | F1"), verdicts(r));
        assertEquals(0, r.invocations("search"));
        assertEquals(Verdict.DENY, r.steps().get(0).strict().verdict());
    }
}

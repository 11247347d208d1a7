package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.model.Workspace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScenarioReaderTest {
    private static final Workspace SEED = SandboxFixtures.sample("seed");
    private static final Workspace GOVERNED = SandboxFixtures.sample("governed");

    private static final String HEAD = """
            apiVersion: gatehouse.dev/v1
            kind: Scenario
            metadata:
              name: s
            spec:
            """;

    /** Code, line, column and message of each diagnostic. */
    private static List<String> found(Workspace ws, String yaml) {
        return SandboxFixtures.read(ws, yaml).diagnostics().stream()
                .map(d -> d.code() + " " + d.span().line() + ":" + d.span().column() + " " + d.message() + d.help().map(h -> " | " + h).orElse(""))
                .toList();
    }

    @Test
    void referencesListEveryNameAScenarioWritesWithItsKindNamespaceAndField() {
        dev.gatehouse.core.parse.ParsedFile parsed = new dev.gatehouse.core.parse.ManifestParser().parse(new dev.gatehouse.core.source.SourceId("s.yaml"),
                (HEAD + """
                  namespace: team
                  task: ticket
                  system: desk
                  agent: " writer "
                  tools:
                    search: {response: {}}
                  steps:
                    - agent: reviewer
                      call: {tool: search, args: {q: fetch}}
                    - approve: {tool: fetch}
                    - deny: {}
                    - model: {model: gpt-4o, tokens: 1}
                    - advance: 1m
                  expect:
                    never_executed: [fetch, ""]
                """).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        List<String> refs = ScenarioReader.references(parsed.documents().get(0).root()).stream()
                .map(r -> r.kind().wireName() + " " + r.namespace() + "/" + r.name().value() + " " + r.field() + " " + r.name().span().line()).toList();

        assertEquals(List.of("Agent team/writer spec.agent 9", "AgentSystem team/desk spec.system 8", "Task team/ticket spec.task 7",
                "Tool team/search spec.tools 11", "Agent team/reviewer spec.steps[0].agent 13", "Tool team/search spec.steps[0].call.tool 14",
                "Tool team/fetch spec.steps[1].approve.tool 15", "ModelEndpoint team/gpt-4o spec.steps[3].model.model 17",
                "Tool team/fetch spec.expect.never_executed 20"), refs);
    }

    @Test
    void readsEveryPartOfAScenario() {
        Scenario s = SandboxFixtures.scenario(SEED, HEAD + """
                  agent: research-agent
                  tools:
                    web-search:
                      sequence:
                        - delay: 40s
                        - response: {hits: [a, b], total: 2}
                    fetch-page:
                      error:
                        message: upstream 503
                        retryable: true
                      delay: 2s
                  steps:
                    - call:
                        tool: web-search
                        args: {query: "return rates", limit: 5, exact: true}
                      expect: allow
                      reason: role_grant
                    - model: {model: gpt-4o, tokens: 1200}
                    - data: {resource: datasets/public/returns.csv, action: read}
                      expect: allow
                    - advance: 1m30s
                    - approve: {}
                    - deny:
                        tool: web-search
                  expect:
                    never_executed: [fetch-page]
                    max_tokens: 5000
                    outcome: succeeded
                """);
        assertEquals("s", s.name().value());
        assertEquals("default", s.namespace());
        assertEquals(Optional.of("research-agent"), s.agent().map(a -> a.value()));
        assertEquals(6, s.steps().size());
        Step.Call call = (Step.Call) s.steps().get(0).action();
        assertEquals("{\"query\":\"return rates\",\"limit\":5,\"exact\":true}", call.argsJson());
        assertEquals(Optional.of(Verdict.ALLOW), s.steps().get(0).expect().flatMap(Step.Expectation::verdict).map(v -> v.value()));
        assertEquals(Optional.of("role_grant"), s.steps().get(0).expect().flatMap(Step.Expectation::reason).map(v -> v.value()));
        assertEquals(new Step.ModelUse(((Step.ModelUse) s.steps().get(1).action()).model(), 1200), s.steps().get(1).action());
        assertEquals(90_000_000_000L, ((Step.Advance) s.steps().get(3).action()).nanos());
        assertEquals(List.of(StepKind.CALL, StepKind.MODEL, StepKind.DATA, StepKind.ADVANCE, StepKind.APPROVE, StepKind.DENY),
                s.steps().stream().map(st -> st.action().kind()).toList());
        ToolStub search = s.tools().get("web-search");
        assertEquals(2, search.outcomes().size());
        assertEquals(40_000_000_000L, search.outcome(1).delayNanos());
        assertEquals(Optional.of("{\"hits\":[\"a\",\"b\"],\"total\":2}"), search.outcome(2).response());
        assertEquals(search.outcome(2), search.outcome(7));
        assertEquals(Optional.of(new ToolStub.StubError("upstream 503", true)), s.tools().get("fetch-page").outcome(1).error());
        assertEquals(List.of("fetch-page"), s.expect().neverExecuted().stream().map(l -> l.value()).toList());
        assertEquals(Optional.of(5000L), s.expect().maxTokens().map(l -> l.value()));
        assertEquals(Optional.of(RunOutcome.SUCCEEDED), s.expect().outcome().map(l -> l.value()));
    }

    @Test
    void unknownFieldsAreErrorsWithTheirPositionAndTheNearestName() {
        assertEquals(List.of(
                "GH230 6:3 unknown field `spec.agnet` in `spec` | did you mean `agent`?",
                "GH231 6:3 spec.agent or spec.system is required | name the agent the scenario drives, or an AgentSystem and Task whose agents it drives",
                "GH230 9:9 unknown field `spec.steps[0].call.tol` in `spec.steps[0].call` | did you mean `tool`?",
                "GH231 9:9 `spec.steps[0].call.tool` is required | name the tool the model asks for",
                "GH230 10:7 unknown field `spec.steps[0].expct` in `spec.steps[0]` | did you mean `expect`?"),
                found(SEED, HEAD + """
                          agnet: research-agent
                          steps:
                            - call:
                                tol: web-search
                              expct: allow
                        """));
    }

    @Test
    void unknownAgentToolAndModelAreErrorsWithSuggestions() {
        assertEquals(List.of(
                "GH305 6:10 unknown agent `research-agnet` in namespace `default` | did you mean `research-agent`?",
                "GH302 8:20 unknown tool `web-serch` in namespace `default` | did you mean `web-search`?",
                "GH330 9:22 unknown model `gpt-4x` in namespace `default` | did you mean `gpt-4o`?"),
                found(SEED, HEAD + """
                          agent: research-agnet
                          steps:
                            - call: {tool: web-serch}
                            - model: {model: gpt-4x, tokens: 10}
                        """));
    }

    @Test
    void badDurationsTokensAndExpectationsAreErrors() {
        assertEquals(List.of(
                "GH206 8:16 `spec.steps[0].advance` is not a duration: `1d` | write a go duration such as `500ms`, `30s` or `1h30m`",
                "GH205 9:38 `spec.steps[1].model.tokens` must be a whole number of tokens, not `lots`",
                "GH233 11:15 `denied` is not a verdict: expected allow, deny or approval_required",
                "GH233 12:15 `not_declard` is not a reason code | did you mean `not_declared`?",
                "GH233 14:15 an `advance` step has no verdict to expect | move the expectation to the step it is about"),
                found(SEED, HEAD + """
                          agent: research-agent
                          steps:
                            - advance: 1d
                            - model: {model: gpt-4o, tokens: lots}
                            - call: {tool: web-search}
                              expect: denied
                              reason: not_declard
                            - advance: 1s
                              expect: allow
                        """));
    }

    @Test
    void anExecutionExpectationNamesAnOutcomeOnAStepThatRunsATool() {
        assertEquals(List.of(
                "GH233 9:18 `ran` is not an execution outcome: expected succeeded, failed, timed_out or none",
                "GH233 11:18 a `model` step runs no tool: it has no execution to expect"
                        + " | expect an execution on the `call` step, or on the `approve` step that lets the call run"),
                found(SEED, HEAD + """
                          agent: research-agent
                          steps:
                            - call: {tool: web-search}
                              execution: ran
                            - model: {model: gpt-4o, tokens: 5}
                              execution: none
                        """));
        Scenario s = SandboxFixtures.scenario(SEED, HEAD + """
                  agent: research-agent
                  steps:
                    - call: {tool: web-search}
                      execution: timed_out
                    - approve: {}
                      execution: failed
                """);
        assertEquals(List.of(Optional.of("timed_out"), Optional.of("failed")),
                s.steps().stream().map(st -> st.expect().flatMap(Step.Expectation::execution).map(x -> x.value())).toList());
        assertEquals(Optional.empty(), s.steps().get(0).expect().flatMap(Step.Expectation::verdict));
    }

    @Test
    void aStepDoesExactlyOneThing() {
        assertEquals(List.of(
                "GH232 9:7 step 1 must do exactly one thing, not `call` and `advance` | one of `call`, `model`, `data`, `advance`, `approve`, `deny` per step",
                "GH232 10:7 step 2 must do exactly one thing, not nothing | one of `call`, `model`, `data`, `advance`, `approve`, `deny` per step"),
                found(SEED, HEAD + """
                          agent: research-agent
                          steps:
                            - call: {tool: web-search}
                              advance: 1s
                            - expect: allow
                        """));
    }

    @Test
    void aStubIsOneForm() {
        assertEquals(List.of(
                "GH234 9:7 tool stub `web-search` mixes several forms | use one of: `response`/`error`/`delay`, `sequence`, `http`, `process`",
                "GH234 13:14 `spec.tools.fetch-page` has both a response and an error | an attempt either answers or fails: use a `sequence` for one of each"),
                found(SEED, HEAD + """
                          agent: research-agent
                          tools:
                            web-search:
                              response: ok
                              sequence: [{response: ok}]
                            fetch-page:
                              response: ok
                              error: boom
                          steps:
                            - call: {tool: web-search}
                        """));
    }

    @Test
    void systemScenariosCheckMembershipAndOrder() {
        assertEquals(List.of(
                "GH331 11:14 agent `faq-agent` is not in system `customer-ops-system` | a system scenario drives the agents of its system",
                "GH235 13:7 step 3 acts as `triage-agent`, which orloj runs before `billing-agent`: the steps run in execution order triage-agent → support-agent → billing-agent → account-agent | write each agent's steps in that order"),
                found(GOVERNED, HEAD + """
                          namespace: custops
                          task: ticket-48213
                          steps:
                            - agent: billing-agent
                              call: {tool: order-lookup}
                            - agent: faq-agent
                              call: {tool: kb-search}
                            - agent: triage-agent
                              call: {tool: kb-search}
                        """));
    }

    @Test
    void aSyntaxErrorIsReportedAndNothingRuns() {
        ScenarioReader.Reading r = SandboxFixtures.read(SEED, HEAD + "  agent: [research-agent\n");
        assertEquals(List.of(), r.scenarios());
        assertEquals(List.of(Code.GH101), r.diagnostics().stream().map(Diagnostic::code).toList());
    }

    @Test
    void theKindMustBeScenario() {
        assertEquals(List.of("GH236 2:7 `Senario` is not a gatehouse.dev/v1 kind | the only kind is `Scenario`"),
                found(SEED, HEAD.replace("kind: Scenario", "kind: Senario") + """
                          agent: research-agent
                          steps:
                            - advance: 1s
                        """));
    }
}

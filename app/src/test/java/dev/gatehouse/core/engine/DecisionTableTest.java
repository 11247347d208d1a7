package dev.gatehouse.core.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every row of SEMANTICS.md's tool-call table, both verdicts and reasons, and the exposure where Orloj is more
 * permissive (jCasbin's ModelUnitTest style: the whole table of one fixture).
 */
class DecisionTableTest {
    private static DecisionEngine engine;

    @BeforeAll
    static void compile() {
        engine = Fixtures.table().engine();
    }

    @ParameterizedTest(name = "{0} -> {1}: strict {2}/{3}, orloj {4}/{5}, exposure {6}")
    @CsvSource(textBlock = """
            # agent,      tool,        strict,            strict reason,      orloj,             orloj reason,       exposure
            ghost,        web-search,  deny,              unknown_agent,      deny,              task_invalid,
            research,     legacy,      deny,              not_declared,       deny,              not_declared,
            research,     WEB-SEARCH,  allow,             role_grant,         allow,             role_grant,
            dangling,     nosuch,      deny,              unknown_tool,       deny,              task_invalid,
            dangling,     kb,          deny,              no_grant,           deny,              task_invalid,
            blocked,      legacy,      deny,              blocked_by_policy,  deny,              blocked_by_policy,
            blocked,      web-search,  allow,             role_grant,         deny,              blocked_by_policy,
            ghostrole,    web-search,  deny,              missing_role,       deny,              task_invalid,
            crossns,      web-search,  deny,              missing_role,       allow,             role_grant,         F27
            seedy,        web-search,  deny,              explicit_deny,      allow,             no_roles_no_rules,  S1
            seedy,        kb,          allow,             seed_grant,         allow,             no_roles_no_rules,
            mailer-agent, email-send,  approval_required, approval_required,  approval_required, approval_required,
            research,     email-send,  deny,              missing_permission, deny,              missing_permission,
            preauth,      email-send,  approval_required, approval_required,  allow,             preauthorized,      F7
            preauth,      kb,          allow,             preauthorized,      allow,             preauthorized,
            dbuser,       db-admin,    deny,              missing_permission, allow,             rule_grant,         F8
            research,     kb,          deny,              missing_permission, deny,              missing_permission,
            rolefree,     web-search,  deny,              no_grant,           allow,             no_roles_no_rules,  F1
            rolefree,     kb,          deny,              no_grant,           allow,             no_roles_no_rules,  F1
            """)
    void toolCallTable(String agent, String tool, String strict, String strictReason, String orloj, String orlojReason, String exposure) {
        Answer a = engine.decideTool(agent, tool, Context.of("default"), TraceSink.NONE);
        assertEquals(List.of(strict, strictReason, orloj, orlojReason, Optional.ofNullable(exposure)),
                List.of(a.strict().verdict().wireName(), a.strict().reason().wireName(), a.orloj().verdict().wireName(),
                        a.orloj().reason().wireName(), a.exposure()));
    }

    @Test
    void orlojMessagesUseOrlojsFormat() {
        assertEquals("model requested unauthorized tool=legacy allowed=email-send,kb,web-search",
                engine.decideTool("research", "legacy", Context.of("default"), TraceSink.NONE).orloj().message());
        assertEquals("policy \"baseline\" blocks tool \"legacy\" for agent \"blocked\"",
                engine.decideTool("blocked", "web-search", Context.of("default"), TraceSink.NONE).orloj().message());
        assertEquals("policy permission denied for tool=kb required=tool:kb:invoke",
                engine.decideTool("research", "kb", Context.of("default"), TraceSink.NONE).orloj().message());
        assertEquals("approval required for tool=email-send",
                engine.decideTool("mailer-agent", "email-send", Context.of("default"), TraceSink.NONE).orloj().message());
        assertEquals("agent \"ghostrole\" references missing role \"nope\"",
                engine.decideTool("ghostrole", "web-search", Context.of("default"), TraceSink.NONE).orloj().message());
    }

    @Test
    void aDenialSaysWhatIsMissing() {
        Answer a = engine.decideTool("research", "kb", Context.of("default"), TraceSink.NONE);
        assertEquals(List.of(new Missing("permission", "tool:kb:invoke", "granted by no role of `research`: add it to one of `researcher`")), a.missing());
        Answer b = engine.decideTool("research", "legacy", Context.of("default"), TraceSink.NONE);
        assertEquals("declaration", b.missing().get(0).kind());
        Answer c = engine.decideTool("ghostrole", "web-search", Context.of("default"), TraceSink.NONE);
        assertEquals(List.of("role"), c.missing().stream().map(Missing::kind).toList());
        assertEquals(List.of(), engine.decideTool("research", "web-search", Context.of("default"), TraceSink.NONE).missing());
    }

    @Test
    void theTraceNamesTheLineThatDecided() {
        TraceSink.Recording trace = new TraceSink.Recording();
        Answer a = engine.decideTool("research", "kb", Context.of("default"), trace);
        TraceStep last = a.trace().stream().filter(t -> t.side().equals("strict")).reduce((x, y) -> y).orElseThrow();
        assertEquals("10 role grant", last.check());
        assertEquals("a-research.yaml:8", last.source().orElseThrow().fileLine());
        assertTrue(a.trace().stream().anyMatch(t -> t.side().equals("orloj")));
    }

    @Test
    void theMatrixEqualsSingleDecisionsCellByCell() {
        var m = dev.gatehouse.core.matrix.AccessMatrix.tools(engine, Context.of("default"));
        for (int r = 0; r < m.agents().size(); r++) {
            for (int c = 0; c < m.columns().size(); c++) {
                Answer single = engine.decideTool(m.agents().get(r), m.columns().get(c), Context.of("default"), new TraceSink.Recording());
                assertEquals(single.strict(), m.cell(r, c).strict());
                assertEquals(single.orloj(), m.cell(r, c).orloj());
                assertEquals(single.exposure(), m.cell(r, c).exposure());
            }
        }
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            research, gpt-4o,  allow, model_allowed,     allow, model_allowed
            research, GPT-4O,  allow, model_allowed,     allow, model_allowed
            research, m,       allow, model_allowed,     allow, model_allowed
            research, claude,  deny,  model_not_allowed, deny,  model_not_served
            ghost,    gpt-4o,  deny,  unknown_agent,     deny,  task_invalid
            blocked,  gpt-4o,  allow, model_allowed,     deny,  blocked_by_policy
            """)
    void modelUse(String agent, String model, String strict, String strictReason, String orloj, String orlojReason) {
        Answer a = engine.decideModel(agent, model, Context.of("default"), TraceSink.NONE);
        assertEquals(List.of(strict, strictReason, orloj, orlojReason), List.of(a.strict().verdict().wireName(), a.strict().reason().wireName(),
                a.orloj().verdict().wireName(), a.orloj().reason().wireName()));
    }
}

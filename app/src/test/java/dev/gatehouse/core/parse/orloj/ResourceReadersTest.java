package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.source.Span;
import org.junit.jupiter.api.Test;

import static dev.gatehouse.core.parse.orloj.TreeText.FILE;
import static dev.gatehouse.core.parse.orloj.TreeText.at;
import static dev.gatehouse.core.parse.orloj.TreeText.error;
import static dev.gatehouse.core.parse.orloj.TreeText.read;
import static dev.gatehouse.core.parse.orloj.TreeText.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** ParseToolManifest, ParseAgentSystemManifest, ParseTaskManifest and ParseModelEndpointManifest, YAML branches. */
class ResourceReadersTest {
    private static final String TOOL = "kind: Tool\nmetadata:\n  name: t\nspec:\n";
    private static final String SYSTEM = "kind: AgentSystem\nmetadata:\n  name: s\nspec:\n";
    private static final String TASK = "kind: Task\nmetadata:\n  name: t\nspec:\n";
    private static final String ENDPOINT = "kind: ModelEndpoint\nmetadata:\n  name: m\nspec:\n";

    // ------------------------------------------------------------------ Tool

    @Test
    void toolReadsEveryFieldItCanRead() {
        String yaml = TOOL + """
                  type: http
                  endpoint: https://x
                  description: never read
                  mcp_server_ref: never read
                  riskLevel: high
                  operationClasses:
                    - write
                  capabilities:
                    - web.read
                  runtime:
                    timeout: 5s
                    isolationMode: sandboxed
                    retry:
                      maxAttempts: 4
                      backoff: 1s
                      maxBackoff: 10s
                      jitter: full
                  auth:
                    profile: oauth2_client_credentials
                    secret_ref: s
                    header_name: X-Key
                    token_url: https://t
                    scopes:
                      - read
                """;
        assertEquals("{type:http,endpoint:\"https://x\",capabilities:[web.read],operation_classes:[write],"
                + "risk_level:high,runtime:{timeout:5s,isolation_mode:sandboxed,retry:{max_attempts:4,backoff:1s,"
                + "max_backoff:10s,jitter:full}},auth:{profile:oauth2_client_credentials,secretRef:s,headerName:X-Key,"
                + "tokenURL:\"https://t\",scopes:[read]}}", spec(yaml));
    }

    @Test
    void toolFlowClassesAndCapabilitiesAreDroppedF30() {
        assertEquals("{risk_level:low}",
                spec(TOOL + "  risk_level: low\n  operation_classes: [write, delete]\n  capabilities: [x]\n"));
    }

    @Test
    void toolRuntimeKeysUnderRetryAreDroppedUnlessDedented() {
        String deep = TOOL + "  runtime:\n    retry:\n      timeout: 9s\n      backoff: 1s\n";
        assertEquals("{runtime:{retry:{backoff:1s}}}", spec(deep));
        String dedented = TOOL + "  runtime:\n    retry:\n      backoff: 1s\n    timeout: 9s\n";
        assertEquals("{runtime:{timeout:9s,retry:{backoff:1s}}}", spec(dedented));
    }

    @Test
    void toolRetryErrorMessage() {
        assertEquals("invalid spec.runtime.retry.max_attempts value \"three\"",
                error(TOOL + "  runtime:\n    retry:\n      max_attempts: three\n"));
    }

    @Test
    void toolInputSchemaIsNotReadButItsTypeKeysOverwriteTheToolType() {
        // input_schema: is an unknown header, so the subsection stays "" and every nested "type:" is spec.type.
        String yaml = TOOL + "  type: http\n  input_schema:\n    type: object\n    properties:\n      q:\n"
                + "        type: string\n";
        assertEquals("{type:string}", spec(yaml));
    }

    @Test
    void toolTypeMcpLosesItsServerReference() {
        assertEquals("{type:mcp}", spec(TOOL + "  type: mcp\n  mcp_server_ref: srv\n  mcp_tool_name: x\n"));
    }

    // ------------------------------------------------------------------ AgentSystem

    @Test
    void systemEdgeItemForms() {
        String yaml = SYSTEM + """
                  agents:
                    - a
                    - "b"
                  graph:
                    a:
                      next: b
                      edges:
                        - b
                        - next: c
                        - to: 'd'
                        - other: x
                """;
        assertEquals("{agents:[a,b],graph:{a:{next:b,edges:[{to:b},{to:c},{to:d},{}]}}}", spec(yaml));
    }

    @Test
    void systemKeyLineUnderEdgesStartsARoute() {
        String yaml = SYSTEM + "  graph:\n    a:\n      edges:\n        to: b\n        next: c\n";
        assertEquals("{graph:{a:{edges:[{to:c}]}}}", spec(yaml));
    }

    @Test
    void systemHeaderAtTheWrongDepthBecomesAGraphNode() {
        String yaml = SYSTEM + """
                  graph:
                    a:
                      edges:
                        - to: b
                      labels:
                        lane: fast
                """;
        assertEquals("{graph:{a:{edges:[{to:b}]},labels:{}}}", spec(yaml));
    }

    @Test
    void systemJoinAndQuorumErrors() {
        String ok = SYSTEM + "  graph:\n    w:\n      join:\n        quorumCount: 2\n        quorumPercent: 50\n"
                + "        onFailure: deadletter\n        mode: quorum\n";
        assertEquals("{graph:{w:{join:{mode:quorum,quorum_count:2,quorum_percent:50,on_failure:deadletter}}}}", spec(ok));
        assertEquals("invalid spec.graph.w.join.quorum_count value \"x\"",
                error(SYSTEM + "  graph:\n    w:\n      join:\n        quorum_count: x\n"));
        assertEquals("invalid spec.graph.w.join.quorum_percent value \"5%\"",
                error(SYSTEM + "  graph:\n    w:\n      join:\n        quorum_percent: 5%\n"));
    }

    @Test
    void systemNodeNamesAreUnquotedAndAnEmptyNodeIsKept() {
        MapNode t = read(SYSTEM + "  graph:\n    \"a b\":\n").tree().orElseThrow();
        assertEquals("{graph:{a b:{}}}", TreeText.render(at(t, "spec")));
        MapNode graph = (MapNode) at(t, "spec.graph");
        assertEquals(new Span(FILE, 6, 5, 6, 10), graph.entry("a b").orElseThrow().key().span());
        assertEquals(new Span(FILE, 5, 3, 6, 10), graph.span());
    }

    @Test
    void systemWithoutGraphHasNoGraphField() {
        assertEquals("{agents:[a]}", spec(SYSTEM + "  agents:\n    - a\n  graph:\n"));
    }

    // ------------------------------------------------------------------ Task

    @Test
    void taskReadsEveryField() {
        String yaml = TASK + """
                  system: s
                  mode: run
                  priority: high
                  maxTurns: 3
                  input:
                    topic: ai
                    - item: x
                  retry:
                    max_attempts: 2
                    backoff: 1s
                  message_retry:
                    max_attempts: 4
                    backoff: 2s
                    maxBackoff: 30s
                    jitter: equal
                  requirements:
                    region: eu
                    gpu: TRUE
                    model: m
                """;
        assertEquals("{system:s,mode:run,input:{topic:ai,- item:x},priority:high,max_turns:3,retry:{max_attempts:2,"
                + "backoff:1s},message_retry:{max_attempts:4,backoff:2s,max_backoff:30s,jitter:equal},"
                + "requirements:{region:eu,gpu:true,model:m}}", spec(yaml));
    }

    @Test
    void taskBooleansAreTrueOnlyForTrueOrOne() {
        for (String v : new String[] {"true", "True", "1", "tRuE"}) {
            assertEquals("{requirements:{gpu:true}}", spec(TASK + "  requirements:\n    gpu: " + v + "\n"), v);
        }
        for (String v : new String[] {"yes", "on", "y", "0", "false", "\"true \""}) {
            assertEquals("{requirements:{gpu:false}}", spec(TASK + "  requirements:\n    gpu: " + v + "\n"), v);
        }
    }

    @Test
    void taskMessageRetryKeysAfterNonRetryableAreDropped() {
        String yaml = TASK + "  message_retry:\n    non_retryable:\n      - policy\n    max_attempts: 3\n    jitter: none\n";
        assertEquals("{message_retry:{non_retryable:[policy]}}", spec(yaml));
    }

    @Test
    void taskIntegerErrors() {
        assertEquals("invalid spec.max_turns value \"x\"", error(TASK + "  max_turns: x\n"));
        assertEquals("invalid spec.retry.max_attempts value \"\"", error(TASK + "  retry:\n    max_attempts: ''\n"));
        assertEquals("invalid spec.message_retry.max_attempts value \"1.5\"",
                error(TASK + "  message_retry:\n    max_attempts: 1.5\n"));
    }

    // ------------------------------------------------------------------ ModelEndpoint

    @Test
    void endpointReadsFieldsAndLowercasesOptionKeys() {
        String yaml = ENDPOINT + """
                  provider: openai
                  baseURL: https://api
                  defaultModel: gpt
                  options:
                    API_Variant: Responses
                   shallow: dropped
                  auth:
                    secret_ref: key
                    headerName: ignored
                """;
        assertEquals("{provider:openai,base_url:\"https://api\",default_model:gpt,options:{api_variant:Responses},"
                + "auth:{secretRef:key}}", spec(yaml));
    }
}

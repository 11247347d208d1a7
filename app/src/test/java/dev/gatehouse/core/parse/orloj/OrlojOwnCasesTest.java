package dev.gatehouse.core.parse.orloj;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.gatehouse.core.parse.orloj.TreeText.error;
import static dev.gatehouse.core.parse.orloj.TreeText.read;
import static dev.gatehouse.core.parse.orloj.TreeText.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every YAML case from Orloj's {@code resources/*_test.go} for the emulated kinds, with the input unchanged. Orloj
 * asserts after Normalize; these assert the reader's output before it, so duplicates are still present (Normalize
 * removes them) and defaults are absent.
 */
class OrlojOwnCasesTest {

    /** agent_execution_contract_test.go#TestParseAgentManifestExecutionContractYAML. */
    @Test
    void executionContractYaml() {
        String yaml = """
                apiVersion: orloj.dev/v1
                kind: Agent
                metadata:
                  name: contract-agent
                spec:
                  model_ref: openai-default
                  prompt: execute in contract mode
                  execution:
                    profile: contract
                    tool_sequence:
                      - tool.alpha
                      - tool.beta
                      - tool.alpha
                    required_output_markers:
                      - CONTRACT_OK
                      - CONTRACT_OK
                      - FINALIZED
                    duplicate_tool_call_policy: deny
                    on_contract_violation: non_retryable_error
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:Agent,metadata:{name:contract-agent},spec:{model_ref:openai-default,"
                + "prompt:execute in contract mode,execution:{profile:contract,tool_sequence:[tool.alpha,tool.beta,"
                + "tool.alpha],required_output_markers:[CONTRACT_OK,CONTRACT_OK,FINALIZED],duplicate_tool_call_policy:deny,"
                + "on_contract_violation:non_retryable_error}}}", tree(yaml));
    }

    /** agent_model_ref_test.go#TestParseAgentManifestWithModelRefYAML. */
    @Test
    void modelRefYaml() {
        String yaml = """
                apiVersion: orloj.dev/v1
                kind: Agent
                metadata:
                  name: researcher
                spec:
                  model_ref: openai-team-a
                  prompt: test
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:Agent,metadata:{name:researcher},spec:{model_ref:openai-team-a,"
                + "prompt:test}}", tree(yaml));
    }

    /** agent_model_ref_test.go#TestParseAgentManifestWithMemoryAllowYAML (Normalize later maps memory.write to write). */
    @Test
    void memoryAllowYaml() {
        String yaml = """
                apiVersion: orloj.dev/v1
                kind: Agent
                metadata:
                  name: memory-agent
                spec:
                  model_ref: anthropic-prod
                  prompt: test
                  memory:
                    ref: shared-store
                    allow:
                      - read
                      - memory.write
                      - search
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:Agent,metadata:{name:memory-agent},spec:{model_ref:anthropic-prod,"
                + "prompt:test,memory:{ref:shared-store,allow:[read,memory.write,search]}}}", tree(yaml));
    }

    /** agent_model_ref_test.go#TestParseAgentManifestRejectsLegacyModelYAML. */
    @Test
    void legacyModelYamlIsRejected() {
        String yaml = """
                apiVersion: orloj.dev/v1
                kind: Agent
                metadata:
                  name: researcher
                spec:
                  model: gpt-4o
                  prompt: test
                """;
        assertEquals("spec.model has been removed; use spec.model_ref", error(yaml));
    }

    /**
     * agent_model_ref_test.go#TestParseAgentManifestRejectsLegacyModelJSON: JSON goes down Orloj's JSON path,
     * which this reader does not emulate.
     */
    @Test
    void legacyModelJsonIsNotForTheYamlPath() {
        String json = """
                {
                  "apiVersion": "orloj.dev/v1",
                  "kind": "Agent",
                  "metadata": { "name": "researcher" },
                  "spec": {
                    "model": "gpt-4o",
                    "prompt": "test"
                  }
                }""";
        OrlojReading r = read(json);
        assertFalse(r.emulated());
        assertEquals(Optional.empty(), r.error());
    }

    /** governance_manifest_test.go#TestParseAgentManifestRolesYAML (Normalize later dedupes the roles). */
    @Test
    void agentRolesYaml() {
        String yaml = """
                apiVersion: orloj.dev/v1
                kind: Agent
                metadata:
                  name: researcher
                spec:
                  model_ref: openai-default
                  prompt: test
                  roles:
                    - analyst
                    - analyst
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:Agent,metadata:{name:researcher},spec:{model_ref:openai-default,"
                + "prompt:test,roles:[analyst,analyst]}}", tree(yaml));
    }

    /** governance_manifest_test.go#TestParseAgentRoleManifestYAML. */
    @Test
    void agentRoleYaml() {
        String yaml = """
                apiVersion: orloj.dev/v1
                kind: AgentRole
                metadata:
                  name: analyst
                spec:
                  permissions:
                    - tool:web_search:invoke
                    - capability:web.read
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:AgentRole,metadata:{name:analyst},spec:{permissions:"
                + "[\"tool:web_search:invoke\",\"capability:web.read\"]}}", tree(yaml));
    }

    /** governance_manifest_test.go#TestParseToolPermissionManifestYAML. */
    @Test
    void toolPermissionYaml() {
        String yaml = """
                apiVersion: orloj.dev/v1
                kind: ToolPermission
                metadata:
                  name: web-search
                spec:
                  tool_ref: web_search
                  action: invoke
                  match_mode: all
                  required_permissions:
                    - tool:web_search:invoke
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:ToolPermission,metadata:{name:web-search},spec:{tool_ref:web_search,"
                + "action:invoke,required_permissions:[\"tool:web_search:invoke\"],match_mode:all}}", tree(yaml));
    }

    /** graph_test.go#TestParseAgentSystemManifestRichGraphYAML. */
    @Test
    void agentSystemRichGraphYaml() {
        String yaml = """

                apiVersion: orloj.dev/v1
                kind: AgentSystem
                metadata:
                  name: report-system
                spec:
                  agents:
                    - planner
                    - reviewer
                    - writer
                  graph:
                    planner:
                      edges:
                        - to: reviewer
                          labels:
                            lane: fast
                          policy:
                            retry_class: burst
                        - to: writer
                    writer:
                      join:
                        mode: quorum
                        quorum_count: 1
                        quorum_percent: 50
                        on_failure: deadletter
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:AgentSystem,metadata:{name:report-system},spec:{agents:[planner,"
                + "reviewer,writer],graph:{planner:{edges:[{to:reviewer,labels:{lane:fast},policy:{retry_class:burst}},"
                + "{to:writer}]},writer:{join:{mode:quorum,quorum_count:1,quorum_percent:50,on_failure:deadletter}}}}}",
                tree(yaml));
    }

    /** manifest_parser_meta_test.go#TestParseAgentManifestMetadataVersionFields. */
    @Test
    void metadataVersionFields() {
        String yaml = """

                apiVersion: orloj.dev/v1
                kind: Agent
                metadata:
                  name: research
                  namespace: team-a
                  labels:
                    orloj.dev/usecase: research
                  resourceVersion: "7"
                  generation: 3
                spec:
                  model_ref: openai-default
                  prompt: hello
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:Agent,metadata:{name:research,namespace:team-a,labels:"
                + "{orloj.dev/usecase:research},resourceVersion:7,generation:3},spec:{model_ref:openai-default,"
                + "prompt:hello}}", tree(yaml));
    }

    /** parse_manifest_test.go#TestParseManifest_UnsupportedKind. */
    @Test
    void unsupportedKind() {
        String yaml = """
                apiVersion: orloj.dev/v1
                kind: NotAnOrlojKind
                metadata:
                  name: x
                spec: {}
                """;
        assertEquals("unsupported kind \"notanorlojkind\"", error(yaml));
    }

    /**
     * parse_manifest_test.go#TestParseManifest_NormalizesKindCasing. Orloj passes "AgEnT" to ParseManifest by
     * hand; here the file says it, which DetectKind returns and the dispatch lowercases.
     */
    @Test
    void kindCasingIsNormalisedForDispatch() {
        String yaml = """
                apiVersion: orloj.dev/v1
                kind: AgEnT
                metadata:
                  name: casing-test
                spec:
                  model_ref: mep
                  prompt: hi
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:AgEnT,metadata:{name:casing-test},spec:{model_ref:mep,prompt:hi}}",
                tree(yaml));
        assertEquals(Optional.of("AgEnT"), read(yaml).detectedKind());
    }

    /** task_message_retry_test.go#TestParseTaskManifestMessageRetryYAML. */
    @Test
    void taskMessageRetryYaml() {
        String yaml = """

                apiVersion: orloj.dev/v1
                kind: Task
                metadata:
                  name: retry-task
                spec:
                  system: report-system
                  retry:
                    max_attempts: 7
                    backoff: 5s
                  message_retry:
                    max_attempts: 3
                    backoff: 120ms
                    max_backoff: 2s
                    jitter: equal
                    non_retryable:
                      - policy
                      - agentsystem
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:Task,metadata:{name:retry-task},spec:{system:report-system,retry:"
                + "{max_attempts:7,backoff:5s},message_retry:{max_attempts:3,backoff:120ms,max_backoff:2s,jitter:equal,"
                + "non_retryable:[policy,agentsystem]}}}", tree(yaml));
    }

    /** task_message_retry_test.go#TestParseTaskManifestMaxTurnsYAML. */
    @Test
    void taskMaxTurnsYaml() {
        String yaml = """

                apiVersion: orloj.dev/v1
                kind: Task
                metadata:
                  name: cycle-task
                spec:
                  system: cycle-system
                  max_turns: 6
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:Task,metadata:{name:cycle-task},spec:{system:cycle-system,"
                + "max_turns:6}}", tree(yaml));
    }

    /** model_endpoint_test.go#TestParseModelEndpointManifestYAML. */
    @Test
    void modelEndpointYaml() {
        String yaml = """
                apiVersion: orloj.dev/v1
                kind: ModelEndpoint
                metadata:
                  name: openai-team-a
                  namespace: team-a
                spec:
                  provider: openai
                  base_url: https://api.openai.com/v1
                  default_model: gpt-4o-mini
                  options:
                    api_variant: responses
                  auth:
                    secretRef: openai-api-key
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:ModelEndpoint,metadata:{name:openai-team-a,namespace:team-a},"
                + "spec:{provider:openai,base_url:\"https://api.openai.com/v1\",default_model:gpt-4o-mini,options:"
                + "{api_variant:responses},auth:{secretRef:openai-api-key}}}", tree(yaml));
    }

    /** tool_runtime_policy_test.go#TestParseToolManifestRuntimePolicyYAML. */
    @Test
    void toolRuntimePolicyYaml() {
        String yaml = """

                apiVersion: orloj.dev/v1
                kind: Tool
                metadata:
                  name: web-search
                spec:
                  type: http
                  endpoint: https://api.search.example
                  capabilities:
                    - web.read
                    - docs.search
                  risk_level: medium
                  runtime:
                    timeout: 2s
                    isolation_mode: none
                    retry:
                      max_attempts: 3
                      backoff: 100ms
                      max_backoff: 2s
                      jitter: equal
                  auth:
                    secretRef: search-key
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:Tool,metadata:{name:web-search},spec:{type:http,endpoint:"
                + "\"https://api.search.example\",capabilities:[web.read,docs.search],risk_level:medium,runtime:{timeout:2s,"
                + "isolation_mode:none,retry:{max_attempts:3,backoff:100ms,max_backoff:2s,jitter:equal}},auth:"
                + "{secretRef:search-key}}}", tree(yaml));
    }

    /**
     * secret_test.go#TestParseSecretManifestStringDataEncodesData, task_schedule_test.go#TestParseTaskScheduleManifestYAML
     * and #TestParseTaskWebhookManifestYAML are YAML cases of kinds this reader recognises but does not emulate.
     */
    @Test
    void secretScheduleAndWebhookAreNotEmulated() {
        for (String kind : new String[] {"Secret", "TaskSchedule", "TaskWebhook"}) {
            OrlojReading r = read("apiVersion: orloj.dev/v1\nkind: " + kind + "\nmetadata:\n  name: x\n");
            assertEquals(new OrlojReading(Optional.of(kind), Optional.empty(), Optional.empty(), false), r);
        }
    }
}

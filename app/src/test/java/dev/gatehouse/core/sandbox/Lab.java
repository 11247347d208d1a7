package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.model.Workspace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small workspace for runtime tests: {@code worker} (role operator; search, flaky, deploy; max_steps 3),
 * {@code seeded} (seed policies and rate limits), {@code helper} after worker in system {@code pipeline}, a global
 * token budget of 1000, an approval on {@code deploy} with a 5m ttl, and a policy blocking {@code purge} there.
 */
final class Lab {
    private Lab() {
    }

    static Workspace workspace() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("llm.yaml", manifest("ModelEndpoint", "llm", """
                  provider: openai
                  default_model: gpt-4o
                """));
        f.put("worker.yaml", manifest("Agent", "worker", """
                  model_ref: llm
                  roles:
                    - operator
                  tools:
                    - search
                    - flaky
                    - deploy
                    - sealed
                    - crm
                  limits:
                    max_steps: 3
                """));
        f.put("helper.yaml", manifest("Agent", "helper", """
                  model_ref: llm
                  roles:
                    - operator
                  tools:
                    - search
                    - purge
                """));
        f.put("seeded.yaml", manifest("Agent", "seeded", """
                  model_ref: llm
                  rateLimit:
                    maxTokensPerDay: 1000
                    maxCallsPerMinute: 2
                  policies:
                    - effect: allow
                      resource: search
                      action: invoke
                  tools:
                    - search
                """));
        f.put("operator.yaml", manifest("AgentRole", "operator", """
                  permissions:
                    - tool:search:invoke
                    - tool:flaky:invoke
                    - tool:deploy:invoke
                    - tool:purge:invoke
                    - tool:sealed:invoke
                    - tool:crm:invoke
                """));
        f.put("search.yaml", tool("search", "low", "read", ""));
        f.put("purge.yaml", tool("purge", "low", "read", ""));
        f.put("flaky.yaml", tool("flaky", "low", "read", """
                    retry:
                      max_attempts: 3
                      backoff: 1s
                      max_backoff: 5s
                """));
        f.put("deploy.yaml", tool("deploy", "medium", "write", ""));
        f.put("sealed.yaml", manifest("Tool", "sealed", """
                  type: http
                  endpoint: https://sealed.example.com/run
                  risk_level: high
                  operation_classes:
                    - read
                  runtime:
                    timeout: 2s
                """));
        f.put("crm.yaml", manifest("Tool", "crm", """
                  type: http
                  endpoint: https://crm.example.com/api/contacts/update?x=1
                  operation_classes:
                    - read
                  runtime:
                    timeout: 5s
                    retry:
                      max_attempts: 3
                  auth:
                    profile: bearer
                    secretRef: crm-token
                """));
        f.put("deploy-permission.yaml", manifest("ToolPermission", "deploy", """
                  tool_ref: deploy
                  required_permissions:
                    - tool:deploy:invoke
                  operation_rules:
                    - operation_class: write
                      verdict: approval_required
                """));
        f.put("deploy-approval.yaml", manifest("ToolApproval", "deploy-approval", """
                  task_ref: default/job
                  tool: deploy
                  ttl: 5m
                """));
        f.put("budget.yaml", manifest("AgentPolicy", "budget", """
                  apply_mode: global
                  max_tokens_per_run: 1000
                """));
        f.put("no-purge.yaml", manifest("AgentPolicy", "no-purge", """
                  apply_mode: scoped
                  target_systems:
                    - pipeline
                  blocked_tools:
                    - purge
                """));
        f.put("pipeline.yaml", manifest("AgentSystem", "pipeline", """
                  agents:
                    - helper
                    - worker
                  graph:
                    worker:
                      edges:
                        - to: helper
                """));
        f.put("job.yaml", manifest("Task", "job", """
                  system: pipeline
                """));
        return SandboxFixtures.of(f);
    }

    private static String manifest(String kind, String name, String spec) {
        return "apiVersion: orloj.dev/v1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\nspec:\n" + spec;
    }

    private static String tool(String name, String risk, String operationClass, String retry) {
        return manifest("Tool", name, """
                  type: http
                  endpoint: https://example.com/%s
                  risk_level: %s
                  operation_classes:
                    - %s
                  runtime:
                    timeout: 10s
                    isolation_mode: none
                %s""".formatted(name, risk, operationClass, retry));
    }

    static String scenario(String spec) {
        return "apiVersion: gatehouse.dev/v1\nkind: Scenario\nmetadata:\n  name: lab\nspec:\n" + spec;
    }
}

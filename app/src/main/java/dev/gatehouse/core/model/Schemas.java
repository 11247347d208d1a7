package dev.gatehouse.core.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.core.model.Field.any;
import static dev.gatehouse.core.model.Field.bool;
import static dev.gatehouse.core.model.Field.duration;
import static dev.gatehouse.core.model.Field.enumList;
import static dev.gatehouse.core.model.Field.enumOf;
import static dev.gatehouse.core.model.Field.integer;
import static dev.gatehouse.core.model.Field.list;
import static dev.gatehouse.core.model.Field.map;
import static dev.gatehouse.core.model.Field.object;
import static dev.gatehouse.core.model.Field.objectList;
import static dev.gatehouse.core.model.Field.objectMap;
import static dev.gatehouse.core.model.Field.str;

/**
 * The field schema of every kind, from Orloj's Go structs (JSON tags) and YAML readers (accepted aliases),
 * ORLOJ.md §1.5 and §2. The root of each schema is the whole manifest: apiVersion, kind, metadata, spec, status.
 */
public final class Schemas {
    public static final List<String> RISK_LEVELS = List.of("low", "medium", "high", "critical");
    public static final List<String> OPERATION_CLASSES = List.of("read", "write", "delete", "admin");
    public static final List<String> RULE_CLASSES = List.of("read", "write", "delete", "admin", "*");
    public static final List<String> VERDICTS = List.of("allow", "deny", "approval_required");
    public static final List<String> TOOL_TYPES = List.of("http", "external", "grpc", "queue", "webhook-callback", "mcp", "wasm");
    public static final List<String> ISOLATION_MODES = List.of("none", "sandboxed", "container", "wasm");
    public static final List<String> JITTER = List.of("none", "full", "equal");
    public static final List<String> AUTH_PROFILES = List.of("bearer", "api_key_header", "basic", "oauth2_client_credentials");
    public static final List<String> MEMORY_OPERATIONS = List.of("read", "write", "search", "list", "ingest");

    private static final Map<Kind, Field> ROOTS = new EnumMap<>(Kind.class);

    static {
        ROOTS.put(Kind.AGENT, root(object("spec", "what the agent is and may use",
                str("model_ref", "ModelEndpoint the agent uses, `name` or `namespace/name`", "modelRef"),
                str("model", "removed from Orloj; use model_ref (Gatehouse reads it as a seed form)").flagged(Field.Flag.REMOVED),
                str("prompt", "system prompt"),
                list("tools", "Tool names the model may call"),
                list("allowed_tools", "pre-authorised tools that bypass roles and ToolPermissions (JSON only in Orloj)").flagged(Field.Flag.JSON_ONLY),
                list("roles", "AgentRole names, `name` or `namespace/name`"),
                object("memory", "memory binding",
                        str("ref", "Memory name"), str("type", "informational"), str("provider", "informational"),
                        list("allow", "memory operations: read, write, search, list, ingest")),
                object("execution", "execution contract",
                        enumOf("profile", List.of("dynamic", "contract"), "dynamic (default) or contract"),
                        list("tool_sequence", "tools the contract profile requires"),
                        list("required_output_markers", "markers the output must contain"),
                        enumOf("duplicate_tool_call_policy", List.of("short_circuit", "deny"), "what a repeated tool call does", "duplicateToolCallPolicy"),
                        enumOf("on_contract_violation", List.of("non_retryable_error", "observe"), "what a contract violation does", "onContractViolation"),
                        enumOf("tool_use_behavior", List.of("run_llm_again", "stop_on_first_tool"), "after a tool call", "toolUseBehavior")),
                object("limits", "per-activation limits",
                        integer("max_steps", "model turns per activation; <= 0 means 10"),
                        duration("timeout", "wall clock per activation (Go duration)")),
                list("models", "seed form: model ids the agent may use").flagged(Field.Flag.SEED),
                objectList("policies", "seed form: inline allow/deny rules",
                        enumOf("effect", List.of("allow", "deny"), "allow or deny"),
                        str("resource", "tool name, data path or glob"),
                        str("action", "invoke, read, write ... or *")).flagged(Field.Flag.SEED),
                object("rateLimit", "seed form: rate limits",
                        integer("maxTokensPerDay", "tokens per day"),
                        integer("maxCallsPerMinute", "calls per minute")).flagged(Field.Flag.SEED),
                objectList("dataAccess", "seed form: data resources the agent may access",
                        str("resource", "path or glob (`*` one segment, `**` any)"),
                        str("action", "read, write ... or *"),
                        str("rateLimitedBy", "informational")).flagged(Field.Flag.SEED))));

        ROOTS.put(Kind.AGENT_SYSTEM, root(object("spec", "agents and their graph",
                list("agents", "Agent names"),
                objectMap("graph", "node name → edges",
                        str("next", "legacy single edge"),
                        objectList("edges", "outgoing edges",
                                str("to", "target agent"), map("labels", "free-form"), map("policy", "free-form")),
                        object("join", "join settings",
                                enumOf("mode", List.of("wait_for_all", "quorum"), "wait_for_all (default) or quorum"),
                                integer("quorum_count", ">= 0", "quorumCount"),
                                integer("quorum_percent", "0..100", "quorumPercent"),
                                enumOf("on_failure", List.of("deadletter", "skip", "continue_partial"), "deadletter (default), skip or continue_partial", "onFailure"))))));

        ROOTS.put(Kind.MODEL_ENDPOINT, root(object("spec", "a model provider endpoint",
                str("provider", "openai (default), anthropic, azure-openai, ollama, openai-compatible, mock or custom"),
                str("base_url", "endpoint URL", "baseURL"),
                str("default_model", "the model id agents using this endpoint get", "defaultModel"),
                map("options", "provider options"),
                object("auth", "credentials", str("secretRef", "Secret `[ns/]name[:key]`", "secret_ref")))));

        ROOTS.put(Kind.TOOL, root(object("spec", "a tool agents may call",
                enumOf("type", TOOL_TYPES, "http (default), external, grpc, queue, webhook-callback, mcp or wasm"),
                str("endpoint", "URL the tool is called at"),
                str("description", "sent to the model (JSON only in Orloj)").flagged(Field.Flag.JSON_ONLY),
                any("input_schema", "JSON schema of the input (JSON only in Orloj)").flagged(Field.Flag.JSON_ONLY),
                str("mcp_server_ref", "McpServer of an mcp tool (JSON only in Orloj)").flagged(Field.Flag.JSON_ONLY),
                str("mcp_tool_name", "tool name on the MCP server (JSON only in Orloj)").flagged(Field.Flag.JSON_ONLY),
                list("capabilities", "each requires `capability:<c>` by default"),
                enumList("operation_classes", OPERATION_CLASSES, "read, write, delete, admin; default by risk", "operationClasses"),
                enumOf("risk_level", RISK_LEVELS, "low (default), medium, high or critical", "riskLevel"),
                object("runtime", "execution policy",
                        duration("timeout", "per attempt; default 30s; <= 0 means none"),
                        enumOf("isolation_mode", ISOLATION_MODES, "default sandboxed for high/critical, none otherwise", "isolationMode"),
                        object("retry", "retries of retryable errors",
                                integer("max_attempts", "<= 0 means 1", "maxAttempts"),
                                duration("backoff", "default 0s"),
                                duration("max_backoff", "default 30s", "maxBackoff"),
                                enumOf("jitter", JITTER, "none (default), full or equal"))),
                object("auth", "credentials",
                        enumOf("profile", AUTH_PROFILES, "bearer, api_key_header, basic, oauth2_client_credentials"),
                        str("secretRef", "Secret `[ns/]name[:key]`", "secret_ref"),
                        str("headerName", "header for api_key_header", "header_name"),
                        str("tokenURL", "token URL for oauth2_client_credentials", "token_url"),
                        list("scopes", "oauth2 scopes")))));

        ROOTS.put(Kind.SECRET, root(object("spec", "secret values",
                map("data", "base64 values"), map("stringData", "plaintext values, encoded into data"))));

        ROOTS.put(Kind.MEMORY, root(object("spec", "a memory store",
                str("type", "informational"), str("provider", "in-memory, pgvector, http ..."),
                str("embedding_model", "ModelEndpoint for embeddings", "embeddingModel"),
                str("endpoint", "store URL (JSON only in Orloj)").flagged(Field.Flag.JSON_ONLY),
                object("auth", "credentials", str("secretRef", "Secret (JSON only in Orloj)").flagged(Field.Flag.JSON_ONLY)))));

        ROOTS.put(Kind.AGENT_POLICY, root(object("spec", "restrictions on agents in matched tasks",
                integer("max_tokens_per_run", "token budget per task run; <= 0 means none"),
                list("allowed_models", "model ids (default_model values); empty means any"),
                list("blocked_tools", "tools agents may not declare"),
                enumOf("apply_mode", List.of("scoped", "global"), "scoped (default) or global"),
                list("target_systems", "AgentSystem names a scoped policy applies to"),
                list("target_tasks", "Task names a scoped policy applies to"))));

        ROOTS.put(Kind.AGENT_ROLE, root(object("spec", "a named set of permissions",
                str("description", "free text"),
                list("permissions", "permission strings, e.g. `tool:web_search:invoke`, `capability:web.read`"))));

        ROOTS.put(Kind.TOOL_PERMISSION, root(object("spec", "a rule governing calls of one tool",
                str("tool_ref", "tool governed; default metadata.name", "toolRef"),
                str("action", "default invoke; only changes the default permission"),
                list("required_permissions", "permissions an agent's roles must grant", "requiredPermissions"),
                enumOf("match_mode", List.of("all", "any"), "all (default) or any", "matchMode"),
                enumOf("apply_mode", List.of("global", "scoped"), "global (default) or scoped", "applyMode"),
                list("target_agents", "agents a scoped rule applies to", "targetAgents"),
                objectList("operation_rules", "verdicts per operation class",
                        enumOf("operation_class", RULE_CLASSES, "read, write, delete, admin or *", "operationClass"),
                        enumOf("verdict", VERDICTS, "allow (default), deny or approval_required")).aliases("operationRules"))));

        ROOTS.put(Kind.TOOL_APPROVAL, root(object("spec", "an approval of one tool call",
                str("task_ref", "`namespace/task`", "taskRef"), str("tool", "tool name"),
                str("operation_class", "always write in Orloj", "operationClass"),
                str("agent", "agent name"), str("input", "call input"), str("reason", "why"),
                duration("ttl", "default 10m"))));

        ROOTS.put(Kind.TASK, root(object("spec", "a run of an agent system",
                str("system", "AgentSystem name"),
                enumOf("mode", List.of("run", "template"), "run (default) or template"),
                map("input", "input values; topic is the kickoff text"),
                str("priority", "free text; default normal"),
                integer("max_turns", ">= 0; needed for cyclic graphs", "maxTurns"),
                object("retry", "whole-task retries", integer("max_attempts", "<= 0 means 1"), duration("backoff", "default 0s")),
                object("message_retry", "per-message retries",
                        integer("max_attempts", "<= 0 takes retry.max_attempts"), duration("backoff", "default retry.backoff"),
                        duration("max_backoff", "default 24h", "maxBackoff"), enumOf("jitter", JITTER, "full (default), none or equal"),
                        list("non_retryable", "error substrings never retried")),
                object("requirements", "worker matching (not a governance control)",
                        str("region", "worker region"), bool("gpu", "needs a gpu"), str("model", "compared with worker supported_models")))));

        ROOTS.put(Kind.TASK_SCHEDULE, root(object("spec", "a cron schedule of a template task",
                str("task_ref", "template Task, `name` or `ns/name`", "taskRef"),
                str("schedule", "5-field cron"),
                str("time_zone", "IANA zone; default UTC", "timeZone"),
                bool("suspend", "pause the schedule"),
                integer("starting_deadline_seconds", "<= 0 means 300", "startingDeadlineSeconds"),
                enumOf("concurrency_policy", List.of("forbid"), "forbid (the only value)", "concurrencyPolicy"),
                integer("successful_history_limit", "<= 0 means 10", "successfulHistoryLimit"),
                integer("failed_history_limit", "<= 0 means 3", "failedHistoryLimit"))));

        ROOTS.put(Kind.TASK_WEBHOOK, root(object("spec", "a webhook that starts a template task",
                str("task_ref", "template Task", "taskRef"),
                bool("suspend", "pause the webhook"),
                object("auth", "signature checking",
                        enumOf("profile", List.of("generic", "github"), "generic (default) or github"),
                        str("secret_ref", "Secret holding the signing key", "secretRef"),
                        str("signature_header", "", "signatureHeader"), str("signature_prefix", "", "signaturePrefix"),
                        str("timestamp_header", "", "timestampHeader"), integer("max_skew_seconds", ">= 0", "maxSkewSeconds")),
                object("idempotency", "replay protection",
                        str("event_id_header", "", "eventIdHeader"), integer("dedupe_window_seconds", ">= 0", "dedupeWindowSeconds")),
                object("payload", "how the body reaches the task",
                        enumOf("mode", List.of("raw"), "raw (the only value)"), str("input_key", "default webhook_payload", "inputKey")))));

        ROOTS.put(Kind.WORKER, root(object("spec", "a worker process",
                str("region", "region"),
                object("capabilities", "what it can run", bool("gpu", "has a gpu"), list("supported_models", "model ids")),
                integer("max_concurrent_tasks", "<= 0 means 1"))));

        ROOTS.put(Kind.MCP_SERVER, root(object("spec", "an MCP server whose tools are imported",
                enumOf("transport", List.of("stdio", "http"), "stdio or http"),
                str("command", "command for stdio"), list("args", "arguments"),
                objectList("env", "environment", str("name", "variable"), str("value", "value"), str("secretRef", "Secret", "secret_ref")),
                str("endpoint", "URL for http"),
                object("auth", "credentials",
                        enumOf("profile", AUTH_PROFILES, "auth profile"), str("secretRef", "Secret", "secret_ref"),
                        str("headerName", "JSON only in Orloj").flagged(Field.Flag.JSON_ONLY),
                        str("tokenURL", "JSON only in Orloj").flagged(Field.Flag.JSON_ONLY),
                        list("scopes", "JSON only in Orloj").flagged(Field.Flag.JSON_ONLY)),
                object("tool_filter", "which tools to import", list("include", "tool names; empty imports all")).aliases("toolFilter"),
                object("reconnect", "reconnect policy", integer("max_attempts", "<= 0 means 3", "maxAttempts"), str("backoff", "default 2s")))));
    }

    private Schemas() {
    }

    private static Field root(Field spec) {
        return object("", "manifest",
                str("apiVersion", "orloj.dev/v1"),
                str("kind", "the resource kind"),
                object("metadata", "name, namespace and labels",
                        str("name", "resource name (required)"),
                        str("namespace", "default when empty"),
                        map("labels", "labels"),
                        map("annotations", "annotations (JSON only in Orloj)").flagged(Field.Flag.JSON_ONLY),
                        str("resourceVersion", "optimistic concurrency", "resource_version"),
                        integer("generation", "set by the server"),
                        str("createdAt", "set by the server", "created_at")),
                spec,
                any("status", "written by controllers"));
    }

    /** The schema of a whole manifest of this kind. */
    public static Field of(Kind kind) {
        return ROOTS.get(kind);
    }
}

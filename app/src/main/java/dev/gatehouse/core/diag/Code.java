package dev.gatehouse.core.diag;

import java.util.Optional;

/**
 * Every diagnostic code Gatehouse emits. The names are stable wire names: reports, SARIF rule ids and user
 * scripts match on them. {@code docs/diagnostics.md} is generated from this enum ({@code gatehouse codes}).
 * Classes: GH1xx the file or document cannot be read; GH2xx fields and values; GH3xx references;
 * GH4xx exposures (Orloj would let through what the manifest does not grant); GH5xx Orloj reads it differently.
 */
public enum Code {
    // GH1xx: cannot read
    GH101(Severity.ERROR, "yaml syntax error", "The YAML parser cannot read the document."),
    GH102(Severity.ERROR, "json syntax error", "A .json file is not valid JSON."),
    GH103(Severity.ERROR, "invalid utf-8", "The file is not valid UTF-8 text."),
    GH104(Severity.ERROR, "binary content", "The file holds NUL bytes or control characters: it is not a text manifest."),
    GH105(Severity.ERROR, "file too large", "The file exceeds the size limit (10 MiB by default)."),
    GH106(Severity.ERROR, "nesting too deep", "The document nests collections deeper than the limit (64 by default)."),
    GH107(Severity.ERROR, "too many documents", "The file holds more YAML documents than the limit (1,000 by default)."),
    GH108(Severity.ERROR, "alias limit exceeded", "The document uses more aliases than the limit (an alias bomb, \"billion laughs\")."),
    GH109(Severity.ERROR, "not an object", "A manifest must be a mapping (object); this document is a list, a scalar or empty."),
    GH110(Severity.ERROR, "kind is required", "The manifest has no `kind`."),
    GH111(Severity.ERROR, "unsupported kind", "`kind` is not one of the 15 orloj.dev/v1 kinds."),
    GH112(Severity.ERROR, "file cannot be read", "An I/O error prevented reading the file."),
    GH113(Severity.ERROR, "duplicate key", "A mapping holds the same key twice; readers disagree on which one wins."),
    GH114(Severity.ERROR, "tab indentation", "A tab character is used for indentation; YAML forbids it and Orloj's reader counts only spaces."),
    GH115(Severity.WARNING, "empty file", "The file holds no manifest."),

    // GH2xx: fields and values
    GH201(Severity.ERROR, "unknown field", "A field the kind does not define (Orloj silently ignores it, F24)."),
    GH202(Severity.ERROR, "wrong value type", "A value is a list, mapping or scalar where another shape is required."),
    GH203(Severity.ERROR, "required field missing", "A field Orloj requires is missing or empty."),
    GH204(Severity.ERROR, "invalid enum value", "A value is not one of the values the field accepts."),
    GH205(Severity.ERROR, "invalid integer", "An integer field holds something Orloj's strconv.Atoi rejects."),
    GH206(Severity.ERROR, "invalid duration", "A duration is not a Go duration (e.g. `30s`, `1h30m`; no `d`)."),
    GH207(Severity.ERROR, "invalid boolean", "A boolean is not `true` or `false` (Orloj reads `yes`/`on` as false)."),
    GH208(Severity.ERROR, "unsupported apiVersion", "`apiVersion` is not `orloj.dev/v1` (Orloj accepts anything, F25)."),
    GH209(Severity.WARNING, "removed field", "`spec.model` has been removed; Orloj rejects the agent (use `spec.model_ref`)."),
    GH210(Severity.INFO, "seed form not enforced by orloj", "An inline seed-form field (`spec.policies`, `spec.models`, `spec.rateLimit`, `spec.dataAccess`) that Gatehouse enforces and Orloj ignores (S1)."),
    GH211(Severity.ERROR, "scoped policy without targets", "A scoped AgentPolicy with no `target_systems` and no `target_tasks` matches nothing (F5)."),
    GH212(Severity.ERROR, "invalid value", "A value breaks a rule of its field (range, format, dependency on another field)."),
    GH213(Severity.ERROR, "invalid memory operation", "`memory.allow` holds something other than read, write, search, list or ingest."),
    GH214(Severity.WARNING, "duplicate list entry", "A list repeats an entry; Orloj drops the duplicate (or, for `tools`, keeps it)."),
    GH215(Severity.WARNING, "agent declares a blocked tool", "A matched AgentPolicy blocks a tool the agent declares: Orloj refuses the whole agent before it runs."),
    GH216(Severity.ERROR, "invalid base64", "A Secret `data` value is empty or not standard base64."),
    GH217(Severity.ERROR, "invalid schedule", "A TaskSchedule cron expression or time zone Orloj cannot read."),
    GH218(Severity.WARNING, "field ignored by orloj", "A field Orloj reads but does not enforce as authors expect (e.g. Task `requirements.model`)."),
    GH230(Severity.ERROR, "unknown scenario field", "A Scenario field Gatehouse does not define; a misspelt step or expectation would silently test nothing."),
    GH231(Severity.ERROR, "scenario field missing", "A Scenario lacks a field it needs: `metadata.name`, an agent or system, `steps`, a step's tool, model or resource."),
    GH232(Severity.ERROR, "invalid scenario step", "A step must hold exactly one of `call`, `model`, `data`, `advance`, `approve`, `deny`."),
    GH233(Severity.ERROR, "invalid expectation", "An expectation names no verdict, outcome, execution outcome or reason code, or sits on a step that has no verdict (`advance`) or runs no tool (`execution`)."),
    GH234(Severity.ERROR, "invalid tool stub", "A tool stub mixes `response` and `error`, has an empty `sequence`, or a negative delay."),
    GH235(Severity.WARNING, "steps out of execution order", "Orloj runs the agents of a system in graph order; the sandbox runs the steps in that order, not as written."),
    GH236(Severity.ERROR, "unsupported gatehouse kind", "A `gatehouse.dev/v1` document whose kind is not `Scenario`."),

    // GH3xx: references
    GH301(Severity.ERROR, "unknown model endpoint", "`model_ref` names no ModelEndpoint."),
    GH302(Severity.ERROR, "unknown tool", "A tool name that names no Tool in the namespace."),
    GH303(Severity.ERROR, "unknown role", "`roles` names no AgentRole."),
    GH304(Severity.ERROR, "unknown memory", "`memory.ref` names no Memory."),
    GH305(Severity.ERROR, "unknown agent", "An agent name that names no Agent."),
    GH306(Severity.ERROR, "unknown system", "A system name that names no AgentSystem."),
    GH307(Severity.ERROR, "graph node not in agents", "A graph node or edge names an agent not listed in `spec.agents`."),
    GH308(Severity.ERROR, "unknown task", "A task name that names no Task."),
    GH309(Severity.ERROR, "duplicate resource", "Two resources of the same kind share a namespace and name."),
    GH310(Severity.WARNING, "unknown secret", "A secret reference names no Secret."),
    GH311(Severity.WARNING, "unknown mcp server", "`mcp_server_ref` names no McpServer."),
    GH312(Severity.WARNING, "allowed model is not a model id", "An `allowed_models` entry is no endpoint's `default_model` (it may be an endpoint name)."),
    GH313(Severity.WARNING, "reference to unknown tool", "A tool name in a list that restricts or pre-authorises (blocked_tools, allowed_tools, tool_sequence) names no Tool."),
    GH314(Severity.ERROR, "cross-namespace tool", "`spec.tools` entries must be bare names: Orloj's task validation fails on `ns/tool`."),
    GH315(Severity.ERROR, "invalid graph", "The AgentSystem graph has a cycle without `max_turns`, no entry point, or invalid join settings."),
    GH330(Severity.ERROR, "unknown model", "A scenario model step names no model id an endpoint serves or an agent lists, and no ModelEndpoint."),
    GH331(Severity.ERROR, "agent not in the system", "A scenario step names an agent that is not in `spec.agents` of the scenario's AgentSystem."),

    // GH4xx: exposures (Orloj lets through what the manifests do not grant)
    GH401(Severity.WARNING, "role-less agent calls ungoverned tool (F1)", "An agent without roles may call a tool no ToolPermission governs: Orloj allows it, Gatehouse denies."),
    GH402(Severity.WARNING, "allowed_tools bypasses governance (F7)", "`allowed_tools` skips roles, ToolPermissions and deny/approval verdicts in Orloj."),
    GH403(Severity.WARNING, "operation rules without required permissions (F8)", "A ToolPermission with `operation_rules` but no `required_permissions` requires no permission in Orloj."),
    GH404(Severity.WARNING, "operation class without a rule (F9)", "A tool operation class that no operation rule and no `*` rule covers is allowed by Orloj."),
    GH405(Severity.WARNING, "cross-namespace reference (F27)", "A role or secret reached in another namespace with `ns/name`."),
    GH406(Severity.WARNING, "high-risk tool runs unisolated (F14)", "A high or critical tool with explicit `isolation_mode: none`."),
    GH407(Severity.WARNING, "no deadline (F12)", "A zero or negative timeout means no deadline at all."),
    GH408(Severity.WARNING, "target task is a template (F6)", "`target_tasks` names a template task; scheduled and webhook runs get generated names and never match."),
    GH409(Severity.WARNING, "memory tools bypass governance (F17)", "Memory built-in tools run before roles, ToolPermissions, blocked_tools and isolation."),
    GH410(Severity.WARNING, "bare task_ref on approval (F16)", "A ToolApproval `task_ref` without namespace may resume a same-named task elsewhere."),
    GH411(Severity.WARNING, "token budget is not pre-emptive (F10)", "`max_tokens_per_run` is checked after each agent finishes, with `>`."),
    GH412(Severity.WARNING, "blocked memory tool is never blocked (F18)", "`blocked_tools` naming a memory built-in tool has no effect."),

    // GH5xx: Orloj reads it differently
    GH501(Severity.ERROR, "orloj reads a different value", "Orloj's line reader reads this field with another value than a YAML parser."),
    GH502(Severity.ERROR, "orloj drops the field", "Orloj's reader does not read this field: what the author wrote is not enforced."),
    GH503(Severity.ERROR, "orloj reads entries that are not there", "Orloj's reader adds entries to a list (items moved from another block)."),
    GH504(Severity.ERROR, "multi-document file (F29)", "Orloj merges every document of a file into one resource."),
    GH505(Severity.ERROR, "orloj rejects the manifest", "Orloj's reader or Normalize refuses a manifest a YAML parser reads."),
    GH506(Severity.ERROR, "unsupported yaml construct", "Anchors, aliases, tags, folded or multi-line scalars, quoted keys: Orloj's reader does not understand them."),
    GH507(Severity.ERROR, "json key orloj does not match", "In JSON Orloj matches keys case-insensitively to its exact tags and ignores camelCase aliases.");

    private final Severity defaultSeverity;
    private final String title;
    private final String description;

    Code(Severity defaultSeverity, String title, String description) {
        this.defaultSeverity = defaultSeverity;
        this.title = title;
        this.description = description;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public int number() {
        return Integer.parseInt(name().substring(2));
    }

    /** GH1xx..GH5xx. */
    public CodeClass codeClass() {
        return CodeClass.values()[number() / 100 - 1];
    }

    /** The ORLOJ.md §7 item this exposure stands for, if it names one. */
    public Optional<String> exposureItem() {
        int open = title.lastIndexOf("(F");
        return open < 0 ? Optional.empty() : Optional.of(title.substring(open + 1, title.length() - 1));
    }

    public enum CodeClass {
        READ("cannot read"), FIELD("fields and values"), REFERENCE("references"),
        EXPOSURE("exposures"), ORLOJ_READING("orloj reads it differently");

        private final String title;

        CodeClass(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }
}

package dev.gatehouse.core.parse;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Suggestions;
import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentPolicy;
import dev.gatehouse.core.model.AgentRole;
import dev.gatehouse.core.model.AgentSystem;
import dev.gatehouse.core.model.Field;
import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.model.McpServer;
import dev.gatehouse.core.model.Memory;
import dev.gatehouse.core.model.Meta;
import dev.gatehouse.core.model.ModelEndpoint;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.Schemas;
import dev.gatehouse.core.model.Secret;
import dev.gatehouse.core.model.Task;
import dev.gatehouse.core.model.TaskSchedule;
import dev.gatehouse.core.model.TaskWebhook;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.ToolApproval;
import dev.gatehouse.core.model.ToolPermission;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.model.Worker;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Binds one document to its kind's record, applying Orloj's {@code Normalize} exactly (ORLOJ.md §2: defaults,
 * lowercasing, de-duplication, default classes by risk) and Gatehouse's stricter rules. Runs on the strict
 * reading (all findings) and on Orloj's reading (only Orloj's own load errors, which mean Orloj refuses it).
 */
public final class ManifestBinder {
    /** What binding produced: the resource (absent when the kind cannot be told), findings, Orloj's refusals. */
    public record Bound(Optional<Resource> resource, List<Diagnostic> diagnostics, List<String> orlojRejections) {
        public Bound {
            diagnostics = List.copyOf(diagnostics);
            orlojRejections = List.copyOf(orlojRejections);
        }
    }

    private static final String API_VERSION = "orloj.dev/v1";

    /** The message of an Agent's GH203 for a missing {@code spec.model_ref}, Orloj's own words, which its hint and quick fixes key on. */
    public static final String MODEL_REF_REQUIRED = "spec.model_ref is required";

    private ManifestBinder() {
    }

    /** Binds the strict reading of a document. */
    public static Bound strict(SourceId file, int index, Node root, SourceFormat format) {
        return bind(file, index, root, format, false, Optional.empty());
    }

    /** Binds Orloj's reading of a file (its line reader's tree or its JSON view), whose kind Orloj dispatched on. */
    public static Bound orloj(SourceId file, Node root, SourceFormat format, Kind dispatched) {
        return bind(file, 0, root, format, true, Optional.of(dispatched));
    }

    private static Bound bind(SourceId file, int index, Node root, SourceFormat format, boolean orlojMode, Optional<Kind> dispatched) {
        if (!(root instanceof MapNode map)) {
            Findings f = new Findings(orlojMode, true);
            String what = root instanceof ScalarNode s && s.isNull() ? "an empty document" : root.shape();
            f.orloj(Diagnostic.of(Code.GH109, root.span(), "a manifest must be a mapping, not " + what,
                    "write one resource per document: apiVersion, kind, metadata, spec"),
                    "failed to decode manifest kind: not an object");
            return new Bound(Optional.empty(), f.diagnostics(), f.rejections());
        }
        Optional<ScalarNode> kindNode = map.get("kind").filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast);
        Optional<Kind> kind = dispatched.or(() -> kindNode.flatMap(k -> Kind.fromOrloj(k.text())));
        if (kind.isEmpty()) {
            Findings f = new Findings(orlojMode, true);
            if (kindNode.isEmpty() || kindNode.get().text().isBlank()) {
                Span at = map.entry("kind").map(e -> e.key().span()).orElse(map.span());
                f.orloj(Diagnostic.of(Code.GH110, at, "kind is required", "add `kind:` with one of the orloj.dev/v1 kinds"), "kind is required");
            } else {
                String k = kindNode.get().text();
                List<String> names = Arrays.stream(Kind.values()).map(Kind::wireName).toList();
                Diagnostic d = Diagnostic.of(Code.GH111, kindNode.get().span(), "unsupported kind `" + k + "`");
                d = d.withHelp(Suggestions.hint(k, names).orElse("expected one of " + String.join(", ", names)));
                f.orloj(d, "unsupported kind \"" + k.strip().toLowerCase(Locale.ROOT) + "\"");
            }
            return new Bound(Optional.empty(), f.diagnostics(), f.rejections());
        }
        Kind k = kind.get();
        Findings findings = new Findings(orlojMode, k.governance());
        if (!orlojMode || format == SourceFormat.JSON) {
            new SchemaCheck(k, format, findings).check(map, Schemas.of(k));
        }
        Fields top = new Fields(map, Schemas.of(k), format);
        if (kindNode.isPresent() && !Kind.fromOrloj(kindNode.get().text()).equals(Optional.of(k))) {
            String written = kindNode.get().text();
            findings.orloj(Diagnostic.of(Code.GH111, kindNode.get().span(), "kind `" + written + "` does not match the manifest's kind `" + k.wireName() + "`"),
                    k == Kind.AGENT ? "unsupported kind \"" + written + "\": only Agent is supported in MVP"
                            : "unsupported kind \"" + written + "\" for " + k.wireName());
        }
        top.scalar("apiVersion").ifPresent(v -> {
            if (!v.text().equals(API_VERSION)) {
                findings.strictGoverned(Diagnostic.of(Code.GH208, v.span(),
                        "apiVersion `" + v.text() + "` is not `" + API_VERSION + "`; orloj accepts anything here (F25)",
                        "write `apiVersion: " + API_VERSION + "`"));
            }
        });
        if (!orlojMode && top.scalar("apiVersion").isEmpty()) {
            findings.strictGoverned(Diagnostic.of(Code.GH203, map.span(), "apiVersion is missing",
                    "write `apiVersion: " + API_VERSION + "`").withSeverity(dev.gatehouse.core.diag.Severity.WARNING));
        }
        Meta meta = meta(file, index, k, map, top, findings);
        Fields spec = top.object("spec");
        Binder b = new Binder(findings, k);
        Resource r = switch (k) {
            case AGENT -> b.agent(meta, spec);
            case AGENT_ROLE -> b.role(meta, spec);
            case AGENT_POLICY -> b.policy(meta, spec);
            case TOOL_PERMISSION -> b.permission(meta, spec);
            case TOOL -> b.tool(meta, spec);
            case MODEL_ENDPOINT -> b.endpoint(meta, spec);
            case AGENT_SYSTEM -> b.system(meta, spec);
            case TASK -> b.task(meta, spec);
            case SECRET -> b.secret(meta, spec);
            case MEMORY -> b.memory(meta, spec);
            case MCP_SERVER -> b.mcp(meta, spec);
            case TASK_SCHEDULE -> b.schedule(meta, spec);
            case TASK_WEBHOOK -> b.webhook(meta, spec);
            case WORKER -> b.worker(meta, spec);
            case TOOL_APPROVAL -> b.approval(meta, spec, top);
        };
        return new Bound(Optional.of(r), findings.diagnostics(), findings.rejections());
    }

    private static Meta meta(SourceId file, int index, Kind kind, MapNode map, Fields top, Findings findings) {
        Fields m = top.object("metadata");
        Optional<ScalarNode> nameNode = m.scalar("name");
        String name = nameNode.map(ScalarNode::text).orElse("");
        // Only ModelEndpoint trims before the required check (ORLOJ.md §1.2).
        boolean missing = kind == Kind.MODEL_ENDPOINT ? name.isBlank() : name.isEmpty();
        if (missing) {
            findings.orloj(Diagnostic.of(Code.GH203, nameNode.map(ScalarNode::span).orElse(m.span()),
                    "metadata.name is required", "add `metadata:` with `name:`"), "metadata.name is required");
        } else if (name.isBlank() || !name.equals(name.strip())) {
            findings.strictGoverned(Diagnostic.of(Code.GH212, nameNode.get().span(),
                    "metadata.name `" + name + "` has leading or trailing spaces; orloj keeps them in the store key"));
        }
        Span nameSpan = nameNode.map(ScalarNode::span).orElse(map.span());
        Located<String> namespace = m.scalar("namespace")
                .map(s -> new Located<>(s.text().strip().isEmpty() ? Meta.DEFAULT_NAMESPACE : s.text().strip(), s.span()))
                .orElse(new Located<>(Meta.DEFAULT_NAMESPACE, map.span()));
        m.scalar("generation").ifPresent(g -> {
            if (GoValues.atoi(g.text().strip()).isEmpty()) {
                findings.orloj(Diagnostic.of(Code.GH205, g.span(), "invalid metadata.generation value `" + g.text() + "`"),
                        "invalid metadata.generation value \"" + g.text() + "\"");
            }
        });
        Map<String, Located<String>> labels = m.stringMap("labels");
        return new Meta(kind, new Located<>(kind == Kind.MODEL_ENDPOINT ? name.strip() : name, nameSpan), namespace, labels,
                file, index, map.span());
    }

    /** The per-kind binding, one method per kind, in ORLOJ.md §2 order of rules. */
    private static final class Binder {
        private final Findings f;
        private final Kind kind;

        Binder(Findings f, Kind kind) {
            this.f = f;
            this.kind = kind;
        }

        // ------------------------------------------------------------ shared value rules

        /** Lowercased, trimmed enum with a default; an invalid value is Orloj's Normalize error. */
        private Located<String> enumValue(Fields spec, String field, List<String> allowed, String dflt, String orlojMessage) {
            Optional<ScalarNode> s = spec.scalar(field);
            if (s.isEmpty() || s.get().text().strip().isEmpty()) {
                return new Located<>(dflt, s.map(ScalarNode::span).orElse(spec.span()));
            }
            String v = s.get().text().strip().toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                Diagnostic d = Diagnostic.of(Code.GH204, s.get().span(), "invalid `" + field + "` value `" + s.get().text() + "`: expected "
                        + orList(allowed));
                d = Suggestions.hint(v, allowed).map(d::withHelp).orElse(d);
                f.orloj(d, String.format(orlojMessage, s.get().text()));
                return new Located<>(dflt, s.get().span());
            }
            return new Located<>(v, s.get().span());
        }

        private static String orList(List<String> values) {
            if (values.size() == 1) {
                return values.get(0);
            }
            return String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
        }

        /** An integer (Orloj's Atoi); absent or invalid reads as 0 after reporting. */
        private Optional<Located<Integer>> integer(Fields spec, String field, String path) {
            Optional<ScalarNode> s = spec.scalar(field);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            String text = s.get().text().strip();
            OptionalLong v = GoValues.atoi(text);
            if (v.isEmpty() || v.getAsLong() > Integer.MAX_VALUE || v.getAsLong() < Integer.MIN_VALUE) {
                f.orloj(Diagnostic.of(Code.GH205, s.get().span(), "invalid spec." + path + " value `" + s.get().text() + "`: expected a whole number",
                        "orloj reads integers with strconv.Atoi: decimal digits only (no `_`, `0x`, fractions or comments)"),
                        "invalid spec." + path + " value \"" + s.get().text() + "\"");
                return Optional.empty();
            }
            return Optional.of(new Located<>((int) v.getAsLong(), s.get().span()));
        }

        private int intOr(Fields spec, String field, String path, int dflt) {
            return integer(spec, field, path).map(Located::value).filter(v -> v > 0).orElse(dflt);
        }

        /** A Go duration; invalid is Orloj's Normalize error unless {@code orlojParses} is false (F13). */
        private Optional<Located<String>> duration(Fields spec, String field, String path, boolean orlojParses) {
            Optional<Located<String>> s = spec.string(field);
            s.ifPresent(v -> {
                if (!GoValues.isDuration(v.value())) {
                    Diagnostic d = Diagnostic.of(Code.GH206, v.span(), "invalid duration `" + v.value() + "` in `" + path + "`",
                            "use a go duration such as `30s`, `5m` or `1h30m` (units ns, us, ms, s, m, h; no `d`)");
                    if (orlojParses) {
                        f.orloj(d, "invalid spec." + path + " \"" + v.value() + "\": time: invalid duration \"" + v.value() + "\"");
                    } else {
                        f.strict(d.withHelp(d.help().orElse("") + "; orloj accepts it and fails only when the agent runs (F13)"));
                    }
                } else if (GoValues.durationNanos(v.value()).orElse(1) <= 0 && path.endsWith("timeout")) {
                    f.strict(Diagnostic.of(Code.GH407, v.span(), "`" + path + ": " + v.value() + "` means no deadline at all (F12)",
                            "set a positive timeout"));
                }
            });
            return s;
        }

        /** dedupe-ci: empty items removed, duplicates dropped case-insensitively keeping the first spelling. */
        private List<Located<String>> dedupe(List<Located<String>> items, String path) {
            List<Located<String>> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Located<String> item : items) {
                if (item.value().isEmpty()) {
                    continue;
                }
                if (!seen.add(item.value().toLowerCase(Locale.ROOT))) {
                    f.strict(Diagnostic.of(Code.GH214, item.span(), "duplicate entry `" + item.value() + "` in `" + path + "`",
                            "orloj drops it; remove it"));
                    continue;
                }
                out.add(item);
            }
            return out;
        }

        private Optional<Located<String>> required(Fields spec, String field, String message) {
            Optional<Located<String>> v = spec.string(field);
            if (v.isEmpty()) {
                f.orloj(Diagnostic.of(Code.GH203, spec.keySpan(field).orElse(spec.span()), message), message);
            }
            return v;
        }

        // ------------------------------------------------------------ kinds

        Agent agent(Meta meta, Fields spec) {
            if (spec.has("model")) {
                f.orloj(Diagnostic.of(Code.GH209, spec.keySpan("model").orElseThrow(),
                        "spec.model has been removed from orloj: orloj rejects this agent",
                        "name a ModelEndpoint in `spec.model_ref`; gatehouse reads `spec.model` as a seed form"),
                        "spec.model has been removed; use spec.model_ref");
            }
            Optional<Located<String>> modelRef = spec.string("model_ref");
            if (modelRef.isEmpty()) {
                f.orloj(Diagnostic.of(Code.GH203, spec.keySpan("model_ref").orElse(spec.span()), MODEL_REF_REQUIRED,
                        "name the ModelEndpoint this agent uses"), MODEL_REF_REQUIRED);
            }
            List<Located<String>> tools = spec.list("tools");
            Set<String> seenTools = new HashSet<>();
            for (Located<String> t : tools) {
                if (!seenTools.add(t.value())) {
                    f.strict(Diagnostic.of(Code.GH214, t.span(), "duplicate entry `" + t.value() + "` in `spec.tools`", "orloj keeps both; remove one"));
                }
            }
            Optional<List<Located<String>>> allowed = spec.node("allowed_tools").isPresent() || spec.keySpan("allowed_tools").isPresent()
                    ? Optional.of(dedupe(spec.list("allowed_tools"), "spec.allowed_tools")) : Optional.empty();
            List<Located<String>> roles = dedupe(spec.list("roles"), "spec.roles");

            Fields mem = spec.object("memory");
            Optional<Agent.MemoryBinding> memory = Optional.empty();
            List<Located<String>> ops = new ArrayList<>();
            Set<String> seenOps = new HashSet<>();
            for (Located<String> op : mem.list("allow")) {
                String v = op.value().toLowerCase(Locale.ROOT);
                String shortForm = v.startsWith("memory.") ? v.substring("memory.".length()) : v;
                if (!Schemas.MEMORY_OPERATIONS.contains(shortForm)) {
                    f.orloj(Diagnostic.of(Code.GH213, op.span(), "invalid memory operation `" + op.value() + "`: expected read, write, search, list or ingest"),
                            "invalid spec.memory.allow: invalid memory operation \"" + op.value() + "\": expected read, write, search, list, or ingest");
                } else if (seenOps.add(shortForm)) {
                    ops.add(new Located<>(shortForm, op.span()));
                }
            }
            Optional<Located<String>> memRef = mem.string("ref");
            if (!ops.isEmpty() && memRef.isEmpty()) {
                f.orloj(Diagnostic.of(Code.GH203, mem.span(), "spec.memory.ref is required when spec.memory.allow is set"),
                        "spec.memory.ref is required when spec.memory.allow is set");
            }
            if (memRef.isPresent() || !ops.isEmpty()) {
                memory = Optional.of(new Agent.MemoryBinding(memRef, ops));
                if (!ops.isEmpty()) {
                    f.strict(Diagnostic.of(Code.GH409, ops.get(0).span(),
                            "memory built-in tools run outside governance: roles, ToolPermissions, blocked_tools and isolation do not apply (F17)"));
                }
            }

            Fields lim = spec.object("limits");
            int maxSteps = intOr(lim, "max_steps", "limits.max_steps", 10);
            Optional<Located<String>> timeout = duration(lim, "timeout", "limits.timeout", false);

            Fields ex = spec.object("execution");
            String profile = enumValue(ex, "profile", List.of("dynamic", "contract"), "dynamic", "invalid spec.execution.profile \"%s\"").value();
            List<Located<String>> sequence = dedupe(ex.list("tool_sequence"), "spec.execution.tool_sequence");
            if (profile.equals("contract") && sequence.isEmpty()) {
                f.orloj(Diagnostic.of(Code.GH203, ex.span(), "spec.execution.tool_sequence is required when spec.execution.profile=contract"),
                        "spec.execution.tool_sequence is required when spec.execution.profile=contract");
            }
            List<Located<String>> markers = new ArrayList<>();
            Set<String> seenMarkers = new HashSet<>();
            for (Located<String> m : ex.list("required_output_markers")) {
                if (!m.value().isEmpty() && seenMarkers.add(m.value())) {
                    markers.add(m);
                }
            }
            Agent.Execution execution = new Agent.Execution(profile, sequence, markers,
                    enumValue(ex, "duplicate_tool_call_policy", List.of("short_circuit", "deny"), "short_circuit", "invalid spec.execution.duplicate_tool_call_policy \"%s\"").value(),
                    enumValue(ex, "on_contract_violation", List.of("non_retryable_error", "observe"), "non_retryable_error", "invalid spec.execution.on_contract_violation \"%s\"").value(),
                    enumValue(ex, "tool_use_behavior", List.of("run_llm_again", "stop_on_first_tool"), "run_llm_again", "invalid spec.execution.tool_use_behavior \"%s\"").value());

            // Seed forms: read and validated for Gatehouse; Orloj never sees them (S1).
            List<Agent.SeedPolicy> policies = new ArrayList<>();
            for (Fields p : spec.objectList("policies")) {
                Located<String> effect = seedEnum(p, "effect", List.of("allow", "deny"), "spec.policies[].effect");
                Optional<Located<String>> resource = p.string("resource");
                if (resource.isEmpty()) {
                    f.strict(Diagnostic.of(Code.GH203, p.span(), "a seed policy needs `resource`", "name the tool, data path or glob it covers"));
                    continue;
                }
                Located<String> action = p.string("action").map(a -> a.map(s -> s.toLowerCase(Locale.ROOT)))
                        .orElse(new Located<>("*", p.span()));
                if (effect.value().isEmpty()) {
                    continue;
                }
                policies.add(new Agent.SeedPolicy(effect, resource.get(), action));
            }
            Optional<Agent.RateLimit> rateLimit = Optional.empty();
            if (spec.has("rateLimit")) {
                Fields rl = spec.object("rateLimit");
                rateLimit = Optional.of(new Agent.RateLimit(
                        seedInt(rl, "maxTokensPerDay", "spec.rateLimit.maxTokensPerDay"),
                        seedInt(rl, "maxCallsPerMinute", "spec.rateLimit.maxCallsPerMinute")));
            }
            List<Agent.DataGrant> data = new ArrayList<>();
            for (Fields d : spec.objectList("dataAccess")) {
                Optional<Located<String>> resource = d.string("resource");
                Optional<Located<String>> action = d.string("action");
                if (resource.isEmpty() || action.isEmpty()) {
                    f.strict(Diagnostic.of(Code.GH203, d.span(), "a dataAccess entry needs `resource` and `action`"));
                    continue;
                }
                data.add(new Agent.DataGrant(resource.get(), action.get().map(s -> s.toLowerCase(Locale.ROOT)), d.string("rateLimitedBy")));
            }
            return new Agent(meta, modelRef, spec.raw("prompt"), tools, allowed, roles, memory,
                    new Agent.Limits(maxSteps, timeout), execution, spec.string("model"),
                    dedupe(spec.list("models"), "spec.models"), policies, rateLimit, data);
        }

        private Located<String> seedEnum(Fields p, String field, List<String> allowed, String path) {
            Optional<Located<String>> v = p.string(field);
            if (v.isEmpty()) {
                f.strict(Diagnostic.of(Code.GH203, p.span(), "`" + path + "` is required"));
                return new Located<>("", p.span());
            }
            String lc = v.get().value().toLowerCase(Locale.ROOT);
            if (!allowed.contains(lc)) {
                f.strict(Diagnostic.of(Code.GH204, v.get().span(), "invalid `" + path + "` value `" + v.get().value() + "`: expected " + orList(allowed)));
                return new Located<>("", v.get().span());
            }
            return new Located<>(lc, v.get().span());
        }

        private Optional<Located<Integer>> seedInt(Fields p, String field, String path) {
            Optional<ScalarNode> s = p.scalar(field);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            OptionalLong v = GoValues.atoi(s.get().text().strip());
            if (v.isEmpty() || v.getAsLong() < 0 || v.getAsLong() > Integer.MAX_VALUE) {
                f.strict(Diagnostic.of(Code.GH205, s.get().span(), "`" + path + "` must be a whole number >= 0, not `" + s.get().text() + "`"));
                return Optional.empty();
            }
            return v.getAsLong() == 0 ? Optional.empty() : Optional.of(new Located<>((int) v.getAsLong(), s.get().span()));
        }

        AgentRole role(Meta meta, Fields spec) {
            return new AgentRole(meta, spec.string("description"), dedupe(spec.list("permissions"), "spec.permissions"));
        }

        AgentPolicy policy(Meta meta, Fields spec) {
            // The empty check happens before trimming (ORLOJ.md §2.4).
            Optional<ScalarNode> mode = spec.scalar("apply_mode");
            Located<String> applyMode;
            boolean validMode = true;
            if (mode.isEmpty() || mode.get().text().isEmpty()) {
                applyMode = new Located<>("scoped", mode.map(ScalarNode::span).orElse(spec.span()));
            } else {
                String v = mode.get().text().strip().toLowerCase(Locale.ROOT);
                if (!v.equals("scoped") && !v.equals("global")) {
                    Diagnostic d = Diagnostic.of(Code.GH204, mode.get().span(), "invalid `apply_mode` value `" + mode.get().text() + "`: expected scoped or global");
                    d = Suggestions.hint(v, List.of("scoped", "global")).map(d::withHelp).orElse(d);
                    f.orloj(d, "unsupported spec.apply_mode \"" + mode.get().text() + "\": expected scoped or global");
                    v = "scoped";
                    validMode = false;
                }
                applyMode = new Located<>(v, mode.get().span());
            }
            List<Located<String>> systems = nonEmpty(spec.list("target_systems"));
            List<Located<String>> tasks = nonEmpty(spec.list("target_tasks"));
            if (validMode && applyMode.value().equals("scoped") && systems.isEmpty() && tasks.isEmpty()) {
                f.strict(Diagnostic.of(Code.GH211, mode.map(ScalarNode::span).orElse(meta.name().span()),
                        "scoped AgentPolicy `" + meta.name().value() + "` has no target_systems and no target_tasks: it applies to nothing (F5)",
                        "add `target_systems` or `target_tasks`, or set `apply_mode: global`"));
            }
            Optional<Located<Integer>> budget = integer(spec, "max_tokens_per_run", "max_tokens_per_run").filter(v -> v.value() > 0);
            budget.ifPresent(b -> f.strict(Diagnostic.of(Code.GH411, b.span(),
                    "orloj checks `max_tokens_per_run` only after an agent finishes, with `>`: the agent that crosses it finishes first (F10)",
                    "gatehouse's sandbox enforces it before each model call").withSeverity(dev.gatehouse.core.diag.Severity.INFO)));
            return new AgentPolicy(meta, budget, nonEmpty(spec.list("allowed_models")), nonEmpty(spec.list("blocked_tools")),
                    applyMode, systems, tasks);
        }

        private static List<Located<String>> nonEmpty(List<Located<String>> items) {
            return items.stream().filter(i -> !i.value().isEmpty()).toList();
        }

        ToolPermission permission(Meta meta, Fields spec) {
            Located<String> toolRef = spec.string("tool_ref").orElse(new Located<>(meta.name().value().strip(), meta.name().span()));
            Located<String> action = spec.string("action").map(a -> a.map(s -> s.toLowerCase(Locale.ROOT)))
                    .orElse(new Located<>("invoke", spec.span()));
            Located<String> match = enumValue(spec, "match_mode", List.of("all", "any"), "all", "unsupported spec.match_mode \"%s\": expected all or any");
            Located<String> apply = enumValue(spec, "apply_mode", List.of("global", "scoped"), "global", "unsupported spec.apply_mode \"%s\": expected global or scoped");
            List<Located<String>> targets = dedupe(spec.list("target_agents"), "spec.target_agents");
            if (apply.value().equals("scoped") && targets.isEmpty()) {
                f.orloj(Diagnostic.of(Code.GH203, apply.span(), "spec.target_agents is required when spec.apply_mode=scoped"),
                        "spec.target_agents is required when spec.apply_mode=scoped");
            }
            List<ToolPermission.OperationRule> rules = new ArrayList<>();
            int i = 0;
            for (Fields r : spec.objectList("operation_rules")) {
                Located<String> cls = enumValue(r, "operation_class", Schemas.RULE_CLASSES, "*",
                        "invalid operation_rules[" + i + "].operation_class \"%s\": expected read, write, delete, admin, or *");
                Located<String> verdict = enumValue(r, "verdict", Schemas.VERDICTS, "allow",
                        "invalid operation_rules[" + i + "].verdict \"%s\": expected allow, deny, or approval_required");
                rules.add(new ToolPermission.OperationRule(cls, verdict.map(Verdict::fromWire), r.span()));
                i++;
            }
            List<Located<String>> required = dedupe(spec.list("required_permissions"), "spec.required_permissions");
            if (!rules.isEmpty() && required.isEmpty()) {
                f.strict(Diagnostic.of(Code.GH403, spec.keySpan("operation_rules").orElse(meta.name().span()),
                        "ToolPermission `" + meta.name().value() + "` has operation_rules but no required_permissions: orloj requires no permission for it, gatehouse requires the default `tool:<tool>:" + action.value() + "` (F8)",
                        "list the permissions callers need in `required_permissions`"));
            }
            return new ToolPermission(meta, toolRef, action, required, match, apply, targets, rules);
        }

        Tool tool(Meta meta, Fields spec) {
            String type = enumValue(spec, "type", Schemas.TOOL_TYPES, "http",
                    "invalid spec.type \"%s\": expected http, external, grpc, queue, webhook-callback, mcp, or wasm").value();
            Located<String> risk = enumValue(spec, "risk_level", Schemas.RISK_LEVELS, "low",
                    "invalid spec.risk_level \"%s\": expected low, medium, high, or critical");
            boolean high = risk.value().equals("high") || risk.value().equals("critical");
            List<Located<String>> classes = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Located<String> c : spec.list("operation_classes")) {
                String v = c.value().toLowerCase(Locale.ROOT);
                if (v.isEmpty()) {
                    continue;
                }
                if (!Schemas.OPERATION_CLASSES.contains(v)) {
                    Diagnostic d = Diagnostic.of(Code.GH204, c.span(), "invalid operation class `" + c.value() + "`: expected read, write, delete or admin");
                    d = Suggestions.hint(v, Schemas.OPERATION_CLASSES).map(d::withHelp).orElse(d);
                    f.orloj(d, "invalid spec.operation_classes value \"" + c.value() + "\": expected read, write, delete, or admin");
                } else if (seen.add(v)) {
                    classes.add(new Located<>(v, c.span()));
                }
            }
            boolean defaulted = classes.isEmpty();
            if (defaulted) {
                classes.add(new Located<>(high ? "write" : "read", risk.span()));
            }
            Fields rt = spec.object("runtime");
            Located<String> timeout = duration(rt, "timeout", "runtime.timeout", true).orElse(new Located<>("30s", rt.span()));
            Optional<ScalarNode> iso = rt.scalar("isolation_mode");
            boolean isoDefaulted = iso.isEmpty() || iso.get().text().strip().isEmpty();
            Located<String> isolation = enumValue(rt, "isolation_mode", Schemas.ISOLATION_MODES, high ? "sandboxed" : "none",
                    "invalid spec.runtime.isolation_mode \"%s\": expected none, sandboxed, container, or wasm");
            if (high && !isoDefaulted && isolation.value().equals("none")) {
                f.strict(Diagnostic.of(Code.GH406, isolation.span(),
                        risk.value() + "-risk tool `" + meta.name().value() + "` runs unisolated: `isolation_mode: none` (F14)",
                        "use `sandboxed` (the default for high and critical tools), `container` or `wasm`"));
            }
            Fields retry = rt.object("retry");
            int attempts = intOr(retry, "max_attempts", "runtime.retry.max_attempts", 1);
            String backoff = duration(retry, "backoff", "runtime.retry.backoff", true).map(Located::value).orElse("0s");
            String maxBackoff = duration(retry, "max_backoff", "runtime.retry.max_backoff", true).map(Located::value).orElse("30s");
            String jitter = enumValue(retry, "jitter", Schemas.JITTER, "none", "invalid spec.runtime.retry.jitter \"%s\": expected none, full, or equal").value();

            Optional<Tool.Auth> auth = Optional.empty();
            Fields a = spec.object("auth");
            Optional<Located<String>> secretRef = a.string("secretRef");
            Optional<ScalarNode> profileNode = a.scalar("profile");
            if (profileNode.isPresent() || secretRef.isPresent()) {
                String profile = enumValue(a, "profile", Schemas.AUTH_PROFILES, secretRef.isPresent() ? "bearer" : "",
                        "invalid spec.auth.profile \"%s\": expected bearer, api_key_header, basic, or oauth2_client_credentials").value();
                if (!profile.isEmpty() && secretRef.isEmpty()) {
                    f.orloj(Diagnostic.of(Code.GH203, a.span(), "spec.auth.secretRef is required when auth.profile is set"),
                            "spec.auth.secretRef is required when auth.profile is set");
                }
                if (profile.equals("api_key_header") && a.string("headerName").isEmpty()) {
                    f.orloj(Diagnostic.of(Code.GH203, a.span(), "spec.auth.headerName is required when auth.profile is api_key_header"),
                            "spec.auth.headerName is required when auth.profile is api_key_header");
                }
                if (profile.equals("oauth2_client_credentials") && a.string("tokenURL").isEmpty()) {
                    f.orloj(Diagnostic.of(Code.GH203, a.span(), "spec.auth.tokenURL is required when auth.profile is oauth2_client_credentials"),
                            "spec.auth.tokenURL is required when auth.profile is oauth2_client_credentials");
                }
                auth = Optional.of(new Tool.Auth(profile, secretRef));
            }
            Optional<Located<String>> mcpRef = spec.string("mcp_server_ref");
            if (type.equals("mcp")) {
                if (mcpRef.isEmpty()) {
                    f.orloj(Diagnostic.of(Code.GH203, spec.span(), "spec.mcp_server_ref is required when spec.type is mcp"),
                            "spec.mcp_server_ref is required when spec.type is mcp");
                }
                if (spec.string("mcp_tool_name").isEmpty()) {
                    f.orloj(Diagnostic.of(Code.GH203, spec.span(), "spec.mcp_tool_name is required when spec.type is mcp"),
                            "spec.mcp_tool_name is required when spec.type is mcp");
                }
            }
            return new Tool(meta, type, spec.string("endpoint"), dedupe(spec.list("capabilities"), "spec.capabilities"), classes, defaulted,
                    risk, new Tool.Runtime(timeout, isolation, isoDefaulted, attempts, backoff, maxBackoff, jitter), auth, mcpRef);
        }

        ModelEndpoint endpoint(Meta meta, Fields spec) {
            String provider = spec.string("provider").map(p -> p.value().toLowerCase(Locale.ROOT)).orElse("openai");
            String base = spec.string("base_url").map(Located::value).orElse(switch (provider) {
                case "openai" -> "https://api.openai.com/v1";
                case "anthropic" -> "https://api.anthropic.com/v1";
                case "ollama" -> "http://127.0.0.1:11434";
                default -> "";
            });
            Optional<Located<String>> model = required(spec, "default_model", "spec.default_model is required");
            return new ModelEndpoint(meta, provider, base, model, spec.object("auth").string("secretRef"));
        }

        AgentSystem system(Meta meta, Fields spec) {
            List<Located<String>> agents = spec.list("agents");
            for (Located<String> a : agents) {
                if (a.value().isEmpty()) {
                    f.strict(Diagnostic.of(Code.GH212, a.span(), "empty agent name in `spec.agents`; orloj's task validation fails on it"));
                }
            }
            List<AgentSystem.GraphNode> graph = new ArrayList<>();
            for (Map.Entry<ScalarNode, Fields> e : spec.objectMap("graph").entrySet()) {
                Fields n = e.getValue();
                List<Located<String>> edges = new ArrayList<>();
                for (Fields edge : n.objectList("edges")) {
                    edge.string("to").ifPresent(edges::add);
                }
                Fields j = n.object("join");
                Optional<Located<String>> mode = j.string("mode").map(v -> v.map(s -> s.toLowerCase(Locale.ROOT)));
                Optional<Located<String>> onFailure = j.string("on_failure").map(v -> v.map(s -> s.toLowerCase(Locale.ROOT)));
                Optional<Located<Integer>> count = integer(j, "quorum_count", "graph.join.quorum_count");
                Optional<Located<Integer>> percent = integer(j, "quorum_percent", "graph.join.quorum_percent");
                graph.add(new AgentSystem.GraphNode(new Located<>(e.getKey().text(), e.getKey().span()),
                        n.string("next"), edges, new AgentSystem.Join(mode, count, percent, onFailure)));
            }
            return new AgentSystem(meta, agents, graph);
        }

        Task task(Meta meta, Fields spec) {
            String mode = enumValue(spec, "mode", List.of("run", "template"), "run", "invalid spec.mode \"%s\": expected run or template").value();
            int maxTurns = integer(spec, "max_turns", "max_turns").map(Located::value).orElse(0);
            if (maxTurns < 0) {
                f.orloj(Diagnostic.of(Code.GH212, spec.keySpan("max_turns").orElse(spec.span()), "invalid spec.max_turns " + maxTurns + ": expected >= 0"),
                        "invalid spec.max_turns " + maxTurns + ": expected >= 0");
            }
            Fields retry = spec.object("retry");
            integer(retry, "max_attempts", "retry.max_attempts");
            duration(retry, "backoff", "retry.backoff", true);
            Fields mr = spec.object("message_retry");
            integer(mr, "max_attempts", "message_retry.max_attempts");
            duration(mr, "backoff", "message_retry.backoff", true);
            duration(mr, "max_backoff", "message_retry.max_backoff", true);
            enumValue(mr, "jitter", Schemas.JITTER, "full", "invalid spec.message_retry.jitter \"%s\": expected none, full, or equal");
            Optional<Located<String>> reqModel = spec.object("requirements").string("model");
            reqModel.ifPresent(m -> f.strict(Diagnostic.of(Code.GH218, m.span(),
                    "`requirements.model` only matches workers; it does not restrict the models agents use",
                    "restrict models with an AgentPolicy `allowed_models`").withSeverity(dev.gatehouse.core.diag.Severity.INFO)));
            Map<String, Located<String>> input = new LinkedHashMap<>(spec.stringMap("input"));
            return new Task(meta, spec.string("system"), mode, input, maxTurns, reqModel);
        }

        Secret secret(Meta meta, Fields spec) {
            List<Located<String>> keys = new ArrayList<>();
            for (Map.Entry<String, Located<String>> e : spec.stringMap("data").entrySet()) {
                String v = e.getValue().value();
                if (v.isEmpty()) {
                    f.orloj(Diagnostic.of(Code.GH216, e.getValue().span(), "spec.data." + e.getKey() + " is empty"), "spec.data." + e.getKey() + " is empty");
                } else if (!isBase64(v)) {
                    f.orloj(Diagnostic.of(Code.GH216, e.getValue().span(), "spec.data." + e.getKey() + " must be valid base64",
                            "put plaintext values under `stringData`"), "spec.data." + e.getKey() + " must be valid base64");
                }
                keys.add(new Located<>(e.getKey(), e.getValue().span()));
            }
            for (Map.Entry<String, Located<String>> e : spec.stringMap("stringData").entrySet()) {
                keys.add(new Located<>(e.getKey().strip(), e.getValue().span()));
            }
            return new Secret(meta, keys);
        }

        private static boolean isBase64(String v) {
            try {
                java.util.Base64.getDecoder().decode(v);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        Memory memory(Meta meta, Fields spec) {
            return new Memory(meta, spec.string("type").map(Located::value).orElse(""), spec.string("provider").map(Located::value).orElse(""),
                    spec.string("embedding_model"), spec.string("endpoint"), spec.object("auth").string("secretRef"));
        }

        McpServer mcp(Meta meta, Fields spec) {
            Optional<Located<String>> transport = spec.string("transport");
            String t = "";
            if (transport.isEmpty()) {
                f.orloj(Diagnostic.of(Code.GH203, spec.span(), "spec.transport is required (stdio or http)"), "spec.transport is required (stdio or http)");
            } else {
                t = enumValue(spec, "transport", List.of("stdio", "http"), "", "invalid spec.transport \"%s\": expected stdio or http").value();
            }
            if (t.equals("stdio") && spec.string("command").isEmpty()) {
                f.orloj(Diagnostic.of(Code.GH203, spec.span(), "spec.command is required for stdio transport"), "spec.command is required for stdio transport");
            }
            if (t.equals("http") && spec.string("endpoint").isEmpty()) {
                f.orloj(Diagnostic.of(Code.GH203, spec.span(), "spec.endpoint is required for http transport"), "spec.endpoint is required for http transport");
            }
            List<Located<String>> secrets = new ArrayList<>();
            for (Fields env : spec.objectList("env")) {
                env.string("secretRef").ifPresent(secrets::add);
            }
            spec.object("auth").string("secretRef").ifPresent(secrets::add);
            return new McpServer(meta, t, spec.string("command"), spec.string("endpoint"), secrets, spec.object("tool_filter").list("include"));
        }

        TaskSchedule schedule(Meta meta, Fields spec) {
            Optional<Located<String>> ref = taskRef(spec);
            Optional<Located<String>> cron = required(spec, "schedule", "spec.schedule is required");
            cron.ifPresent(c -> {
                if (!Cron.valid(c.value())) {
                    f.orloj(Diagnostic.of(Code.GH217, c.span(), "invalid spec.schedule `" + c.value() + "`: expected 5 cron fields with numbers, `*`, `a-b`, `a,b` and `/n`",
                            "names (MON, JAN) and macros (@hourly) are not supported"), "invalid spec.schedule \"" + c.value() + "\"");
                }
            });
            String zone = spec.string("time_zone").map(Located::value).orElse("UTC");
            spec.string("time_zone").ifPresent(z -> {
                try {
                    java.time.ZoneId.of(z.value());
                } catch (java.time.DateTimeException e) {
                    f.orloj(Diagnostic.of(Code.GH217, z.span(), "unknown time zone `" + z.value() + "`", "use an IANA name such as `Europe/Paris`"),
                            "invalid spec.time_zone \"" + z.value() + "\"");
                }
            });
            enumValue(spec, "concurrency_policy", List.of("forbid"), "forbid", "invalid spec.concurrency_policy \"%s\": expected forbid");
            integer(spec, "starting_deadline_seconds", "starting_deadline_seconds");
            integer(spec, "successful_history_limit", "successful_history_limit");
            integer(spec, "failed_history_limit", "failed_history_limit");
            return new TaskSchedule(meta, ref, cron, zone, bool(spec, "suspend"));
        }

        private Optional<Located<String>> taskRef(Fields spec) {
            Optional<Located<String>> ref = required(spec, "task_ref", "spec.task_ref is required");
            ref.ifPresent(r -> {
                String[] parts = r.value().split("/", -1);
                if (parts.length > 2 || Arrays.stream(parts).anyMatch(p -> p.strip().isEmpty())) {
                    f.orloj(Diagnostic.of(Code.GH212, r.span(), "invalid spec.task_ref `" + r.value() + "`: expected name or namespace/name"),
                            "invalid spec.task_ref \"" + r.value() + "\": expected name or namespace/name");
                }
            });
            return ref;
        }

        private boolean bool(Fields spec, String field) {
            Optional<ScalarNode> s = spec.scalar(field);
            if (s.isEmpty()) {
                return false;
            }
            String v = s.get().text().strip().toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                f.strict(Diagnostic.of(Code.GH207, s.get().span(), "`" + field + "` must be true or false, not `" + s.get().text() + "`",
                        "orloj reads anything but `true` or `1` as false"));
            }
            return v.equals("true") || v.equals("1");
        }

        TaskWebhook webhook(Meta meta, Fields spec) {
            Optional<Located<String>> ref = taskRef(spec);
            Fields auth = spec.object("auth");
            String profile = enumValue(auth, "profile", List.of("generic", "github"), "generic", "invalid spec.auth.profile \"%s\": expected generic or github").value();
            Optional<Located<String>> secret = required(auth, "secret_ref", "spec.auth.secret_ref is required");
            integer(auth, "max_skew_seconds", "auth.max_skew_seconds").filter(v -> v.value() < 0).ifPresent(v ->
                    f.orloj(Diagnostic.of(Code.GH212, v.span(), "spec.auth.max_skew_seconds must be >= 0"), "spec.auth.max_skew_seconds must be >= 0"));
            integer(spec.object("idempotency"), "dedupe_window_seconds", "idempotency.dedupe_window_seconds").filter(v -> v.value() < 0).ifPresent(v ->
                    f.orloj(Diagnostic.of(Code.GH212, v.span(), "spec.idempotency.dedupe_window_seconds must be >= 0"), "spec.idempotency.dedupe_window_seconds must be >= 0"));
            enumValue(spec.object("payload"), "mode", List.of("raw"), "raw", "invalid spec.payload.mode \"%s\": expected raw");
            return new TaskWebhook(meta, ref, profile, secret, bool(spec, "suspend"));
        }

        Worker worker(Meta meta, Fields spec) {
            Fields caps = spec.object("capabilities");
            return new Worker(meta, spec.string("region").map(Located::value).orElse(""), bool(caps, "gpu"),
                    caps.list("supported_models"), intOr(spec, "max_concurrent_tasks", "max_concurrent_tasks", 1));
        }

        ToolApproval approval(Meta meta, Fields spec, Fields top) {
            Optional<Located<String>> taskRef = required(spec, "task_ref", "spec.task_ref is required");
            Optional<Located<String>> tool = required(spec, "tool", "spec.tool is required");
            String ttl = duration(spec, "ttl", "ttl", true).map(Located::value).orElse("10m");
            taskRef.filter(r -> !r.value().contains("/")).ifPresent(r -> f.strict(Diagnostic.of(Code.GH410, r.span(),
                    "bare task_ref `" + r.value() + "` may resume a same-named task in another namespace (F16)", "write `namespace/" + r.value() + "`")));
            String phase = "Pending";
            Node status = top.node("status").orElse(null);
            if (status instanceof MapNode sm && sm.get("phase").orElse(null) instanceof ScalarNode p && !p.isNull()) {
                phase = p.text().strip();
                if (!List.of("Pending", "Approved", "Denied", "Expired").contains(phase)) {
                    f.orloj(Diagnostic.of(Code.GH204, p.span(), "invalid status.phase `" + phase + "` for ToolApproval: expected Pending, Approved, Denied or Expired (case-sensitive)"),
                            "invalid status.phase \"" + phase + "\" for ToolApproval");
                }
            }
            return new ToolApproval(meta, taskRef, tool, spec.string("agent"), ttl, phase);
        }
    }
}

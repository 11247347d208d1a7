package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Suggestions;
import dev.gatehouse.core.engine.ReasonCode;
import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentSystem;
import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.model.ModelEndpoint;
import dev.gatehouse.core.model.Task;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.Document;
import dev.gatehouse.core.parse.GoValues;
import dev.gatehouse.core.parse.ListNode;
import dev.gatehouse.core.parse.ManifestParser;
import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.parse.Node;
import dev.gatehouse.core.parse.ParsedFile;
import dev.gatehouse.core.parse.ReadLimits;
import dev.gatehouse.core.parse.ScalarNode;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads scenario files (docs/sandbox.md) with the positioned reader the manifests use, and checks them
 * against the workspace they test: every error a diagnostic with its position (an unknown field with "did you
 * mean", an unknown agent, tool or model, a bad duration), never an exception. A scenario with an error is not
 * returned, so nothing runs half-read.
 */
public final class ScenarioReader {
    // The field names each part of a scenario may have; resources/schemas/scenario.schema.json lists the same (a test checks).
    static final List<String> ROOT = List.of("apiVersion", "kind", "metadata", "spec");
    static final List<String> METADATA = List.of("name", "description");
    static final List<String> SPEC = List.of("namespace", "agent", "system", "task", "tools", "steps", "expect");
    static final List<String> STUB = List.of("response", "error", "delay", "sequence", "http", "process");
    static final List<String> OUTCOME = List.of("response", "error", "delay");
    static final List<String> ERROR = List.of("message", "retryable");
    static final List<String> HTTP = List.of("status", "body", "headers", "delay");
    static final List<String> PROCESS = List.of("command");
    static final List<String> STEP = List.of("name", "agent", "call", "model", "data", "advance", "approve", "deny", "repeat", "expect", "reason", "execution");
    static final List<String> ACTIONS = List.of("call", "model", "data", "advance", "approve", "deny");
    static final List<String> CALL = List.of("tool", "args");
    static final List<String> MODEL = List.of("model", "tokens");
    static final List<String> DATA = List.of("resource", "action");
    static final List<String> RESOLVE = List.of("tool");
    static final List<String> EXPECT = List.of("never_executed", "max_tokens", "outcome");
    /** What a step's tool run may end as: an attempt status, or {@code none} when the tool did not run. */
    static final List<String> EXECUTIONS = List.of("succeeded", "failed", "timed_out", "none");

    /** Stands in for the missing agent once "spec.agent or spec.system is required" has been said, so steps do not repeat it. */
    private static final Located<String> NOBODY = new Located<>("", Span.fileStart(new SourceId("")));

    private final ManifestParser parser;

    public ScenarioReader(ReadLimits limits) {
        this.parser = new ManifestParser(limits);
    }

    public ScenarioReader() {
        this(ReadLimits.DEFAULT);
    }

    /** What one file held: its scenarios when it has no error, and every finding. */
    public record Reading(SourceId file, List<Scenario> scenarios, List<Diagnostic> diagnostics) {
        public Reading {
            scenarios = List.copyOf(scenarios);
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    /** Every reason code a step may expect: the engine's and the runtime's. */
    public static Set<String> reasonCodes() {
        Set<String> out = new TreeSet<>();
        for (ReasonCode r : ReasonCode.values()) {
            out.add(r.wireName());
        }
        for (RunReason r : RunReason.values()) {
            out.add(r.wireName());
        }
        return out;
    }

    public Reading read(SourceInput in, Workspace ws) {
        if (in.ioError().isPresent()) {
            return new Reading(in.id(), List.of(), List.of(Diagnostic.of(Code.GH112, Span.fileStart(in.id()),
                    "file cannot be read: " + in.ioError().get())));
        }
        ParsedFile parsed = parser.parse(in.id(), in.bytes());
        List<Diagnostic> diags = new ArrayList<>(parsed.diagnostics());
        List<Scenario> scenarios = new ArrayList<>();
        if (parsed.readable()) {
            for (Document doc : parsed.documents()) {
                Walk walk = new Walk(in.id(), ws);
                Optional<Scenario> s = walk.scenario(doc.root());
                diags.addAll(walk.diags);
                if (walk.diags.stream().noneMatch(Diagnostic::isError)) {
                    s.ifPresent(scenarios::add);
                }
            }
        }
        diags.sort(Diagnostic.ORDER);
        return new Reading(in.id(), diags.stream().anyMatch(Diagnostic::isError) ? List.of() : scenarios, diags);
    }

    /**
     * Every name one scenario document writes for a resource, in the order written, read the way {@link #read} reads
     * them but without checking anything: a name is listed whether it resolves or not, and a part of the wrong shape
     * is skipped. {@code spec.agent}, {@code spec.steps[].agent} (Agent), {@code spec.system} (AgentSystem),
     * {@code spec.task} (Task), the keys of {@code spec.tools}, {@code call.tool}, {@code approve.tool},
     * {@code deny.tool} and {@code spec.expect.never_executed[]} (Tool), {@code model.model} (ModelEndpoint, when it
     * is an endpoint's name).
     */
    public static List<ScenarioReference> references(Node rootNode) {
        List<ScenarioReference> out = new ArrayList<>();
        if (!(rootNode instanceof MapNode root) || !(present(root, "spec").orElse(null) instanceof MapNode spec)) {
            return out;
        }
        String ns = name(spec, "namespace").map(Located::value).orElse("default");
        name(spec, "agent").ifPresent(v -> out.add(new ScenarioReference(Kind.AGENT, ns, v, "spec.agent")));
        name(spec, "system").ifPresent(v -> out.add(new ScenarioReference(Kind.AGENT_SYSTEM, ns, v, "spec.system")));
        name(spec, "task").ifPresent(v -> out.add(new ScenarioReference(Kind.TASK, ns, v, "spec.task")));
        if (present(spec, "tools").orElse(null) instanceof MapNode tools) {
            for (MapNode.Entry e : tools.entries()) {
                Located<String> tool = new Located<>(e.name().strip(), e.key().span());
                if (!tool.value().isEmpty()) {
                    out.add(new ScenarioReference(Kind.TOOL, ns, tool, "spec.tools"));
                }
            }
        }
        if (present(spec, "steps").orElse(null) instanceof ListNode steps) {
            for (int i = 0; i < steps.items().size(); i++) {
                if (!(steps.items().get(i) instanceof MapNode step)) {
                    continue;
                }
                String at = "spec.steps[" + i + "]";
                name(step, "agent").ifPresent(v -> out.add(new ScenarioReference(Kind.AGENT, ns, v, at + ".agent")));
                for (String action : List.of("call", "approve", "deny")) {
                    if (present(step, action).orElse(null) instanceof MapNode m) {
                        name(m, "tool").ifPresent(v -> out.add(new ScenarioReference(Kind.TOOL, ns, v, at + "." + action + ".tool")));
                    }
                }
                if (present(step, "model").orElse(null) instanceof MapNode m) {
                    name(m, "model").ifPresent(v -> out.add(new ScenarioReference(Kind.MODEL_ENDPOINT, ns, v, at + ".model.model")));
                }
            }
        }
        if (present(spec, "expect").orElse(null) instanceof MapNode expect
                && present(expect, "never_executed").orElse(null) instanceof ListNode never) {
            for (Node item : never.items()) {
                if (item instanceof ScalarNode s && !s.isNull() && !s.text().strip().isEmpty()) {
                    out.add(new ScenarioReference(Kind.TOOL, ns, new Located<>(s.text().strip(), s.span()), "spec.expect.never_executed"));
                }
            }
        }
        return out;
    }

    private static Optional<Node> present(MapNode m, String key) {
        return m.get(key).filter(n -> !(n instanceof ScalarNode s && s.isNull()));
    }

    /** A scalar's text, trimmed, as {@link #read} takes a name; empty for another shape or an empty text. */
    private static Optional<Located<String>> name(MapNode m, String key) {
        return present(m, key).filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast)
                .map(s -> new Located<>(s.text().strip(), s.span())).filter(l -> !l.value().isEmpty());
    }

    /** One document's reading: the diagnostics found on the way. */
    private static final class Walk {
        private final SourceId file;
        private final Workspace ws;
        private final List<Diagnostic> diags = new ArrayList<>();
        private final Map<Class<?>, Set<String>> names = new java.util.HashMap<>();
        private Set<String> models;
        private String namespace = "default";

        Walk(SourceId file, Workspace ws) {
            this.file = file;
            this.ws = ws;
        }

        Optional<Scenario> scenario(Node rootNode) {
            if (!(rootNode instanceof MapNode root)) {
                diags.add(Diagnostic.of(Code.GH109, rootNode.span(), "a scenario must be a mapping, not " + rootNode.shape()));
                return Optional.empty();
            }
            known(root, "", ROOT);
            Optional<Located<String>> api = string(root, "apiVersion", "");
            if (api.isEmpty() || !api.get().value().equals(ScenarioFiles.API_VERSION)) {
                diags.add(Diagnostic.of(Code.GH236, api.map(Located::span).orElse(root.span()),
                        "a scenario needs `apiVersion: " + ScenarioFiles.API_VERSION + "`" + api.map(a -> ", not `" + a.value() + "`").orElse(""),
                        "write `apiVersion: " + ScenarioFiles.API_VERSION + "`"));
            }
            Optional<Located<String>> kind = string(root, "kind", "");
            if (kind.isEmpty() || !kind.get().value().equals(ScenarioFiles.KIND)) {
                diags.add(Diagnostic.of(Code.GH236, kind.map(Located::span).orElse(root.span()),
                        "`" + kind.map(Located::value).orElse("") + "` is not a gatehouse.dev/v1 kind", "the only kind is `Scenario`"));
            }
            MapNode metadata = map(root, "metadata", "");
            Optional<Located<String>> name = Optional.empty();
            Optional<String> description = Optional.empty();
            if (metadata != null) {
                known(metadata, "metadata", METADATA);
                name = string(metadata, "name", "metadata");
                description = string(metadata, "description", "metadata").map(Located::value);
            }
            if (name.isEmpty()) {
                diags.add(Diagnostic.of(Code.GH231, metadata == null ? root.span() : metadata.span(), "metadata.name is required",
                        "name the scenario: reports and the audit log show it"));
            }
            MapNode spec = map(root, "spec", "");
            if (spec == null) {
                diags.add(Diagnostic.of(Code.GH231, root.span(), "spec is required", "add `spec:` with `agent:` and `steps:`"));
                return Optional.empty();
            }
            known(spec, "spec", SPEC);
            namespace = string(spec, "namespace", "spec").map(Located::value).orElse("default");
            Optional<Located<String>> agent = string(spec, "agent", "spec");
            Optional<Located<String>> system = string(spec, "system", "spec");
            Optional<Located<String>> task = string(spec, "task", "spec");
            Optional<AgentSystem> sys = context(agent, system, task, spec);

            Map<String, ToolStub> tools = new LinkedHashMap<>();
            MapNode toolsNode = map(spec, "tools", "spec");
            if (toolsNode != null) {
                for (MapNode.Entry e : toolsNode.entries()) {
                    Located<String> tool = new Located<>(e.name().strip(), e.key().span());
                    toolExists(tool);
                    stub(tool, e.value()).ifPresent(s -> tools.put(tool.value(), s));
                }
            }

            List<Step> steps = new ArrayList<>();
            Optional<Node> stepsNode = present(spec, "steps");
            if (stepsNode.isEmpty()) {
                diags.add(Diagnostic.of(Code.GH231, spec.span(), "spec.steps is required", "list what the agent does, one step per item"));
            } else if (!(stepsNode.get() instanceof ListNode list)) {
                wrongShape("spec.steps", stepsNode.get(), "a list");
            } else if (list.items().isEmpty()) {
                diags.add(Diagnostic.of(Code.GH231, list.span(), "spec.steps is empty", "list what the agent does, one step per item"));
            } else {
                int index = 0;
                for (Node item : list.items()) {
                    index++;
                    step(index, item, agent.isPresent() || system.isPresent() || task.isPresent() ? agent : Optional.of(NOBODY), sys)
                            .ifPresent(steps::add);
                }
            }
            sys.ifPresent(s -> checkOrder(s, steps, agent));

            Scenario.FinalExpectations expect = Scenario.FinalExpectations.NONE;
            MapNode expectNode = map(spec, "expect", "spec");
            if (expectNode != null) {
                expect = finalExpectations(expectNode);
            }
            if (name.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Scenario(file, name.get(), description, namespace, agent, system, task, tools, steps, expect, root.span()));
        }

        /** Resolves agent, system and task; the system a task runs is the scenario's system. */
        private Optional<AgentSystem> context(Optional<Located<String>> agent, Optional<Located<String>> system,
                                              Optional<Located<String>> task, MapNode spec) {
            if (agent.isEmpty() && system.isEmpty() && task.isEmpty()) {
                diags.add(Diagnostic.of(Code.GH231, spec.span(), "spec.agent or spec.system is required",
                        "name the agent the scenario drives, or an AgentSystem and Task whose agents it drives"));
            }
            agent.ifPresent(this::agentExists);
            Optional<AgentSystem> sys = Optional.empty();
            if (system.isPresent()) {
                sys = ws.find(AgentSystem.class, namespace, system.get().value());
                if (sys.isEmpty()) {
                    diags.add(unknown(Code.GH306, system.get(), "system", names(AgentSystem.class)));
                }
            }
            if (task.isPresent()) {
                Optional<Task> t = ws.find(Task.class, namespace, task.get().value());
                if (t.isEmpty()) {
                    diags.add(unknown(Code.GH308, task.get(), "task", names(Task.class)));
                } else {
                    Optional<String> runs = t.get().system().map(Located::value);
                    if (system.isPresent() && runs.isPresent() && !runs.get().equals(system.get().value())) {
                        diags.add(Diagnostic.of(Code.GH212, task.get().span(), "task `" + task.get().value() + "` runs system `" + runs.get()
                                + "`, not `" + system.get().value() + "`", "drop `spec.system`: the task's system is used"));
                    }
                    if (system.isEmpty() && runs.isPresent()) {
                        sys = ws.find(AgentSystem.class, namespace, runs.get());
                    }
                }
            }
            if (sys.isPresent() && agent.isPresent() && !member(sys.get(), agent.get().value())) {
                diags.add(Diagnostic.of(Code.GH331, agent.get().span(), "agent `" + agent.get().value() + "` is not in system `" + sys.get().name() + "`",
                        "add it to `spec.agents` of the system, or drop the system"));
            }
            return sys;
        }

        private static boolean member(AgentSystem s, String agent) {
            return s.agents().stream().anyMatch(a -> a.value().equals(agent));
        }

        /** Warns once when the steps, as written, do not follow Orloj's execution order; the runtime follows it. */
        private void checkOrder(AgentSystem sys, List<Step> steps, Optional<Located<String>> agent) {
            List<String> order = ExecutionOrder.of(sys);
            int last = -1;
            String lastAgent = null;
            for (Step s : steps) {
                Optional<String> a = s.agent().or(() -> agent).map(Located::value);
                if (a.isEmpty() || !order.contains(a.get())) {
                    continue;
                }
                int at = order.indexOf(a.get());
                if (at < last) {
                    diags.add(Diagnostic.of(Code.GH235, s.span(), "step " + s.index() + " acts as `" + a.get() + "`, which orloj runs before `"
                            + lastAgent + "`: the steps run in execution order " + String.join(" → ", order),
                            "write each agent's steps in that order"));
                    return;
                }
                last = at;
                lastAgent = a.get();
            }
        }

        private Optional<ToolStub> stub(Located<String> tool, Node value) {
            String path = "spec.tools." + tool.value();
            if (!(value instanceof MapNode m)) {
                wrongShape(path, value, "a mapping");
                return Optional.empty();
            }
            known(m, path, STUB);
            boolean single = present(m, "response").isPresent() || present(m, "error").isPresent() || present(m, "delay").isPresent();
            int forms = (single ? 1 : 0) + (present(m, "sequence").isPresent() ? 1 : 0) + (present(m, "http").isPresent() ? 1 : 0)
                    + (present(m, "process").isPresent() ? 1 : 0);
            if (forms == 0) {
                diags.add(Diagnostic.of(Code.GH234, m.span(), "tool stub `" + tool.value() + "` says nothing",
                        "give it a `response`, an `error`, a `delay`, a `sequence`, an `http` reply or a `process`"));
                return Optional.empty();
            }
            if (forms > 1) {
                diags.add(Diagnostic.of(Code.GH234, m.span(), "tool stub `" + tool.value() + "` mixes several forms",
                        "use one of: `response`/`error`/`delay`, `sequence`, `http`, `process`"));
                return Optional.empty();
            }
            if (single) {
                return outcome(m, path).map(o -> new ToolStub(tool, ToolStub.Backend.CANNED, List.of(o), List.of(), m.span()));
            }
            if (present(m, "sequence").isPresent()) {
                Node seq = present(m, "sequence").get();
                if (!(seq instanceof ListNode list) || list.items().isEmpty()) {
                    diags.add(Diagnostic.of(Code.GH234, seq.span(), "`" + path + ".sequence` must be a non-empty list of outcomes",
                            "one `- response:`, `- error:` or `- delay:` item per attempt; the last one repeats"));
                    return Optional.empty();
                }
                List<ToolStub.Outcome> outcomes = new ArrayList<>();
                int i = 0;
                for (Node item : list.items()) {
                    String at = path + ".sequence[" + i++ + "]";
                    if (!(item instanceof MapNode im)) {
                        wrongShape(at, item, "a mapping");
                        continue;
                    }
                    known(im, at, OUTCOME);
                    outcome(im, at).ifPresent(outcomes::add);
                }
                return outcomes.size() == list.items().size()
                        ? Optional.of(new ToolStub(tool, ToolStub.Backend.CANNED, outcomes, List.of(), m.span())) : Optional.empty();
            }
            if (present(m, "http").isPresent()) {
                MapNode http = map(m, "http", path);
                if (http == null) {
                    return Optional.empty();
                }
                known(http, path + ".http", HTTP);
                int status = 200;
                Optional<ScalarNode> statusNode = scalar(http, "status", path + ".http");
                if (statusNode.isPresent()) {
                    OptionalLong n = GoValues.atoi(statusNode.get().text().strip());
                    if (n.isEmpty() || n.getAsLong() < 100 || n.getAsLong() > 599) {
                        diags.add(Diagnostic.of(Code.GH212, statusNode.get().span(), "`" + path + ".http.status` must be an http status from 100 to 599, not `"
                                + statusNode.get().text() + "`"));
                        return Optional.empty();
                    }
                    status = (int) n.getAsLong();
                }
                String body = present(http, "body").map(Walk::text).orElse("");
                Map<String, String> headers = new LinkedHashMap<>();
                MapNode h = map(http, "headers", path + ".http");
                if (h != null) {
                    for (MapNode.Entry e : h.entries()) {
                        if (e.value() instanceof ScalarNode s) {
                            headers.put(e.name(), s.text());
                        } else {
                            wrongShape(path + ".http.headers." + e.name(), e.value(), "a scalar");
                        }
                    }
                }
                long delay = duration(http, "delay", path + ".http").orElse(0L);
                Optional<ToolStub.StubError> error = status >= 400
                        ? Optional.of(new ToolStub.StubError("http status " + status, status == 429 || status >= 500)) : Optional.empty();
                ToolStub.Outcome o = new ToolStub.Outcome(Optional.of(body), error, delay, status, headers);
                return Optional.of(new ToolStub(tool, ToolStub.Backend.HTTP, List.of(o), List.of(), m.span()));
            }
            MapNode process = map(m, "process", path);
            if (process == null) {
                return Optional.empty();
            }
            known(process, path + ".process", PROCESS);
            Optional<Node> command = present(process, "command");
            List<String> argv = new ArrayList<>();
            if (command.isEmpty()) {
                diags.add(Diagnostic.of(Code.GH231, process.span(), "`" + path + ".process.command` is required", "the program and its arguments, as a list"));
                return Optional.empty();
            }
            if (!(command.get() instanceof ListNode list) || list.items().isEmpty()) {
                wrongShape(path + ".process.command", command.get(), "a non-empty list");
                return Optional.empty();
            }
            for (Node item : list.items()) {
                if (item instanceof ScalarNode s && !s.isNull()) {
                    argv.add(s.text());
                } else {
                    wrongShape(path + ".process.command[]", item, "a scalar");
                    return Optional.empty();
                }
            }
            return Optional.of(new ToolStub(tool, ToolStub.Backend.PROCESS, List.of(), argv, m.span()));
        }

        private Optional<ToolStub.Outcome> outcome(MapNode m, String path) {
            Optional<Node> response = present(m, "response");
            Optional<Node> errorNode = present(m, "error");
            if (response.isPresent() && errorNode.isPresent()) {
                diags.add(Diagnostic.of(Code.GH234, errorNode.get().span(), "`" + path + "` has both a response and an error",
                        "an attempt either answers or fails: use a `sequence` for one of each"));
                return Optional.empty();
            }
            Optional<ToolStub.StubError> error = Optional.empty();
            if (errorNode.isPresent()) {
                Node e = errorNode.get();
                if (e instanceof ScalarNode s) {
                    error = Optional.of(new ToolStub.StubError(s.text(), false));
                } else if (e instanceof MapNode em) {
                    known(em, path + ".error", ERROR);
                    String message = string(em, "message", path + ".error").map(Located::value).orElse("tool error");
                    boolean retryable = false;
                    Optional<ScalarNode> r = scalar(em, "retryable", path + ".error");
                    if (r.isPresent()) {
                        String t = r.get().text().strip();
                        if (!t.equals("true") && !t.equals("false")) {
                            diags.add(Diagnostic.of(Code.GH207, r.get().span(), "`" + path + ".error.retryable` must be `true` or `false`, not `" + t + "`"));
                            return Optional.empty();
                        }
                        retryable = t.equals("true");
                    }
                    error = Optional.of(new ToolStub.StubError(message, retryable));
                } else {
                    wrongShape(path + ".error", e, "a message or a mapping with `message` and `retryable`");
                    return Optional.empty();
                }
            }
            Optional<Long> delay = duration(m, "delay", path);
            if (present(m, "delay").isPresent() && delay.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ToolStub.Outcome(response.map(Walk::text).or(() -> errorNodeAbsent(errorNode)), error,
                    delay.orElse(0L), error.isPresent() ? 500 : 200, Map.of()));
        }

        /** A stub with only a delay answers with an empty object once the delay is over. */
        private static Optional<String> errorNodeAbsent(Optional<Node> error) {
            return error.isPresent() ? Optional.empty() : Optional.of("{}");
        }

        private Optional<Step> step(int index, Node item, Optional<Located<String>> scenarioAgent, Optional<AgentSystem> sys) {
            String path = "spec.steps[" + (index - 1) + "]";
            if (!(item instanceof MapNode m)) {
                wrongShape(path, item, "a mapping");
                return Optional.empty();
            }
            known(m, path, STEP);
            List<MapNode.Entry> actions = m.entries().stream().filter(e -> ACTIONS.contains(e.name())).toList();
            if (actions.size() != 1) {
                diags.add(Diagnostic.of(Code.GH232, actions.size() > 1 ? actions.get(1).key().span() : m.span(),
                        "step " + index + " must do exactly one thing, not " + (actions.isEmpty() ? "nothing"
                                : actions.stream().map(e -> "`" + e.name() + "`").reduce((a, b) -> a + " and " + b).orElse("")),
                        "one of `call`, `model`, `data`, `advance`, `approve`, `deny` per step"));
                return Optional.empty();
            }
            Optional<Located<String>> agent = string(m, "agent", path);
            agent.ifPresent(a -> {
                if (agentExists(a) && sys.isPresent() && !member(sys.get(), a.value())) {
                    diags.add(Diagnostic.of(Code.GH331, a.span(), "agent `" + a.value() + "` is not in system `" + sys.get().name() + "`",
                            "a system scenario drives the agents of its system"));
                }
            });
            if (agent.isEmpty() && scenarioAgent.isEmpty()) {
                diags.add(Diagnostic.of(Code.GH231, m.span(), "step " + index + " names no agent", "add `agent:` to the step, or `spec.agent`"));
            }
            MapNode.Entry a = actions.get(0);
            String at = path + "." + a.name();
            Optional<Step.Action> action = switch (a.name()) {
                case "call" -> call(a.value(), at);
                case "model" -> model(a.value(), at);
                case "data" -> data(a.value(), at);
                case "advance" -> advance(a.value(), at);
                default -> resolve(a.name().equals("approve"), a.value(), at);
            };
            Optional<Step.Expectation> expect = expectation(m, path, a.name());
            int repeat = 1;
            Optional<ScalarNode> r = scalar(m, "repeat", path);
            if (r.isPresent()) {
                OptionalLong n = GoValues.atoi(r.get().text().strip());
                if (n.isEmpty() || n.getAsLong() < 1 || n.getAsLong() > 100_000) {
                    diags.add(Diagnostic.of(Code.GH205, r.get().span(), "`" + path + ".repeat` must be a whole number from 1 to 100000, not `" + r.get().text() + "`"));
                    return Optional.empty();
                }
                repeat = (int) n.getAsLong();
            }
            if (action.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Step(index, agent, action.get(), repeat, expect, m.span()));
        }

        private Optional<Step.Action> call(Node n, String path) {
            if (!(n instanceof MapNode m)) {
                wrongShape(path, n, "a mapping with `tool` and `args`");
                return Optional.empty();
            }
            known(m, path, CALL);
            Optional<Located<String>> tool = string(m, "tool", path);
            if (tool.isEmpty()) {
                diags.add(Diagnostic.of(Code.GH231, m.span(), "`" + path + ".tool` is required", "name the tool the model asks for"));
                return Optional.empty();
            }
            toolExists(tool.get());
            String args = "{}";
            Optional<Node> argsNode = present(m, "args");
            if (argsNode.isPresent()) {
                if (!(argsNode.get() instanceof MapNode)) {
                    wrongShape(path + ".args", argsNode.get(), "a mapping (a json object)");
                    return Optional.empty();
                }
                args = JsonText.of(argsNode.get());
            }
            return Optional.of(new Step.Call(tool.get(), args));
        }

        private Optional<Step.Action> model(Node n, String path) {
            if (!(n instanceof MapNode m)) {
                wrongShape(path, n, "a mapping with `model` and `tokens`");
                return Optional.empty();
            }
            known(m, path, MODEL);
            Optional<Located<String>> model = string(m, "model", path);
            if (model.isEmpty()) {
                diags.add(Diagnostic.of(Code.GH231, m.span(), "`" + path + ".model` is required", "a model id such as `gpt-4o`, or a ModelEndpoint name"));
                return Optional.empty();
            }
            Set<String> known = knownModels();
            if (!known.contains(model.get().value())) {
                diags.add(unknown(Code.GH330, model.get(), "model", known));
            }
            Optional<ScalarNode> tokens = scalar(m, "tokens", path);
            if (tokens.isEmpty()) {
                diags.add(Diagnostic.of(Code.GH231, m.span(), "`" + path + ".tokens` is required", "how many tokens the model turn uses"));
                return Optional.empty();
            }
            OptionalLong t = GoValues.atoi(tokens.get().text().strip());
            if (t.isEmpty() || t.getAsLong() < 0) {
                diags.add(Diagnostic.of(Code.GH205, tokens.get().span(), "`" + path + ".tokens` must be a whole number of tokens, not `" + tokens.get().text() + "`"));
                return Optional.empty();
            }
            return Optional.of(new Step.ModelUse(model.get(), t.getAsLong()));
        }

        private Optional<Step.Action> data(Node n, String path) {
            if (!(n instanceof MapNode m)) {
                wrongShape(path, n, "a mapping with `resource` and `action`");
                return Optional.empty();
            }
            known(m, path, DATA);
            Optional<Located<String>> resource = string(m, "resource", path);
            Optional<Located<String>> action = string(m, "action", path);
            if (resource.isEmpty() || action.isEmpty()) {
                diags.add(Diagnostic.of(Code.GH231, m.span(), "`" + path + "` needs `resource` and `action`", "e.g. `resource: orders/10452` and `action: read`"));
                return Optional.empty();
            }
            return Optional.of(new Step.DataAccess(resource.get(), action.get()));
        }

        private Optional<Step.Action> advance(Node n, String path) {
            if (!(n instanceof ScalarNode s) || s.isNull()) {
                wrongShape(path, n, "a duration such as `61s`");
                return Optional.empty();
            }
            Optional<Long> nanos = durationOf(s, path);
            return nanos.map(v -> new Step.Advance(new Located<>(s.text().strip(), s.span()), v));
        }

        private Optional<Step.Action> resolve(boolean approve, Node n, String path) {
            if (n instanceof ScalarNode s && s.isNull()) {
                return Optional.of(new Step.Resolve(approve, Optional.empty()));
            }
            if (!(n instanceof MapNode m)) {
                wrongShape(path, n, "`{}` or a mapping with `tool`");
                return Optional.empty();
            }
            known(m, path, RESOLVE);
            Optional<Located<String>> tool = string(m, "tool", path);
            tool.ifPresent(this::toolExists);
            return Optional.of(new Step.Resolve(approve, tool));
        }

        private Optional<Step.Expectation> expectation(MapNode m, String path, String action) {
            Optional<Located<String>> expect = string(m, "expect", path);
            Optional<Located<String>> reason = string(m, "reason", path);
            Optional<Located<String>> execution = string(m, "execution", path);
            if (expect.isEmpty() && reason.isEmpty() && execution.isEmpty()) {
                return Optional.empty();
            }
            if (execution.isPresent() && !List.of("call", "approve", "deny").contains(action)) {
                diags.add(Diagnostic.of(Code.GH233, execution.get().span(), "a `" + action + "` step runs no tool: it has no execution to expect",
                        "expect an execution on the `call` step, or on the `approve` step that lets the call run"));
                return Optional.empty();
            }
            if (execution.isPresent() && !EXECUTIONS.contains(execution.get().value())) {
                diags.add(Diagnostic.of(Code.GH233, execution.get().span(), "`" + execution.get().value()
                                + "` is not an execution outcome: expected succeeded, failed, timed_out or none",
                        Suggestions.hint(execution.get().value(), EXECUTIONS).orElse(null)));
                return Optional.empty();
            }
            if (action.equals("advance")) {
                Span at = expect.or(() -> reason).get().span();
                diags.add(Diagnostic.of(Code.GH233, at, "an `advance` step has no verdict to expect", "move the expectation to the step it is about"));
                return Optional.empty();
            }
            Optional<Located<Verdict>> verdict = Optional.empty();
            if (expect.isPresent()) {
                List<String> verdicts = List.of("allow", "deny", "approval_required");
                if (!verdicts.contains(expect.get().value())) {
                    diags.add(Diagnostic.of(Code.GH233, expect.get().span(), "`" + expect.get().value() + "` is not a verdict: expected allow, deny or approval_required",
                            Suggestions.hint(expect.get().value(), verdicts).orElse(null)));
                } else {
                    verdict = Optional.of(expect.get().map(Verdict::fromWire));
                }
            }
            if (reason.isPresent() && !reasonCodes().contains(reason.get().value())) {
                diags.add(Diagnostic.of(Code.GH233, reason.get().span(), "`" + reason.get().value() + "` is not a reason code",
                        Suggestions.hint(reason.get().value(), reasonCodes()).orElse("see docs/sandbox.md for the reason codes")));
                return Optional.empty();
            }
            return Optional.of(new Step.Expectation(verdict, reason, execution));
        }

        private Scenario.FinalExpectations finalExpectations(MapNode m) {
            known(m, "spec.expect", EXPECT);
            List<Located<String>> never = new ArrayList<>();
            Optional<Node> n = present(m, "never_executed");
            if (n.isPresent()) {
                if (n.get() instanceof ListNode list) {
                    for (Node item : list.items()) {
                        if (item instanceof ScalarNode s && !s.isNull()) {
                            Located<String> tool = new Located<>(s.text().strip(), s.span());
                            toolExists(tool);
                            never.add(tool);
                        } else {
                            wrongShape("spec.expect.never_executed[]", item, "a tool name");
                        }
                    }
                } else {
                    wrongShape("spec.expect.never_executed", n.get(), "a list of tool names");
                }
            }
            Optional<Located<Long>> maxTokens = Optional.empty();
            Optional<ScalarNode> mt = scalar(m, "max_tokens", "spec.expect");
            if (mt.isPresent()) {
                OptionalLong v = GoValues.atoi(mt.get().text().strip());
                if (v.isEmpty() || v.getAsLong() < 0) {
                    diags.add(Diagnostic.of(Code.GH205, mt.get().span(), "`spec.expect.max_tokens` must be a whole number, not `" + mt.get().text() + "`"));
                } else {
                    maxTokens = Optional.of(new Located<>(v.getAsLong(), mt.get().span()));
                }
            }
            Optional<Located<RunOutcome>> outcome = Optional.empty();
            Optional<Located<String>> o = string(m, "outcome", "spec.expect");
            if (o.isPresent()) {
                Optional<RunOutcome> parsed = RunOutcome.fromWire(o.get().value());
                if (parsed.isEmpty()) {
                    List<String> outcomes = List.of("succeeded", "failed", "waiting_approval");
                    diags.add(Diagnostic.of(Code.GH233, o.get().span(), "`" + o.get().value() + "` is not an outcome: expected succeeded, failed or waiting_approval",
                            Suggestions.hint(o.get().value(), outcomes).orElse(null)));
                } else {
                    outcome = Optional.of(new Located<>(parsed.get(), o.get().span()));
                }
            }
            return new Scenario.FinalExpectations(never, maxTokens, outcome);
        }

        // ------------------------------------------------------------------------------------------- references

        private boolean agentExists(Located<String> agent) {
            if (names(Agent.class).contains(agent.value())) {
                return true;
            }
            diags.add(unknown(Code.GH305, agent, "agent", names(Agent.class)));
            return false;
        }

        private void toolExists(Located<String> tool) {
            if (!names(Tool.class).contains(tool.value())) {
                diags.add(unknown(Code.GH302, tool, "tool", names(Tool.class)));
            }
        }

        private Diagnostic unknown(Code code, Located<String> name, String what, Set<String> known) {
            return Diagnostic.of(code, name.span(), "unknown " + what + " `" + name.value() + "` in namespace `" + namespace + "`",
                    Suggestions.hint(name.value(), known).orElse(known.isEmpty() ? "the workspace has none in this namespace"
                            : "known: " + String.join(", ", known)));
        }

        /** Names of a kind in the scenario's namespace, sorted; computed once per kind, as every step looks them up. */
        private <T extends dev.gatehouse.core.model.Resource> Set<String> names(Class<T> type) {
            return names.computeIfAbsent(type, t -> {
                Set<String> out = new TreeSet<>();
                ws.all(type).stream().filter(r -> r.namespace().equals(namespace)).forEach(r -> out.add(r.name()));
                return out;
            });
        }

        /** Model ids the namespace's endpoints serve or its agents list, and the endpoint names (resolved by the engine). */
        private Set<String> knownModels() {
            if (models != null) {
                return models;
            }
            Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (ModelEndpoint e : ws.all(ModelEndpoint.class)) {
                if (e.namespace().equals(namespace)) {
                    out.add(e.name());
                    e.defaultModel().ifPresent(m -> out.add(m.value()));
                }
            }
            for (Agent a : ws.all(Agent.class)) {
                if (a.namespace().equals(namespace)) {
                    a.seedModels().forEach(m -> out.add(m.value()));
                    a.seedModel().ifPresent(m -> out.add(m.value()));
                }
            }
            models = out;
            return out;
        }

        // ----------------------------------------------------------------------------------------------- fields

        private void known(MapNode m, String path, List<String> fields) {
            Set<String> seen = null;
            for (MapNode.Entry e : m.entries()) {
                if (fields.contains(e.name())) {
                    continue;
                }
                if (seen == null) {
                    seen = new LinkedHashSet<>();
                }
                if (seen.add(e.name())) {
                    String at = path.isEmpty() ? e.name() : path + "." + e.name();
                    diags.add(Diagnostic.of(Code.GH230, e.key().span(), "unknown field `" + at + "` in " + (path.isEmpty() ? "a scenario" : "`" + path + "`"),
                            Suggestions.hint(e.name(), fields).orElse("known: " + String.join(", ", fields))));
                }
            }
        }

        private static Optional<Node> present(MapNode m, String key) {
            return m.get(key).filter(n -> !(n instanceof ScalarNode s && s.isNull()));
        }

        private Optional<ScalarNode> scalar(MapNode m, String key, String path) {
            Optional<Node> n = present(m, key);
            if (n.isEmpty()) {
                return Optional.empty();
            }
            if (!(n.get() instanceof ScalarNode s)) {
                wrongShape(path.isEmpty() ? key : path + "." + key, n.get(), "a scalar");
                return Optional.empty();
            }
            return Optional.of(s);
        }

        private Optional<Located<String>> string(MapNode m, String key, String path) {
            return scalar(m, key, path).map(s -> new Located<>(s.text().strip(), s.span())).filter(l -> !l.value().isEmpty());
        }

        private MapNode map(MapNode m, String key, String path) {
            Optional<Node> n = present(m, key);
            if (n.isEmpty()) {
                return null;
            }
            if (!(n.get() instanceof MapNode child)) {
                wrongShape(path.isEmpty() ? key : path + "." + key, n.get(), "a mapping");
                return null;
            }
            return child;
        }

        private Optional<Long> duration(MapNode m, String key, String path) {
            return scalar(m, key, path).flatMap(s -> durationOf(s, path + "." + key));
        }

        private Optional<Long> durationOf(ScalarNode s, String path) {
            String t = s.text().strip();
            OptionalLong nanos = GoValues.durationNanos(t);
            if (nanos.isEmpty()) {
                diags.add(Diagnostic.of(Code.GH206, s.span(), "`" + path + "` is not a duration: `" + t + "`", "write a go duration such as `500ms`, `30s` or `1h30m`"));
                return Optional.empty();
            }
            if (nanos.getAsLong() < 0) {
                diags.add(Diagnostic.of(Code.GH206, s.span(), "`" + path + "` must not be negative: `" + t + "`", "the virtual clock only moves forward"));
                return Optional.empty();
            }
            return Optional.of(nanos.getAsLong());
        }

        private void wrongShape(String path, Node n, String expected) {
            diags.add(Diagnostic.of(Code.GH202, n.span(), "`" + path + "` must be " + expected + ", not " + n.shape()));
        }

        /** A response or body as text: a scalar as written, a mapping or list as compact JSON. */
        private static String text(Node n) {
            return n instanceof ScalarNode s ? s.text() : JsonText.of(n);
        }
    }
}

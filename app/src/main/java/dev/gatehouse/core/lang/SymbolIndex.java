package dev.gatehouse.core.lang;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.edit.WorkspaceEdit;
import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentPolicy;
import dev.gatehouse.core.model.AgentSystem;
import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.model.Manifest;
import dev.gatehouse.core.model.McpServer;
import dev.gatehouse.core.model.Memory;
import dev.gatehouse.core.model.ModelEndpoint;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.Task;
import dev.gatehouse.core.model.TaskSchedule;
import dev.gatehouse.core.model.TaskWebhook;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.ToolPermission;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every definition and reference of a workspace, with how each reference was written, so that it can be resolved
 * (Orloj's case and namespace rules) and rewritten exactly. Built once per read workspace.
 */
final class SymbolIndex {
    /** How the name sits in the written value: the whole value, {@code [ns/]name}, or a secret's {@code [ns/]name[:key]}. */
    enum Form { BARE, QUALIFIED, SECRET }

    /** A reference with what rewriting it needs: the written value, which characters of it are the name, how it was quoted. */
    record Site(Reference reference, Located<String> value, int nameFrom, int nameTo, Written written) {
    }

    /** A definition with how its name was written. */
    record Named(Definition definition, Located<String> value, Written written, Resource resource) {
    }

    private final Workspace workspace;
    private final Map<SourceId, SourceText> texts;
    private final List<Named> definitions = new ArrayList<>();
    private final List<Site> sites = new ArrayList<>();
    /** Resolutions computed once: the caret moves often, the workspace only on a re-read. */
    private final Map<Reference, List<Definition>> resolved = new HashMap<>();
    private final Map<Definition, List<Site>> usages = new HashMap<>();

    SymbolIndex(Workspace workspace, Map<SourceId, SourceText> texts) {
        this.workspace = workspace;
        this.texts = texts;
        for (Manifest m : workspace.manifests()) {
            Resource r = m.resource();
            if (r.name().isEmpty()) {
                continue;
            }
            Written w = Written.of(r.meta().name(), text(r.meta().file()));
            Span span = w.partOrWhole(0, r.name().length());
            definitions.add(new Named(new Definition(r.meta().kind(), r.namespace(), r.name(), span), r.meta().name(), w, r));
        }
        for (Named n : definitions) {
            references(n);
        }
        droppedDuplicates();
        sites.sort(Comparator.comparing(s -> s.reference().span()));
        for (Site site : sites) {
            List<Definition> targets = resolve(site.reference());
            resolved.put(site.reference(), targets);
            if (site.reference().match() != Match.MODEL_ID) {
                targets.forEach(d -> usages.computeIfAbsent(d, k -> new ArrayList<>()).add(site));
            }
        }
    }

    Workspace workspace() {
        return workspace;
    }

    Optional<SourceText> text(SourceId file) {
        return Optional.ofNullable(texts.get(file));
    }

    /** Every text the index was given, manifests or not (scenario files among them), in path order. */
    List<SourceText> texts() {
        return texts.values().stream().sorted(Comparator.comparing(SourceText::id)).toList();
    }

    List<Named> named() {
        return definitions;
    }

    List<Site> sites() {
        return sites;
    }

    List<Definition> definitions() {
        return definitions.stream().map(Named::definition).toList();
    }

    List<Reference> references() {
        return sites.stream().map(Site::reference).toList();
    }

    // ------------------------------------------------------------------ what each kind references (ORLOJ.md §5.1)

    private void references(Named owner) {
        Resource r = owner.resource();
        Definition from = owner.definition();
        switch (r.meta().kind()) {
            case AGENT -> {
                Agent a = (Agent) r;
                a.modelRef().ifPresent(v -> add(from, v, Kind.MODEL_ENDPOINT, Match.EXACT, Form.QUALIFIED, "spec.model_ref"));
                a.tools().forEach(v -> add(from, v, Kind.TOOL, Match.EXACT, Form.BARE, "spec.tools"));
                a.allowedTools().ifPresent(l -> l.forEach(v -> add(from, v, Kind.TOOL, Match.IGNORE_CASE, Form.BARE, "spec.allowed_tools")));
                a.roles().forEach(v -> add(from, v, Kind.AGENT_ROLE, Match.EXACT, Form.QUALIFIED, "spec.roles"));
                a.memory().flatMap(Agent.MemoryBinding::ref).ifPresent(v -> add(from, v, Kind.MEMORY, Match.EXACT, Form.BARE, "spec.memory.ref"));
                a.execution().toolSequence().forEach(v -> add(from, v, Kind.TOOL, Match.IGNORE_CASE, Form.BARE, "spec.execution.tool_sequence"));
            }
            case AGENT_SYSTEM -> {
                AgentSystem s = (AgentSystem) r;
                s.agents().forEach(v -> add(from, v, Kind.AGENT, Match.EXACT, Form.BARE, "spec.agents"));
                for (AgentSystem.GraphNode n : s.graph()) {
                    add(from, n.name(), Kind.AGENT, Match.EXACT, Form.BARE, "spec.graph");
                    n.next().ifPresent(v -> add(from, v, Kind.AGENT, Match.EXACT, Form.BARE, "spec.graph.next"));
                    n.edges().forEach(v -> add(from, v, Kind.AGENT, Match.EXACT, Form.BARE, "spec.graph.edges.to"));
                }
            }
            case TASK -> ((Task) r).system().ifPresent(v -> add(from, v, Kind.AGENT_SYSTEM, Match.EXACT, Form.BARE, "spec.system"));
            case TOOL_PERMISSION -> {
                ToolPermission p = (ToolPermission) r;
                if (!implicitToolRef(p)) {
                    add(from, p.toolRef(), Kind.TOOL, Match.IGNORE_CASE, Form.BARE, "spec.tool_ref");
                }
                p.targetAgents().forEach(v -> add(from, v, Kind.AGENT, Match.IGNORE_CASE, Form.BARE, "spec.target_agents"));
            }
            case AGENT_POLICY -> {
                AgentPolicy p = (AgentPolicy) r;
                p.targetSystems().forEach(v -> add(from, v, Kind.AGENT_SYSTEM, Match.IGNORE_CASE_ANY_NAMESPACE, Form.BARE, "spec.target_systems"));
                p.targetTasks().forEach(v -> add(from, v, Kind.TASK, Match.IGNORE_CASE_ANY_NAMESPACE, Form.BARE, "spec.target_tasks"));
                p.blockedTools().forEach(v -> add(from, v, Kind.TOOL, Match.IGNORE_CASE_ANY_NAMESPACE, Form.BARE, "spec.blocked_tools"));
                p.allowedModels().forEach(v -> add(from, v, Kind.MODEL_ENDPOINT, Match.MODEL_ID, Form.BARE, "spec.allowed_models"));
            }
            case TOOL -> {
                Tool t = (Tool) r;
                t.auth().flatMap(Tool.Auth::secretRef).ifPresent(v -> add(from, v, Kind.SECRET, Match.EXACT, Form.SECRET, "spec.auth.secretRef"));
                t.mcpServerRef().ifPresent(v -> add(from, v, Kind.MCP_SERVER, Match.EXACT, Form.BARE, "spec.mcp_server_ref"));
            }
            case MODEL_ENDPOINT -> ((ModelEndpoint) r).secretRef().ifPresent(v -> add(from, v, Kind.SECRET, Match.EXACT, Form.SECRET, "spec.auth.secretRef"));
            case MEMORY -> {
                Memory m = (Memory) r;
                m.embeddingModel().ifPresent(v -> add(from, v, Kind.MODEL_ENDPOINT, Match.EXACT, Form.QUALIFIED, "spec.embedding_model"));
                m.secretRef().ifPresent(v -> add(from, v, Kind.SECRET, Match.EXACT, Form.SECRET, "spec.auth.secretRef"));
            }
            case MCP_SERVER -> ((McpServer) r).secretRefs().forEach(v -> add(from, v, Kind.SECRET, Match.EXACT, Form.SECRET, "spec.secretRef"));
            case TASK_SCHEDULE -> ((TaskSchedule) r).taskRef().ifPresent(v -> add(from, v, Kind.TASK, Match.EXACT, Form.QUALIFIED, "spec.task_ref"));
            case TASK_WEBHOOK -> {
                TaskWebhook w = (TaskWebhook) r;
                w.taskRef().ifPresent(v -> add(from, v, Kind.TASK, Match.EXACT, Form.QUALIFIED, "spec.task_ref"));
                w.secretRef().ifPresent(v -> add(from, v, Kind.SECRET, Match.EXACT, Form.SECRET, "spec.auth.secret_ref"));
            }
            case AGENT_ROLE, SECRET, TOOL_APPROVAL, WORKER -> {
                // AgentRole permission strings name no resource (see docs/semantics.md "Language services");
                // a ToolApproval is written by the runtime, not by hand.
            }
        }
    }

    /** The lists whose duplicates the reader drops (with GH214) although they are references, by owner kind and path. */
    private static final Map<String, Listed> DEDUPLICATED = Map.of(
            Kind.AGENT + "|spec.roles", new Listed(Kind.AGENT_ROLE, Match.EXACT, Form.QUALIFIED),
            Kind.AGENT + "|spec.allowed_tools", new Listed(Kind.TOOL, Match.IGNORE_CASE, Form.BARE),
            Kind.AGENT + "|spec.execution.tool_sequence", new Listed(Kind.TOOL, Match.IGNORE_CASE, Form.BARE),
            Kind.TOOL_PERMISSION + "|spec.target_agents", new Listed(Kind.AGENT, Match.IGNORE_CASE, Form.BARE));

    /** What the entries of a reference list name, and how. */
    private record Listed(Kind kind, Match match, Form form) {
    }

    /**
     * Orloj drops a repeated role or target agent, and so does the model, but the text still names the resource
     * there: a rename must rewrite it too. The reader reports each dropped entry (GH214) at its span and path.
     */
    private void droppedDuplicates() {
        for (Diagnostic d : workspace.diagnostics()) {
            String m = d.message();
            int in = m.lastIndexOf(" in `");
            Optional<SourceText> t = text(d.span().file());
            if (d.code() != Code.GH214 || in < 0 || !m.endsWith("`") || t.isEmpty()) {
                continue;
            }
            String path = m.substring(in + 5, m.length() - 1);
            for (Named owner : definitions) {
                Span doc = owner.resource().meta().span();
                Listed spec = DEDUPLICATED.get(owner.definition().kind() + "|" + path);
                if (spec == null || !doc.file().equals(d.span().file()) || d.span().line() < doc.line() || d.span().line() > doc.endLine()) {
                    continue;
                }
                int start = WorkspaceEdit.offset(t.get(), d.span().line(), d.span().column());
                int end = WorkspaceEdit.offset(t.get(), d.span().endLine(), d.span().endColumn());
                if (start < 0 || end < start) {
                    continue;
                }
                String raw = t.get().text().substring(start, end);
                if (raw.indexOf('\\') >= 0) {
                    continue;
                }
                String value = YamlLines.unquote(raw).strip();
                add(owner.definition(), new Located<>(value, d.span()), spec.kind(), spec.match(), spec.form(), path);
            }
        }
    }

    /** A ToolPermission without {@code tool_ref} governs the tool of its own name: the reader points the default at metadata.name. */
    static boolean implicitToolRef(ToolPermission p) {
        return p.toolRef().span().equals(p.meta().name().span());
    }

    private void add(Definition owner, Located<String> value, Kind kind, Match match, Form form, String field) {
        String v = value.value();
        if (v.isEmpty()) {
            return;
        }
        String namespace = owner.namespace();
        int from = 0;
        int to = v.length();
        if (form == Form.SECRET && v.indexOf(':') >= 0) {
            to = v.indexOf(':');
        }
        if ((form == Form.QUALIFIED || form == Form.SECRET) && v.substring(0, to).indexOf('/') >= 0) {
            int slash = v.indexOf('/');
            namespace = v.substring(0, slash).strip();
            from = slash + 1;
        }
        while (from < to && Character.isWhitespace(v.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(v.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            return;
        }
        String name = v.substring(from, to);
        Written w = Written.of(value, text(value.span().file()));
        Reference ref = new Reference(w.partOrWhole(from, to), kind, namespace, name, match, field, owner);
        sites.add(new Site(ref, value, from, to, w));
    }

    // ------------------------------------------------------------------ resolution

    /** What a reference names; several for names matched in every namespace, none when it dangles. */
    List<Definition> targets(Reference ref) {
        List<Definition> known = resolved.get(ref);
        return known != null ? known : resolve(ref);
    }

    private List<Definition> resolve(Reference ref) {
        List<Definition> out = new ArrayList<>();
        if (ref.match() == Match.MODEL_ID) {
            return modelIdDefinitions(ref.name());
        }
        for (Named n : definitions) {
            Definition d = n.definition();
            if (d.kind() != ref.kind()) {
                continue;
            }
            boolean hit = switch (ref.match()) {
                case EXACT -> d.namespace().equals(ref.namespace()) && d.name().equals(ref.name());
                case IGNORE_CASE -> d.namespace().equals(ref.namespace()) && d.name().equalsIgnoreCase(ref.name());
                case IGNORE_CASE_ANY_NAMESPACE -> d.name().equalsIgnoreCase(ref.name());
                case MODEL_ID -> false;
            };
            if (hit) {
                out.add(d);
            }
        }
        return List.copyOf(out);
    }

    /** The ModelEndpoints serving a model id, each with the span of its {@code default_model} value. */
    List<Definition> modelIdDefinitions(String modelId) {
        List<Definition> out = new ArrayList<>();
        for (Named n : definitions) {
            if (n.resource() instanceof ModelEndpoint e && e.defaultModel().isPresent()
                    && e.defaultModel().get().value().equalsIgnoreCase(modelId)) {
                Located<String> m = e.defaultModel().get();
                Span span = Written.of(m, text(m.span().file())).partOrWhole(0, m.value().length());
                out.add(new Definition(Kind.MODEL_ENDPOINT, e.namespace(), e.name(), span));
            }
        }
        return List.copyOf(out);
    }

    /** The model id whose {@code default_model} value is at the caret, if any. */
    Optional<String> modelIdAt(Caret caret) {
        for (Named n : definitions) {
            if (n.resource() instanceof ModelEndpoint e && e.defaultModel().isPresent()) {
                for (Definition d : modelIdDefinitions(e.defaultModel().get().value())) {
                    if (d.namespace().equals(e.namespace()) && d.name().equals(e.name()) && contains(d.span(), caret)) {
                        return Optional.of(e.defaultModel().get().value());
                    }
                }
            }
        }
        return Optional.empty();
    }

    Optional<Named> definitionAt(Caret caret) {
        return definitions.stream().filter(n -> contains(n.definition().span(), caret)).findFirst();
    }

    Optional<Site> siteAt(Caret caret) {
        return sites.stream().filter(s -> contains(s.reference().span(), caret)).findFirst();
    }

    /** The references naming one definition (model ids aside). */
    List<Site> sitesOf(Definition d) {
        return List.copyOf(usages.getOrDefault(d, List.of()));
    }

    /** The caret is on a span when it is between its first character and just past its last. */
    static boolean contains(Span s, Caret c) {
        if (!s.file().equals(c.file())) {
            return false;
        }
        boolean afterStart = c.line() > s.line() || (c.line() == s.line() && c.column() >= s.column());
        boolean beforeEnd = c.line() < s.endLine() || (c.line() == s.endLine() && c.column() <= s.endColumn());
        return afterStart && beforeEnd;
    }

    static <T> List<T> distinct(List<T> items) {
        Set<T> seen = new LinkedHashSet<>(items);
        return List.copyOf(seen);
    }
}

package dev.gatehouse.core.edit;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Fix;
import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.ManifestBinder;
import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.parse.ScalarNode;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.validate.ValidationResult;
import dev.gatehouse.core.validate.Validator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quick fixes of findings whose repair needs the workspace as well as the text, attached to the findings of a
 * validation. An Agent's missing {@code spec.model_ref} (GH203) gets one fix per name {@code model_ref} can hold in
 * the agent's namespace ({@link Validator#modelRefNames}, sorted), and none when there is none: a name is never
 * made up. Each fix is a formatting-preserving edit ({@link YamlEdits}, {@link JsonEdits}) of the text given, so
 * comments and layout elsewhere stay byte for byte.
 */
public final class QuickFixes {
    private final Workspace ws;
    private final Map<SourceId, String> texts;
    private final Map<SourceId, Optional<ManifestEdits>> edits = new HashMap<>();
    private final Map<String, List<String>> names = new HashMap<>();
    private Map<SourceId, List<Agent>> agentsByFile;

    private QuickFixes(Workspace ws, Map<SourceId, String> texts) {
        this.ws = ws;
        this.texts = texts;
    }

    /**
     * The result with the fixes of its findings attached, computed on {@code texts} (path to the text the editor
     * shows; a file not in it gets no fix). The findings themselves, their order and their other fixes are kept.
     */
    public static ValidationResult attach(ValidationResult result, Map<SourceId, String> texts) {
        QuickFixes q = new QuickFixes(result.workspace(), texts);
        List<Diagnostic> out = new ArrayList<>(result.diagnostics().size());
        boolean changed = false;
        for (Diagnostic d : result.diagnostics()) {
            Diagnostic fixed = d;
            if (d.code() == Code.GH203 && d.message().equals(ManifestBinder.MODEL_REF_REQUIRED)) {
                for (Fix f : q.modelRef(d)) {
                    fixed = fixed.withFix(f);
                }
            }
            changed |= fixed != d;
            out.add(fixed);
        }
        return changed ? new ValidationResult(result.workspace(), out) : result;
    }

    /** One fix per endpoint name: {@code model_ref: <name>} first under {@code spec:}, or the empty {@code model_ref} given it. */
    private List<Fix> modelRef(Diagnostic d) {
        SourceId file = d.span().file();
        Optional<Agent> agent = agentAt(d);
        Optional<ManifestEdits> e = agent.filter(a -> a.meta().document() == 0).isEmpty() ? Optional.empty()
                : edits.computeIfAbsent(file, f -> Optional.ofNullable(texts.get(f)).flatMap(t -> ManifestEdits.of(f, t)));
        if (e.isEmpty()) {
            return List.of();
        }
        List<String> candidates = names.computeIfAbsent(agent.get().namespace(), ns -> Validator.modelRefNames(ws, ns));
        Optional<String> written = writtenKey(e.get());
        if (written.isPresent() && !(e.get().node(List.of("spec", written.get())).orElseThrow() instanceof ScalarNode)) {
            return List.of();
        }
        List<Fix> out = new ArrayList<>();
        for (String name : candidates) {
            Optional<TextEdit> edit = written.isPresent()
                    ? e.get().setScalar(List.of("spec", written.get()), name)
                    : e.get().addFirstField(List.of("spec"), "model_ref", name);
            edit.ifPresent(t -> out.add(new Fix("write `model_ref: " + name + "`", t.span(), t.replacement())));
        }
        return out;
    }

    /** The key an empty {@code model_ref} is written under ({@code modelRef} is an alias in YAML), if it is written. */
    private static Optional<String> writtenKey(ManifestEdits e) {
        if (!(e.node(List.of("spec")).orElse(null) instanceof MapNode spec)) {
            return Optional.empty();
        }
        for (MapNode.Entry entry : spec.entries()) {
            if (entry.name().equals("model_ref") || (e instanceof YamlEdits && entry.name().equals("modelRef"))) {
                return Optional.of(entry.name());
            }
        }
        return Optional.empty();
    }

    /** The agent whose document holds the finding. */
    private Optional<Agent> agentAt(Diagnostic d) {
        if (agentsByFile == null) {
            agentsByFile = new HashMap<>();
            for (Agent a : ws.all(Agent.class)) {
                agentsByFile.computeIfAbsent(a.meta().file(), k -> new ArrayList<>()).add(a);
            }
        }
        return agentsByFile.getOrDefault(d.span().file(), List.of()).stream()
                .filter(a -> a.meta().span().line() <= d.span().line() && d.span().line() <= a.meta().span().endLine()).findFirst();
    }
}

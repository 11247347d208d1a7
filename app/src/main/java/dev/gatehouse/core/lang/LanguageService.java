package dev.gatehouse.core.lang;

import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The editor's language services over one read workspace and the texts it was read from: the symbol index, go to
 * definition, find references, rename and completion. Pure and immutable: build one per read (off the FX thread)
 * and ask it as often as the caret moves. Completion takes the text being typed, which may not parse; every other
 * service answers about the texts given here.
 */
public final class LanguageService {
    private final SymbolIndex index;

    private LanguageService(SymbolIndex index) {
        this.index = index;
    }

    /** The services over a workspace and the texts (path to text) its files were read from. */
    public static LanguageService of(Workspace workspace, Map<SourceId, String> texts) {
        Map<SourceId, SourceText> sources = new HashMap<>();
        texts.forEach((id, text) -> sources.put(id, new SourceText(id, text)));
        return new LanguageService(new SymbolIndex(workspace, Map.copyOf(sources)));
    }

    /** The caret at a char offset of one of the texts; empty for a file this service was not given. */
    public Optional<Caret> caret(SourceId file, int offset) {
        return index.text(file).map(t -> Caret.at(t, offset));
    }

    /** Every resource definition, in reading order. */
    public List<Definition> definitions() {
        return index.definitions();
    }

    /** Every reference by name, in span order. */
    public List<Reference> references() {
        return index.references();
    }

    /** What a reference names: one definition, several for names matched in every namespace, none when it dangles. */
    public List<Definition> targets(Reference reference) {
        return index.targets(reference);
    }

    /** Go to definition: the definitions of the name at the caret (the resource itself on a {@code metadata.name}). */
    public List<Definition> definition(Caret caret) {
        Optional<SymbolIndex.Site> site = index.siteAt(caret);
        if (site.isPresent()) {
            return index.targets(site.get().reference());
        }
        Optional<SymbolIndex.Named> named = index.definitionAt(caret);
        if (named.isPresent()) {
            return List.of(named.get().definition());
        }
        return index.modelIdAt(caret).map(index::modelIdDefinitions).orElse(List.of());
    }

    /**
     * Find references: for a definition or a reference at the caret, the definitions it is about and every reference
     * to them. A reference that dangles gathers the references spelling the same name the same way. Empty when the
     * caret is on no name.
     */
    public Optional<Usages> usages(Caret caret) {
        Optional<SymbolIndex.Site> site = index.siteAt(caret);
        Optional<SymbolIndex.Named> named = index.definitionAt(caret);
        Optional<String> modelId = site.filter(s -> s.reference().match() == Match.MODEL_ID).map(s -> s.reference().name())
                .or(() -> named.isPresent() ? Optional.empty() : index.modelIdAt(caret));
        if (modelId.isPresent()) {
            List<Reference> refs = index.references().stream()
                    .filter(r -> r.match() == Match.MODEL_ID && r.name().equalsIgnoreCase(modelId.get())).toList();
            return Optional.of(new Usages(index.modelIdDefinitions(modelId.get()), refs));
        }
        List<Definition> defs;
        if (named.isPresent()) {
            defs = List.of(named.get().definition());
        } else if (site.isPresent()) {
            defs = index.targets(site.get().reference());
            if (defs.isEmpty()) {
                Reference dangling = site.get().reference();
                List<Reference> same = index.references().stream().filter(r -> r.kind() == dangling.kind()
                        && r.match() != Match.MODEL_ID && index.targets(r).isEmpty()
                        && r.name().equalsIgnoreCase(dangling.name())
                        && (r.namespace().equals(dangling.namespace()) || r.match() == Match.IGNORE_CASE_ANY_NAMESPACE
                        || dangling.match() == Match.IGNORE_CASE_ANY_NAMESPACE)).toList();
                return Optional.of(new Usages(List.of(), same));
            }
        } else {
            return Optional.empty();
        }
        List<Reference> refs = new ArrayList<>();
        for (Definition d : defs) {
            index.sitesOf(d).forEach(s -> refs.add(s.reference()));
        }
        List<Reference> sorted = new ArrayList<>(SymbolIndex.distinct(refs));
        sorted.sort(Comparator.comparing(Reference::span));
        return Optional.of(new Usages(defs, sorted));
    }

    /**
     * Renames the resource whose name or reference is at the caret: {@code metadata.name} and every reference in every
     * file, each written in its own quoting style, and the names the scenario files among the texts write for it (a
     * scenario file that cannot be read is left as written, and a note says so). Refused, with the reason, for a name that is empty, not a valid name
     * (docs/semantics.md "Language services") or taken by a resource of that kind in that namespace, and for a rename
     * that would change what some reference names.
     */
    public RenameResult rename(Caret caret, String newName) {
        return new Renamer(index).rename(caret, newName);
    }

    /**
     * Completion at a char offset of {@code text}, the current (possibly unparseable) text of {@code file}: field names
     * for the kind and YAML path at the caret, enum values, and the names of existing resources for reference fields,
     * filtered by the prefix typed. The path is read from the raw lines; the names from this service's workspace.
     */
    public List<Completion> complete(SourceId file, String text, int offset) {
        return new Completer(index).complete(new SourceText(file, text), offset);
    }
}

package dev.gatehouse.ui.workspace;

import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentSystem;
import dev.gatehouse.core.model.ModelEndpoint;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.edit.WorkspaceEdit;
import dev.gatehouse.core.lang.Caret;
import dev.gatehouse.core.lang.LanguageService;
import dev.gatehouse.core.lang.RenameResult;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.workspace.AtomicFiles;
import dev.gatehouse.core.workspace.FolderWatcher;
import dev.gatehouse.core.workspace.Recovery;
import dev.gatehouse.ui.common.TaskRunner;
import dev.gatehouse.ui.editor.CompletionItem;
import dev.gatehouse.ui.editor.NameSpan;
import dev.gatehouse.ui.editor.SourceDocument;
import dev.gatehouse.ui.form.FormViewModel;
import dev.gatehouse.ui.matrix.MatrixViewModel;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static dev.gatehouse.ui.common.Failures.reason;

/**
 * The state of the workspace window. With its package-private {@link LoadedWorkspace} and {@link Outline} it is
 * the only UI code that talks to core: it reads and validates a folder through the {@link TaskRunner}, then
 * publishes rows, tree, counts and file texts; views only bind to it. A read that finishes after a
 * newer one started is dropped, so the window never shows an older workspace over a newer one.
 */
public final class WorkspaceViewModel {
    public static final String APP_TITLE = "Gatehouse";
    public static final String NO_WORKSPACE_HINT = "Open a workspace (Ctrl+O)";
    public static final String OPEN_FILE_HINT = "Double-click a problem, file or resource to open it";
    public static final String NO_WORKSPACE_PROBLEMS = "No workspace open";
    public static final String NO_PROBLEMS = "No problems";

    private static final System.Logger LOG = System.getLogger(WorkspaceViewModel.class.getName());

    private final TaskRunner runner;
    private final LastWorkspace lastWorkspace;
    private final MatrixViewModel matrix;
    private final FormViewModel form;

    private final ReadOnlyObjectWrapper<Path> root = new ReadOnlyObjectWrapper<>(this, "root");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", APP_TITLE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper(this, "hint", NO_WORKSPACE_HINT);
    private final ReadOnlyStringWrapper noProblemsMessage = new ReadOnlyStringWrapper(this, "noProblemsMessage", NO_WORKSPACE_PROBLEMS);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper hasErrors = new ReadOnlyBooleanWrapper(this, "hasErrors");
    private final ReadOnlyBooleanWrapper hasWarnings = new ReadOnlyBooleanWrapper(this, "hasWarnings");
    private final ReadOnlyObjectWrapper<NavigationNode> outline = new ReadOnlyObjectWrapper<>(this, "outline", Outline.empty());
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private final ObservableList<ProblemRow> problems = FXCollections.observableArrayList();
    private final ObservableList<ProblemRow> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObservableList<Path> recentView = FXCollections.unmodifiableObservableList(recent);

    private Optional<LoadedWorkspace> loaded = Optional.empty();
    /** Unsaved editor texts by workspace path: validated and decided in place of the files on disk. */
    private final Map<String, String> unsaved = new LinkedHashMap<>();
    /**
     * Texts saved since the workspace shown was read: what is on disk now, which an edit arriving before the
     * next read (a debounce firing after Ctrl+S) compares with.
     */
    private final Map<String, String> saved = new java.util.HashMap<>();
    /** Each file's reading by its bytes: a read after a keystroke parses only the files that changed. */
    private final FileReadings readings = new FileReadings();
    private final Optional<Recovery> recovery;
    /**
     * The files edited since the matrix was last handed a workspace, so it decides again only what they can
     * affect; not known after a change on disk, when it decides everything.
     */
    private final Set<SourceId> matrixChanges = new java.util.HashSet<>();
    private boolean matrixChangesKnown = true;
    /**
     * Counts what may have changed the files on disk (a read from disk, a save, a new file, the watcher's report);
     * {@code shownDisk} is the count at which the disk texts of the workspace shown were read. While they are
     * equal and the folder is watched, an edit does not read the files again: only its unsaved text differs.
     */
    private int diskChanges;
    private int shownDisk = -1;
    private LanguageService language;
    private final ReadOnlyObjectWrapper<Map<String, String>> appliedEdits = new ReadOnlyObjectWrapper<>(this, "appliedEdits", Map.of());
    private LoadedWorkspace languageFor;
    private boolean watching;
    private Optional<FolderWatcher> watcher = Optional.empty();
    private final ReadOnlyObjectWrapper<Map<String, String>> recoverable = new ReadOnlyObjectWrapper<>(this, "recoverable", Map.of());
    private int started;

    public WorkspaceViewModel(TaskRunner runner, LastWorkspace lastWorkspace) {
        this(runner, lastWorkspace, Optional.empty());
    }

    /** With the folder unsaved edits are kept in until they are saved, so a crash loses none of them. */
    public WorkspaceViewModel(TaskRunner runner, LastWorkspace lastWorkspace, Optional<Path> recoveryFolder) {
        this.runner = runner;
        this.lastWorkspace = lastWorkspace;
        this.recovery = recoveryFolder.map(Recovery::new);
        this.matrix = new MatrixViewModel(runner);
        this.form = new FormViewModel(runner);
        recent.setAll(lastWorkspace.recent());
    }

    /** The form of the resource at the editor's caret. */
    public FormViewModel form() {
        return form;
    }

    /** Shows in the form the resource at a caret of a file's text as the editor has it; the pickers name the workspace's resources. */
    public void formAt(String path, String text, int caret) {
        form.show(path, text, caret, loaded.map(LoadedWorkspace::workspace).orElse(null));
    }

    /**
     * Reads and validates every manifest under a folder; the window keeps showing the previous one meanwhile.
     * Unsaved edits of the previous workspace are dropped: the window asks about them before it calls this.
     */
    public void open(Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        // A read from disk may find any file changed: the matrix decides every cell again.
        matrixChangesKnown = false;
        if (!target.equals(root.get())) {
            unsaved.clear();
        }
        int ticket = ++started;
        int disk = ++diskChanges;
        loading.set(true);
        status.set("Reading " + target + "…");
        Map<String, String> edits = Map.copyOf(unsaved);
        boolean first = !target.equals(root.get());
        Optional<LoadedWorkspace> previous = loaded;
        runner.run(() -> new Opened(LoadedWorkspace.read(target, edits, readings, previous, false), first ? left(target) : Map.of()),
                opened -> {
                    if (ticket == started) {
                        shownDisk = disk;
                        show(opened.workspace(), edits.isEmpty() ? Origin.DISK : Origin.EDIT);
                        offerBack(opened.workspace(), opened.left());
                    }
                },
                failure -> {
                    if (ticket == started) {
                        fail(target, failure);
                    }
                });
    }

    /** Reads the open workspace again from disk; unsaved edits stay in place of their files. */
    public void reload() {
        Optional.ofNullable(root.get()).ifPresent(this::open);
    }

    /**
     * The text of a file after a pause in typing: the workspace is validated and decided again with it in
     * place of the file on disk (live what-if), off the FX thread; nothing is written.
     */
    public void edit(String path, String text) {
        if (loaded.isEmpty() || loaded.get().document(path).isEmpty()) {
            return;
        }
        Path target = loaded.get().root();
        if (text.equals(saved.getOrDefault(path, loaded.get().document(path).get().diskText()))) {
            unsaved.remove(path);
            keepRecovery(r -> r.forget(target, path));
        } else {
            unsaved.put(path, text);
            keepRecovery(r -> r.keep(target, path, text));
        }
        matrixChanges.add(new SourceId(path));
        analyse(Origin.EDIT, true);
    }

    /**
     * Writes a file's text atomically (temp file, fsync, rename) off the FX thread, then validates the workspace
     * again; {@code done} runs once the text is on disk. A failed save keeps the edits and says why.
     */
    public void save(String path, String text, Runnable done) {
        Optional<SourceDocument> document = document(path);
        if (document.isEmpty()) {
            return;
        }
        Path file = document.get().file();
        status.set("Saving " + path + "…");
        runner.run(() -> {
            AtomicFiles.write(file, text);
            return text;
        }, written -> {
            diskChanges++;
            saved.put(path, written);
            if (written.equals(unsaved.get(path))) {
                unsaved.remove(path);
                Path target = root.get();
                keepRecovery(r -> r.forget(target, path));
            }
            status.set("Saved " + path);
            done.run();
            analyse(unsaved.isEmpty() ? Origin.SAVE : Origin.EDIT, false);
        }, failure -> {
            LOG.log(System.Logger.Level.WARNING, "could not save " + file, failure);
            status.set("Could not save " + path + ": " + reason(failure));
        });
    }

    /**
     * Writes a file's text atomically on the calling thread: for a window that closes once its edits are on
     * disk, where handing the write to a worker would let the exit cut it short. False, with the reason in the
     * status, when it could not be written.
     */
    public boolean saveNow(String path, String text) {
        Optional<SourceDocument> document = document(path);
        if (document.isEmpty()) {
            return false;
        }
        try {
            AtomicFiles.write(document.get().file(), text);
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not save " + document.get().file(), e);
            status.set("Could not save " + path + ": " + reason(e));
            return false;
        }
        diskChanges++;
        saved.put(path, text);
        if (text.equals(unsaved.get(path))) {
            unsaved.remove(path);
        }
        status.set("Saved " + path);
        return true;
    }

    /**
     * Creates a resource from its template in {@code <folder>/<name>.yaml} of the workspace, its placeholders
     * filled with the name, the namespace and the first resource of each kind it needs there, then reads the
     * workspace again and hands the new file's path to {@code created}. Returns why it cannot, without writing
     * anything: no workspace, an invalid name, a file that exists, a resource it needs that is missing.
     */
    public Optional<String> createResource(ResourceTemplate template, String name, String namespace, Consumer<String> created) {
        if (loaded.isEmpty()) {
            return Optional.of("open a workspace first");
        }
        String ns = namespace == null || namespace.isBlank() ? "default" : namespace.strip();
        if (!ResourceTemplate.validName(name) || !ResourceTemplate.validName(ns)) {
            return Optional.of("`" + (ResourceTemplate.validName(name) ? ns : name)
                    + "` is not a name Gatehouse creates: letters, digits, `.`, `_` and `-`, starting with a letter or digit");
        }
        Workspace ws = loaded.get().workspace();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("namespace", ns);
        for (String need : template.needs()) {
            Optional<String> value = switch (need) {
                case "modelEndpoint" -> first(ws.all(ModelEndpoint.class), ns).map(e -> e.name());
                case "model" -> first(ws.all(ModelEndpoint.class), ns)
                        .flatMap(e -> e.defaultModel().map(Located::value));
                case "tool" -> first(ws.all(Tool.class), ns).map(t -> t.name());
                case "agent" -> first(ws.all(Agent.class), ns).map(a -> a.name());
                case "system" -> first(ws.all(AgentSystem.class), ns).map(s -> s.name());
                default -> Optional.empty();
            };
            if (value.isEmpty()) {
                return Optional.of("a new " + template.kind() + " needs " + article(need) + " in namespace `" + ns + "`: create one first");
            }
            values.put(need, value.get());
        }
        String path = template.folder() + "/" + name + ".yaml";
        Path file = loaded.get().root().resolve(path);
        if (Files.exists(file) || loaded.get().document(path).isPresent()) {
            return Optional.of("`" + path + "` exists already");
        }
        String text = template.text();
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", v.getValue());
        }
        String content = text;
        runner.run(() -> {
            AtomicFiles.write(file, content);
            return path;
        }, written -> {
            status.set("Created " + written);
            ChangeListener<Number> once = new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Number> o, Number before, Number now) {
                    revision.removeListener(this);
                    created.accept(written);
                }
            };
            revision.addListener(once);
            diskChanges++;
            analyse(unsaved.isEmpty() ? Origin.DISK : Origin.EDIT, false);
        }, failure -> status.set("Could not create " + path + ": " + reason(failure)));
        return Optional.empty();
    }

    private static <T extends dev.gatehouse.core.model.Resource> Optional<T> first(List<T> all, String namespace) {
        return all.stream().filter(r -> r.namespace().equals(namespace)).findFirst();
    }

    private static String article(String need) {
        return switch (need) {
            case "modelEndpoint" -> "a ModelEndpoint";
            case "model" -> "a ModelEndpoint with a default_model";
            case "tool" -> "a Tool";
            case "agent" -> "an Agent";
            case "system" -> "an AgentSystem";
            default -> need;
        };
    }

    /** A read workspace and the unsaved texts a previous run left for it. */
    private record Opened(LoadedWorkspace workspace, Map<String, String> left) {}

    private Map<String, String> left(Path target) {
        if (recovery.isEmpty()) {
            return Map.of();
        }
        try {
            return recovery.get().left(target);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not read the recovery files of " + target, e);
            return Map.of();
        }
    }

    /** Offers back what a previous run left unsaved, where it still differs from the file on disk. */
    private void offerBack(LoadedWorkspace workspace, Map<String, String> left) {
        Map<String, String> differing = new LinkedHashMap<>();
        left.forEach((path, text) -> workspace.document(path).filter(d -> !d.diskText().equals(text))
                .ifPresent(d -> differing.put(path, text)));
        if (differing.isEmpty()) {
            if (!left.isEmpty()) {
                keepRecovery(r -> r.forgetAll(workspace.root()));
            }
            return;
        }
        recoverable.set(Map.copyOf(differing));
    }

    /**
     * The unsaved edits a previous run left (crashed, killed) for the workspace shown, by path: offered back
     * once; {@link #recover} takes them or drops them.
     */
    public ReadOnlyObjectProperty<Map<String, String>> recoverableProperty() {
        return recoverable.getReadOnlyProperty();
    }

    /** Takes the edits left by a previous run as unsaved edits (true), or throws them away (false). */
    public void recover(boolean restore) {
        Map<String, String> left = recoverable.get();
        recoverable.set(Map.of());
        Path target = root.get();
        if (left.isEmpty() || target == null) {
            return;
        }
        if (restore) {
            unsaved.putAll(left);
            left.keySet().forEach(p -> matrixChanges.add(new SourceId(p)));
            status.set("Recovered unsaved changes of " + left.size() + (left.size() == 1 ? " file" : " files"));
            analyse(Origin.EDIT, true);
        } else {
            keepRecovery(r -> r.forgetAll(target));
        }
    }

    /** A clean exit: nothing is unsaved any more (saved or discarded), so nothing is left to recover. */
    public void closed() {
        Path target = root.get();
        if (target != null && unsaved.isEmpty() && recovery.isPresent()) {
            try {
                recovery.get().forgetAll(target);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not clear the recovery files of " + target, e);
            }
        }
    }

    private interface RecoveryWrite {
        void apply(Recovery recovery) throws IOException;
    }

    /** Writes to the recovery folder off the FX thread; a failure is logged, not shown: the edit itself is fine. */
    private void keepRecovery(RecoveryWrite write) {
        recovery.ifPresent(r -> runner.run(() -> {
            write.apply(r);
            return Boolean.TRUE;
        }, done -> { }, failure -> LOG.log(System.Logger.Level.WARNING, "could not write the recovery file", failure)));
    }

    /** Drops the unsaved edits of a file: its text on disk counts again. */
    public void discard(String path) {
        Path target = root.get();
        if (target != null) {
            keepRecovery(r -> r.forget(target, path));
        }
        if (unsaved.remove(path) != null) {
            matrixChanges.add(new SourceId(path));
            analyse(unsaved.isEmpty() ? Origin.DISK : Origin.EDIT, true);
        }
    }

    /**
     * From now on, a change on disk under the workspace shown (another program, a checkout) validates it again,
     * as {@link #externalChange} does; each newly opened workspace is watched in place of the last.
     */
    public void watchDisk() {
        watching = true;
        Optional.ofNullable(root.get()).ifPresent(this::watch);
        root.addListener((o, before, now) -> {
            if (watching && now != null && !now.equals(before)) {
                watch(now);
            }
        });
    }

    /** Stops watching the disk (the window is closing). */
    public void stopWatching() {
        watching = false;
        watcher.ifPresent(FolderWatcher::close);
        watcher = Optional.empty();
    }

    private void watch(Path folder) {
        watcher.ifPresent(FolderWatcher::close);
        watcher = Optional.empty();
        try {
            // The watcher calls back on its own thread; an empty job brings the call onto the FX thread.
            watcher = Optional.of(FolderWatcher.start(folder, 300, () -> runner.run(() -> Boolean.TRUE,
                    done -> externalChange(), failure -> { })));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot watch " + folder + " for changes; use File > Reload", e);
        }
    }

    /** Something under the workspace changed on disk: validate again, unsaved edits still in place. */
    public void externalChange() {
        // Another program may have changed any file: the matrix decides every cell again.
        matrixChangesKnown = false;
        diskChanges++;
        if (!loading.get()) {
            analyse(unsaved.isEmpty() ? Origin.DISK : Origin.EDIT, false);
        }
    }

    /**
     * Every match of {@code query} (ignoring case) in the workspace's files, unsaved edits included, in path and
     * line order; at most {@code limit}.
     */
    public List<SearchHit> search(String query, int limit) {
        List<SearchHit> hits = new java.util.ArrayList<>();
        if (query.isEmpty() || loaded.isEmpty()) {
            return hits;
        }
        String q = query.toLowerCase(java.util.Locale.ROOT);
        for (String path : new java.util.TreeSet<>(loaded.get().documents().keySet())) {
            String text = unsaved.getOrDefault(path, loaded.get().documents().get(path).text());
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String lower = lines[i].toLowerCase(java.util.Locale.ROOT);
                for (int at = lower.indexOf(q); at >= 0; at = lower.indexOf(q, at + 1)) {
                    hits.add(new SearchHit(path, i + 1, at + 1, lines[i]));
                    if (hits.size() >= limit) {
                        return hits;
                    }
                }
            }
        }
        return hits;
    }

    // ------------------------------------------------------------------------------------- language services

    /** The language services over the workspace shown, built once per validation (names, references, spans). */
    private Optional<LanguageService> language() {
        if (loaded.isEmpty()) {
            return Optional.empty();
        }
        if (languageFor != loaded.get()) {
            language = build(loaded.get());
            languageFor = loaded.get();
        }
        return Optional.of(language);
    }

    /** How long the workspace shown must stay unchanged before the language services over it are built ahead of use. */
    static final java.time.Duration LANGUAGE_IDLE = java.time.Duration.ofSeconds(1);

    /**
     * Every span of a file that names a resource (its references and its own name), for the editor to colour:
     * computed off the FX thread once per validation, then handed to {@code shown} with the text it is for.
     * The spans of a file are those of the file alone (which references it makes and where does not depend on
     * the other files), so this does not wait for the services over the whole workspace: those are built once
     * the workspace shown has stayed unchanged for {@link #LANGUAGE_IDLE}, not on every pause in typing.
     */
    public void namesOf(String path, java.util.function.BiConsumer<String, List<NameSpan>> shown) {
        Optional<LoadedWorkspace> at = loaded;
        Optional<SourceDocument> doc = at.flatMap(w -> w.document(path));
        if (doc.isEmpty()) {
            return;
        }
        LoadedWorkspace w = at.get();
        Optional<LanguageService> built = languageFor == w ? Optional.of(language) : Optional.empty();
        SourceId id = new SourceId(path);
        String text = doc.get().text();
        runner.run(() -> {
            LanguageService services = built.orElseGet(() -> LanguageService.of(fileWorkspace(w.workspace(), id), Map.of(id, text)));
            List<NameSpan> out = new java.util.ArrayList<>();
            services.references().stream().filter(r -> r.span().file().equals(id)).forEach(r -> out.add(span(r.span())));
            services.definitions().stream().filter(d -> d.span().file().equals(id)).forEach(d -> out.add(span(d.span())));
            return out;
        }, spans -> {
            shown.accept(text, spans);
            if (built.isEmpty()) {
                buildLanguageWhenIdle(w);
            }
        }, failure -> LOG.log(System.Logger.Level.WARNING, "could not index the names of " + path, failure));
    }

    /** The services over {@code w}, built off the FX thread once no read has started for {@link #LANGUAGE_IDLE}. */
    private void buildLanguageWhenIdle(LoadedWorkspace w) {
        int ticket = started;
        runner.runAfter(LANGUAGE_IDLE, () -> Boolean.TRUE, idle -> {
            if (ticket != started || loaded.orElse(null) != w || languageFor == w) {
                return;
            }
            runner.run(() -> build(w), services -> {
                if (loaded.orElse(null) == w && languageFor != w) {
                    language = services;
                    languageFor = w;
                }
            }, failure -> LOG.log(System.Logger.Level.WARNING, "could not index the names of the workspace", failure));
        }, failure -> { });
    }

    /** The part of a workspace read from one file: its summary, manifests, Orloj's reading and diagnostics. */
    static Workspace fileWorkspace(Workspace ws, SourceId file) {
        return new Workspace(ws.files().stream().filter(f -> f.path().equals(file)).toList(),
                ws.manifests().stream().filter(m -> m.resource().meta().file().equals(file)).toList(),
                new dev.gatehouse.core.model.OrlojView(ws.orloj().loaded().stream().filter(r -> r.meta().file().equals(file)).toList(),
                        ws.orloj().rejected().entrySet().stream().filter(e -> e.getKey().equals(file))
                                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))),
                ws.diagnostics().stream().filter(d -> d.span().file().equals(file)).toList());
    }

    private static NameSpan span(dev.gatehouse.core.source.Span s) {
        return new NameSpan(s.line(), s.column(), s.endLine(), s.endColumn());
    }

    private static LanguageService build(LoadedWorkspace w) {
        Map<SourceId, String> texts = new LinkedHashMap<>();
        w.documents().forEach((path, d) -> texts.put(new SourceId(path), d.text()));
        return LanguageService.of(w.workspace(), texts);
    }

    /**
     * The caret in the text the services were built on; empty when the editor's text is newer (typing has not
     * paused long enough to be validated), since positions in it would point at other words.
     */
    private Optional<Caret> caret(String path, String text, int offset) {
        return loaded.flatMap(w -> w.document(path)).filter(d -> d.text().equals(text))
                .flatMap(d -> language().flatMap(l -> l.caret(new SourceId(path), offset)));
    }

    /** Completions at an offset of a file's text as it is in the editor, mid-edit or not. */
    public List<CompletionItem> complete(String path, String text, int offset) {
        return language().map(l -> l.complete(new SourceId(path), text, offset).stream()
                .map(c -> new CompletionItem(c.label(), c.detail(), c.insert(), c.replace().line(), c.replace().column(),
                        c.replace().endLine(), c.replace().endColumn())).toList()).orElse(List.of());
    }

    /** Where the name at an offset is defined (the first definition when several namespaces match). */
    public Optional<SourceLocation> definition(String path, String text, int offset) {
        return caret(path, text, offset).flatMap(c -> language().orElseThrow().definition(c).stream().findFirst())
                .map(d -> new SourceLocation(d.span().file().path(), d.span().line(), d.span().column()));
    }

    /** The definition and every use of the name at an offset, as search hits; empty when it is on no name. */
    public Optional<List<SearchHit>> references(String path, String text, int offset) {
        return caret(path, text, offset).flatMap(c -> language().orElseThrow().usages(c)).map(u -> {
            List<SearchHit> hits = new java.util.ArrayList<>();
            u.definitions().forEach(d -> hits.add(hit(d.span())));
            u.references().forEach(r -> hits.add(hit(r.span())));
            return hits;
        });
    }

    private SearchHit hit(dev.gatehouse.core.source.Span span) {
        String text = loaded.flatMap(w -> w.document(span.file().path())).map(SourceDocument::text).orElse("");
        String[] lines = text.split("\n", -1);
        String line = span.line() <= lines.length ? lines[span.line() - 1] : "";
        return new SearchHit(span.file().path(), span.line(), span.column(), line);
    }

    /** What renaming the resource at the caret would be called, for the dialog: its current name. */
    public Optional<String> renameTarget(String path, String text, int offset) {
        return caret(path, text, offset).flatMap(c -> language().orElseThrow().definition(c).stream().findFirst()).map(d -> d.name());
    }

    /**
     * Renames the resource named at an offset, everywhere (scenario files included), as unsaved edits of every file it
     * touches (nothing is written until saved); {@code applied} gets the new texts by path. Returns what the user should
     * read: why it cannot, or, when it did, what it left as written on purpose (permission strings, a scenario file that
     * cannot be read), one line each.
     */
    public Optional<String> rename(String path, String text, int offset, String newName, Consumer<Map<String, String>> applied) {
        Optional<Caret> caret = caret(path, text, offset);
        if (caret.isEmpty()) {
            return Optional.of("the file is being validated: try again in a moment");
        }
        RenameResult result = language().orElseThrow().rename(caret.get(), newName);
        if (result instanceof RenameResult.Refused refused) {
            return Optional.of(refused.reason());
        }
        WorkspaceEdit edit = ((RenameResult.Renamed) result).edit();
        Map<SourceId, String> texts = new LinkedHashMap<>();
        loaded.get().documents().forEach((p, d) -> texts.put(new SourceId(p), d.text()));
        Optional<Map<SourceId, String>> after = edit.apply(texts);
        if (after.isEmpty()) {
            return Optional.of("the files changed while the rename was computed: try again");
        }
        Map<String, String> byPath = new LinkedHashMap<>();
        after.get().forEach((id, t) -> byPath.put(id.path(), t));
        applyEdits(edit.title(), byPath);
        applied.accept(byPath);
        List<RenameResult.Note> notes = ((RenameResult.Renamed) result).notes();
        if (notes.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder told = new StringBuilder(edit.title()).append(", not saved yet; to review:");
        notes.forEach(n -> told.append("\n").append(n.span().location()).append(": ").append(n.message()));
        return Optional.of(told.toString());
    }

    /**
     * New texts of some files (a rename, a grant from the matrix) as unsaved edits: validated and decided at once,
     * written when saved. {@link #appliedEditsProperty} tells the window, which shows them in the editors.
     */
    public void applyEdits(String title, Map<String, String> byPath) {
        if (loaded.isEmpty() || byPath.isEmpty()) {
            return;
        }
        Path target = loaded.get().root();
        byPath.forEach((p, t) -> {
            matrixChanges.add(new SourceId(p));
            unsaved.put(p, t);
            keepRecovery(r -> r.keep(target, p, t));
        });
        status.set(title + ": " + byPath.size() + (byPath.size() == 1 ? " file" : " files") + " changed, not saved yet");
        appliedEdits.set(Map.copyOf(byPath));
        analyse(Origin.EDIT, true);
    }

    /** The texts the last {@link #applyEdits} changed, by path (the window updates or opens their editors). */
    public ReadOnlyObjectProperty<Map<String, String>> appliedEditsProperty() {
        return appliedEdits.getReadOnlyProperty();
    }

    /** Whether any file has edits not on disk yet. */
    public boolean hasUnsaved() {
        return !unsaved.isEmpty();
    }

    /**
     * Validates and decides the open workspace again, off the FX thread, from the validation shown. With
     * {@code diskUnchanged} (an edit of unsaved text), the files are not read again if nothing may have changed
     * them since the workspace shown was read and the folder watcher would have said otherwise. The matrix gets
     * the workspace as soon as it is read, so it decides while the findings are worked out; the revision then
     * says the findings are shown, not that the matrix is done ({@link MatrixViewModel#computingProperty}).
     */
    private void analyse(Origin origin, boolean diskUnchanged) {
        Path target = root.get();
        if (target == null) {
            return;
        }
        int ticket = ++started;
        int disk = diskChanges;
        Map<String, String> edits = Map.copyOf(unsaved);
        Optional<LoadedWorkspace> previous = loaded;
        boolean sameDisk = diskUnchanged && shownDisk == disk && watcher.isPresent() && Files.isDirectory(target);
        runner.run(() -> {
                    LoadedWorkspace.Reading reading = LoadedWorkspace.reading(target, edits, readings, previous, sameDisk);
                    // The matrix needs only the workspace read: it starts deciding while the rest is validated.
                    Map<String, String> manifests = Map.copyOf(reading.manifests());
                    runner.run(() -> reading, read -> {
                        if (ticket == started) {
                            decide(read.workspace(), manifests, origin);
                        }
                    }, failure -> { });
                    return LoadedWorkspace.validate(reading);
                },
                workspace -> {
                    if (ticket == started) {
                        shownDisk = disk;
                        showRead(workspace);
                    }
                },
                failure -> {
                    if (ticket == started) {
                        fail(target, failure);
                    }
                });
    }

    /** Whether a drag carries a folder to open. */
    public boolean canOpen(List<File> dropped) {
        return firstFolder(dropped).isPresent();
    }

    /** Opens the first folder of a drop; false if it carried none. */
    public boolean openDropped(List<File> dropped) {
        Optional<Path> folder = firstFolder(dropped);
        folder.ifPresent(this::open);
        return folder.isPresent();
    }

    /** A file of the open workspace by its workspace path, with the text that was validated. */
    public Optional<SourceDocument> document(String path) {
        return loaded.flatMap(w -> w.document(path));
    }

    private void show(LoadedWorkspace workspace, Origin origin) {
        showRead(workspace);
        decide(workspace.workspace(), manifests(workspace), origin);
    }

    /** The manifests' texts as shown (scenarios are no manifests), unsaved edits included. */
    private static Map<String, String> manifests(LoadedWorkspace workspace) {
        Map<String, String> manifests = new LinkedHashMap<>();
        workspace.workspace().files().forEach(f -> workspace.document(f.path().path()).ifPresent(d -> manifests.put(d.path(), d.text())));
        return manifests;
    }

    /** Shows a read workspace: counts, tree, problems, documents; then tells whoever waits for a new revision. */
    private void showRead(LoadedWorkspace workspace) {
        loaded = Optional.of(workspace);
        // Once a read has found a saved text on disk, the read knows it; a read begun before the save has not.
        saved.entrySet().removeIf(e -> workspace.document(e.getKey()).map(d -> d.diskText().equals(e.getValue())).orElse(true));
        root.set(workspace.root());
        title.set(workspace.root().getFileName() + " — " + APP_TITLE);
        if (loading.get()) {
            status.set(workspace.root().toString());
        }
        summary.set(workspace.summary());
        hint.set(OPEN_FILE_HINT);
        noProblemsMessage.set(NO_PROBLEMS);
        hasErrors.set(workspace.errors() > 0);
        hasWarnings.set(workspace.warnings() > 0);
        outline.set(workspace.outline());
        setByDifference(problems, workspace.problems());
        loading.set(false);
        revision.set(revision.get() + 1);
        if (!workspace.root().equals(lastWorkspace.get().orElse(null))) {
            lastWorkspace.set(workspace.root());
            recent.setAll(lastWorkspace.recent());
        }
    }

    /**
     * Hands a read workspace to the permission matrix, with the files changed since it was last handed one;
     * Grant and revoke plan on {@code manifests}, the texts as shown.
     */
    private void decide(Workspace workspace, Map<String, String> manifests, Origin origin) {
        matrix.setTexts(manifests, texts -> applyEdits("Edited from the matrix", texts));
        switch (origin) {
            case DISK -> matrix.show(workspace);
            case EDIT -> matrix.showEdited(workspace, matrixChangesKnown ? Optional.of(Set.copyOf(matrixChanges)) : Optional.empty());
            case SAVE -> matrix.showSaved(workspace);
        }
        matrixChanges.clear();
        matrixChangesKnown = true;
    }

    /**
     * Makes {@code list} equal to {@code now} changing only the rows between their common beginning and end: a
     * keystroke changes a few of thousands of findings, and a table told that all were replaced lays them all
     * out again.
     */
    static <T> void setByDifference(ObservableList<T> list, List<T> now) {
        int from = 0;
        int common = Math.min(list.size(), now.size());
        while (from < common && list.get(from).equals(now.get(from))) {
            from++;
        }
        int oldEnd = list.size();
        int newEnd = now.size();
        while (oldEnd > from && newEnd > from && list.get(oldEnd - 1).equals(now.get(newEnd - 1))) {
            oldEnd--;
            newEnd--;
        }
        if (oldEnd - from == newEnd - from && oldEnd - from <= 16) {
            for (int i = from; i < oldEnd; i++) {
                list.set(i, now.get(i));
            }
            return;
        }
        if (oldEnd > from) {
            list.remove(from, oldEnd);
        }
        if (newEnd > from) {
            list.addAll(from, now.subList(from, newEnd));
        }
    }

    /** What a shown workspace reflects, which tells the matrix what its changed cells are relative to. */
    private enum Origin { DISK, EDIT, SAVE }

    private void fail(Path target, Throwable failure) {
        LOG.log(System.Logger.Level.WARNING, "could not open " + target, failure);
        loading.set(false);
        status.set("Could not open " + target + ": " + reason(failure));
    }


    private static Optional<Path> firstFolder(List<File> dropped) {
        return dropped.stream().filter(File::isDirectory).map(File::toPath).findFirst();
    }

    /** The permission matrix of the workspace shown; it recomputes, off the FX thread, each time a read is shown. */
    public MatrixViewModel matrix() {
        return matrix;
    }

    /** The folder shown, or null before the first workspace is read. */
    public ReadOnlyObjectProperty<Path> rootProperty() {
        return root.getReadOnlyProperty();
    }

    /** The window title: the folder's name, then the app's. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** What is happening: the folder shown, the one being read, or why it could not be. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The report's summary line: files, resources, errors, warnings. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What to do next, shown where files open while none is. */
    public ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }

    /** What the problems pane says while it has no rows: no workspace yet, or a workspace without findings. */
    public ReadOnlyStringProperty noProblemsMessageProperty() {
        return noProblemsMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasErrorsProperty() {
        return hasErrors.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasWarningsProperty() {
        return hasWarnings.getReadOnlyProperty();
    }

    /** The tree: an unlabelled root holding the "Files" and "Resources" sections. */
    public ReadOnlyObjectProperty<NavigationNode> outlineProperty() {
        return outline.getReadOnlyProperty();
    }

    /** Counts the workspaces shown; it changes once each time a read is shown. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The workspaces opened lately, newest first: File ▸ Open Recent. */
    public ObservableList<Path> recentWorkspaces() {
        return recentView;
    }

    /** Every finding of the workspace shown, in the report's order (file, line, column, code). */
    public ObservableList<ProblemRow> problems() {
        return problemsView;
    }
}

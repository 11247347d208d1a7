package dev.gatehouse.ui.matrix;

import dev.gatehouse.core.edit.AccessPlan;
import dev.gatehouse.core.edit.AccessPlanner;
import dev.gatehouse.core.engine.Answer;
import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.Decision;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.engine.Missing;
import dev.gatehouse.core.engine.TraceSink;
import dev.gatehouse.core.matrix.AccessMatrix;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.report.DecisionReport;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.workspace.AtomicFiles;
import dev.gatehouse.ui.common.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static dev.gatehouse.ui.common.Failures.reason;

/**
 * The permission matrix's state. The only matrix code that talks to core: on each workspace read it compiles the
 * engine and computes both matrices (agents × tools, agents × models) of the chosen namespace, system and task
 * through the {@link TaskRunner}, encodes them ({@link MatrixState}) and marks the cells whose decision changed
 * since the matrix shown before. View filters (risk, search, only exposures, order) then run on the encoded
 * cells without core. A click re-runs the cell's decision with a recording trace, so the explanation is the
 * engine's own path and cannot drift from the colour of the cell.
 *
 * <p>At most one matrix job runs at a time; a request made meanwhile waits, and only the latest waiting one
 * runs, so flipping through namespaces of a large workspace does not queue a matrix per click.
 */
public final class MatrixViewModel {
    /** The value of the system, task and risk filters that filters nothing. */
    public static final String ANY = "";
    public static final List<String> RISK_LEVELS = List.of(ANY, "low", "medium", "high", "critical");
    public static final String NO_WORKSPACE = "Open a workspace to see who may call what";
    public static final String NO_AGENTS = "No agent in this workspace";
    public static final String NO_CELLS = "No agent or %s matches the filters";

    private static final System.Logger LOG = System.getLogger(MatrixViewModel.class.getName());

    private final TaskRunner runner;
    /** Decides the models matrix beside the tools matrix of the same job (two cores: one each). */
    private final ExecutorService beside = Executors.newCachedThreadPool(job -> {
        Thread thread = new Thread(job, "gatehouse-matrix-models");
        thread.setDaemon(true);
        return thread;
    });

    private final ObjectProperty<String> namespace = new SimpleObjectProperty<>(this, "namespace", ANY);
    private final ObjectProperty<String> system = new SimpleObjectProperty<>(this, "system", ANY);
    private final ObjectProperty<String> task = new SimpleObjectProperty<>(this, "task", ANY);
    private final ObjectProperty<String> risk = new SimpleObjectProperty<>(this, "risk", ANY);
    private final BooleanProperty onlyExposures = new SimpleBooleanProperty(this, "onlyExposures");
    private final BooleanProperty onlyChanged = new SimpleBooleanProperty(this, "onlyChanged");
    private final ReadOnlyIntegerWrapper exposureCount = new ReadOnlyIntegerWrapper(this, "exposureCount");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObjectProperty<RowOrder> rowOrder = new SimpleObjectProperty<>(this, "rowOrder", RowOrder.NAME);
    private final ObjectProperty<Subject> subject = new SimpleObjectProperty<>(this, "subject", Subject.TOOLS);
    private final ObservableList<String> namespaces = FXCollections.observableArrayList();
    private final ObservableList<String> systems = FXCollections.observableArrayList(ANY);
    private final ObservableList<String> tasks = FXCollections.observableArrayList(ANY);

    private final ReadOnlyObjectWrapper<GridModel> grid = new ReadOnlyObjectWrapper<>(this, "grid", GridModel.EMPTY);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", NO_WORKSPACE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(this, "computing");
    private final ReadOnlyBooleanWrapper exportable = new ReadOnlyBooleanWrapper(this, "exportable");
    private final ReadOnlyObjectWrapper<Optional<GridCell>> selection = new ReadOnlyObjectWrapper<>(this, "selection", Optional.empty());
    private final ReadOnlyObjectWrapper<Optional<Explanation>> explanation = new ReadOnlyObjectWrapper<>(this, "explanation", Optional.empty());

    /** The matrices on screen and what computed them; empty before the first workspace. */
    private Optional<Computed> shown = Optional.empty();
    private Map<String, String> texts = Map.of();
    private Consumer<Map<String, String>> applied = t -> { };
    private final ReadOnlyObjectWrapper<Optional<PlanView>> plan = new ReadOnlyObjectWrapper<>(this, "plan", Optional.empty());
    private final ReadOnlyBooleanWrapper planning = new ReadOnlyBooleanWrapper(this, "planning");
    private Optional<AccessPlan> currentPlan = Optional.empty();
    private Map<SourceId, String> planSources = Map.of();
    private int planned;
    private boolean lastFailed;
    /** The matrices of the last state on disk (read or saved), which "changed" cells are compared with. */
    private Optional<Computed> baseline = Optional.empty();
    /** The newest engine and catalog, which a waiting request builds on even before its matrix is shown. */
    private Optional<Computed> latest = Optional.empty();
    private boolean running;
    private Optional<Request> waiting = Optional.empty();
    /** Set while this class writes its own inputs (after a job), so their listeners do not start another job. */
    private boolean applying;
    private Optional<Selected> selected = Optional.empty();
    private int explained;

    public MatrixViewModel(TaskRunner runner) {
        this.runner = runner;
        namespace.addListener((o, before, now) -> {
            if (!applying) {
                scopeChanged(true);
            }
        });
        system.addListener((o, before, now) -> {
            if (!applying) {
                scopeChanged(false);
            }
        });
        task.addListener((o, before, now) -> {
            if (!applying) {
                scopeChanged(false);
            }
        });
        subject.addListener((o, before, now) -> {
            selected = Optional.empty();
            explanation.set(Optional.empty());
            refilter();
        });
        risk.addListener((o, before, now) -> refilter());
        onlyExposures.addListener((o, before, now) -> refilter());
        onlyChanged.addListener((o, before, now) -> refilter());
        search.addListener((o, before, now) -> refilter());
        rowOrder.addListener((o, before, now) -> refilter());
    }

    /**
     * A workspace was read from disk (opened, reloaded): compiles it and recomputes the matrices off the FX
     * thread. Cells are marked changed against the previous state on disk, and this one becomes that state.
     */
    public void show(Workspace workspace) {
        request(new Request(Optional.of(workspace), value(namespace), value(system), value(task), Origin.DISK, Optional.empty()));
    }

    /**
     * The workspace with unsaved edits (live what-if): recomputed like a read, with the cells that differ from
     * the last saved state marked changed; the saved state stays what it was.
     */
    public void showEdited(Workspace workspace) {
        showEdited(workspace, Optional.empty());
    }

    /**
     * As {@link #showEdited(Workspace)}, knowing which files changed since the workspace last handed over: only
     * the rows and columns those files can affect are decided again ({@link AccessMatrix#update}).
     */
    public void showEdited(Workspace workspace, Optional<Set<SourceId>> changedFiles) {
        request(new Request(Optional.of(workspace), value(namespace), value(system), value(task), Origin.EDIT, changedFiles));
    }

    /** The workspace just saved: it becomes the saved state, so no cell is marked changed. */
    public void showSaved(Workspace workspace) {
        request(new Request(Optional.of(workspace), value(namespace), value(system), value(task), Origin.SAVE, Optional.empty()));
    }

    /**
     * The texts of the manifests (path to text, unsaved edits included) of the workspace last shown, which
     * "Grant…" and "Revoke…" plan edits on; and where an applied proposal's new texts go (the workspace window
     * takes them as unsaved edits).
     */
    public void setTexts(Map<String, String> manifests, Consumer<Map<String, String>> applied) {
        this.texts = Map.copyOf(manifests);
        this.applied = applied;
    }

    /**
     * "Grant…" on a cell that is not allowed, "Revoke…" on one that is: plans, off the FX thread, the manifest
     * edits that would turn the selected cell around, each checked by the engine on the edited workspace.
     */
    public void planSelected() {
        Optional<Selected> cell = selected;
        Optional<Computed> c = shown;
        if (cell.isEmpty() || c.isEmpty() || texts.isEmpty()) {
            return;
        }
        int ticket = ++planned;
        Map<SourceId, String> sources = new LinkedHashMap<>();
        texts.forEach((path, text) -> sources.put(new SourceId(path), text));
        Context ctx = c.get().context();
        AccessPlan.Cell target = cell.get().subject() == Subject.MODELS
                ? AccessPlan.Cell.model(cell.get().agent(), cell.get().column())
                : AccessPlan.Cell.tool(cell.get().agent(), cell.get().column());
        planning.set(true);
        plan.set(Optional.empty());
        runner.run(() -> new AccessPlanner(sources).plan(ctx, target), result -> {
            if (ticket == planned) {
                planning.set(false);
                planned(result, sources);
            }
        }, failure -> {
            if (ticket == planned) {
                planning.set(false);
                LOG.log(System.Logger.Level.WARNING, "could not plan edits for " + target, failure);
                status.set("Could not plan the edits: " + reason(failure));
            }
        });
    }

    /** Applies a shown proposal: its new texts go to the window as unsaved edits, and the plan closes. */
    public void applyProposal(int index) {
        if (currentPlan.isEmpty() || index < 0 || index >= currentPlan.get().proposals().size()) {
            return;
        }
        Optional<Map<SourceId, String>> after = currentPlan.get().proposals().get(index).edit().apply(planSources);
        if (after.isEmpty()) {
            status.set("The files changed since the edit was planned: plan again");
            return;
        }
        Map<String, String> byPath = new LinkedHashMap<>();
        after.get().forEach((id, text) -> byPath.put(id.path(), text));
        closePlan();
        applied.accept(byPath);
    }

    /** Closes the plan without applying anything. */
    public void closePlan() {
        ++planned;
        currentPlan = Optional.empty();
        planning.set(false);
        plan.set(Optional.empty());
    }

    private void planned(AccessPlan result, Map<SourceId, String> sources) {
        currentPlan = Optional.of(result);
        planSources = sources;
        String verb = result.intent() == AccessPlan.Intent.GRANT ? "Grant" : "Revoke";
        String target = result.intent().target().wireName();
        List<ProposalView> proposals = new ArrayList<>();
        for (int i = 0; i < result.proposals().size(); i++) {
            AccessPlan.Proposal p = result.proposals().get(i);
            List<String> effects = new ArrayList<>();
            p.verification().sideEffects().stream().sorted(java.util.Comparator.comparing((AccessPlan.CellChange x) -> !x.gainsAccess()))
                    .forEach(x -> effects.add((x.gainsAccess() ? "gains: " : "loses: ") + x.cell().agent() + " → " + x.cell().column()
                            + " (" + x.before().wireName() + " → " + x.after().wireName() + ")"));
            StringBuilder diff = new StringBuilder();
            p.diffs().forEach(d -> diff.append(d.diff()));
            proposals.add(new ProposalView(i, p.title(), p.steps().stream().map(AccessPlan.Step::description).toList(),
                    p.verification().reached(), effects, p.verification().newFindings(), diff.toString()));
        }
        String summary = result.proposals().isEmpty() ? "No manifest edit found that makes it " + target
                : !result.sideEffectFree().isEmpty() ? result.sideEffectFree().size() + " of " + result.proposals().size()
                        + " proposals make it " + target + " and change no other cell"
                : result.onlyWithSideEffects() ? "Every option that makes it " + target + " changes other cells too: see each one's side effects"
                : "No proposal makes it " + target + "; the closest ones are shown";
        plan.set(Optional.of(new PlanView(verb + " " + result.cell().agent() + " → " + result.cell().column(), summary,
                result.notes(), proposals)));
    }

    /** The plan shown for the selected cell, if "Grant…" or "Revoke…" was asked. */
    public ReadOnlyObjectProperty<Optional<PlanView>> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** Whether a plan is being computed. */
    public ReadOnlyBooleanProperty planningProperty() {
        return planning.getReadOnlyProperty();
    }

    /** Selects a cell by its displayed position and explains it; positions outside the grid are ignored. */
    public void select(int row, int column) {
        GridModel model = grid.get();
        if (row < 0 || column < 0 || row >= model.rowCount() || column >= model.columnCount()) {
            return;
        }
        selected = Optional.of(new Selected(model.subject(), model.rowName(row), model.columnName(column)));
        closePlan();
        selection.set(Optional.of(new GridCell(row, column)));
        explain();
    }

    /** Where a cell is shown, if its agent and column pass the filters: for tests and keyboard navigation. */
    public Optional<GridCell> cellOf(String agent, String column) {
        GridModel model = grid.get();
        OptionalInt row = model.rowOf(agent);
        OptionalInt col = model.columnOf(column);
        return row.isPresent() && col.isPresent() ? Optional.of(new GridCell(row.getAsInt(), col.getAsInt())) : Optional.empty();
    }

    /**
     * Writes the matrix of the chosen namespace, system and task as CSV, every cell, with the bytes
     * {@code gatehouse matrix --format csv} writes for the same question. The matrix is decided again for the
     * export (the shown one keeps no answers), by the same engine, so it is the matrix on screen.
     */
    public void exportCsv(Path target) {
        Subject chosen = subject.get();
        shown.ifPresent(c -> write(target, out -> {
            // Written row by row into the file: the CSV of a 5000 × 5000 matrix is gigabytes.
            AccessMatrix matrix = c.matrix(chosen);
            Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            DecisionReport.matrixCsv(matrix, csv);
            csv.flush();
            return matrix.agents().size() * matrix.columns().size() + " cells";
        }));
    }

    /** Writes an image of the grid (drawn by the view) as PNG. */
    public void exportPng(RenderedImage image, Path target) {
        write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
            return image.getWidth() + " × " + image.getHeight() + " px";
        });
    }

    /** A file name for an export: {@code matrix-custops-tools.csv}. */
    public String exportName(String extension) {
        String scope = String.join("-", List.of(value(namespace), value(system), value(task)).stream().filter(s -> !s.isEmpty()).toList());
        return "matrix-" + (scope.isEmpty() ? "" : scope + "-") + subject.get().plural() + "." + extension;
    }

    // ------------------------------------------------------------------------------------------------ jobs

    private void scopeChanged(boolean namespaceChanged) {
        if (namespaceChanged) {
            // Another namespace has other systems and tasks: offer them, and start from the whole namespace.
            Catalog catalog = latest.map(Computed::catalog).orElse(Catalog.EMPTY);
            applying = true;
            replace(systems, withAny(catalog.systems(value(namespace))));
            replace(tasks, withAny(catalog.tasks(value(namespace))));
            system.set(ANY);
            task.set(ANY);
            applying = false;
        }
        if (latest.isPresent()) {
            request(new Request(Optional.empty(), value(namespace), value(system), value(task), Origin.FILTER, Optional.of(Set.of())));
        }
    }

    private void request(Request request) {
        if (running) {
            // A newer workspace must not be lost behind a later filter change: the waiting request keeps it.
            // A newer workspace replacing a waiting one carries the files of both (relative to the last computed).
            Request merged = waiting.filter(w -> w.workspace().isPresent() && request.workspace().isPresent())
                    .map(w -> new Request(request.workspace(), request.namespace(), request.system(), request.task(),
                            request.origin(), union(w.changed(), request.changed())))
                    .orElse(request);
            waiting = Optional.of(waiting.filter(w -> request.workspace().isEmpty() && w.workspace().isPresent())
                    .map(w -> new Request(w.workspace(), request.namespace(), request.system(), request.task(), w.origin(), w.changed()))
                    .orElse(merged));
            return;
        }
        start(request);
    }

    private void start(Request request) {
        running = true;
        computing.set(true);
        status.set("Deciding every cell…");
        Optional<Computed> base = latest;
        if (lastFailed) {
            // The last computed workspace is not the one the request's changed files are relative to.
            request = new Request(request.workspace(), request.namespace(), request.system(), request.task(), request.origin(), Optional.empty());
            lastFailed = false;
        }
        Request job = request;
        // "Changed" is against the last state on disk; a save starts afresh, so it marks nothing.
        Optional<Computed> before = request.origin() == Origin.SAVE ? Optional.empty() : baseline.or(() -> shown);
        runner.run(() -> compute(job, base, before, beside), result -> computed(job, result), this::failed);
    }

    /** Off the FX thread: the engine (for a new workspace), then both matrices of the request's scope. */
    private static Computed compute(Request request, Optional<Computed> base, Optional<Computed> before, Executor beside)
            throws Exception {
        // After a known edit the engine is compiled from the last one, taking what the edit cannot affect.
        DecisionEngine engine = request.workspace()
                .map(ws -> base.isPresent() && request.changed().isPresent()
                        ? DecisionEngine.compile(ws, base.get().engine(), request.changed().get())
                        : DecisionEngine.compile(ws))
                .orElseGet(() -> base.orElseThrow().engine());
        Catalog catalog = request.workspace().isEmpty() ? base.orElseThrow().catalog()
                : Catalog.of(engine, base.map(Computed::catalog), base.map(b -> b.engine().workspace()).orElse(null));
        String ns = catalog.namespaces().contains(request.namespace()) ? request.namespace()
                : catalog.namespaces().contains("default") ? "default"
                : catalog.namespaces().stream().findFirst().orElse(ANY);
        String sys = catalog.systems(ns).contains(request.system()) ? request.system() : ANY;
        String tsk = catalog.tasks(ns).contains(request.task()) ? request.task() : ANY;
        Context ctx = new Context(ns, optional(sys), optional(tsk));
        String key = ns + "\u0000" + sys + "\u0000" + tsk;
        // After a known edit, in the same scope as the last matrices: decide again only what the files can affect.
        Optional<Computed> sameScope = base.filter(b -> b.context().equals(ctx));
        // The models matrix on another thread, beside the tools.
        CompletableFuture<AccessMatrix> modelMatrix = ns.isEmpty()
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> matrixOf(request, engine, ctx, sameScope.map(Computed::modelMatrix), AccessMatrix::models), beside);
        AccessMatrix toolMatrix = ns.isEmpty() ? null : matrixOf(request, engine, ctx, sameScope.map(Computed::toolMatrix), AccessMatrix::tools);
        MatrixState tools = ns.isEmpty() ? MatrixState.EMPTY : MatrixState.of(key, toolMatrix,
                catalog.risks(ns), before.map(Computed::tools));
        AccessMatrix models = joined(modelMatrix);
        MatrixState modelState = models == null ? MatrixState.EMPTY : MatrixState.of(key, models, java.util.Map.of(), before.map(Computed::models));
        return new Computed(engine, catalog, ctx, tools, modelState, toolMatrix, models);
    }

    /**
     * One matrix of the request: {@code previous} itself when the engine is the same (another filter), updated
     * after a known edit, or decided whole.
     */
    private static AccessMatrix matrixOf(Request request, DecisionEngine engine, Context ctx, Optional<AccessMatrix> previous,
                                         java.util.function.BiFunction<DecisionEngine, Context, AccessMatrix> whole) {
        if (previous.isPresent() && request.workspace().isEmpty()) {
            return previous.get();
        }
        if (previous.isPresent() && request.changed().isPresent()) {
            return AccessMatrix.update(previous.get(), engine, request.changed().get());
        }
        return whole.apply(engine, ctx);
    }

    /** The value computed beside, or what it threw, as the job's own failure. */
    private static <T> T joined(CompletableFuture<T> beside) throws Exception {
        try {
            return beside.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void computed(Request request, Computed result) {
        running = false;
        latest = Optional.of(result);
        switch (request.origin()) {
            case DISK, SAVE -> baseline = Optional.of(result);
            // Another scope of the saved engine: its matrices become the saved state of that scope.
            case FILTER -> {
                if (baseline.isEmpty() || baseline.get().engine() == result.engine()) {
                    baseline = Optional.of(result);
                }
            }
            case EDIT -> {
            }
        }
        if (waiting.isPresent()) {
            Request next = waiting.get();
            waiting = Optional.empty();
            start(next);
            return;
        }
        shown = Optional.of(result);
        applying = true;
        replace(namespaces, result.catalog().namespaces());
        namespace.set(result.context().namespace());
        replace(systems, withAny(result.catalog().systems(result.context().namespace())));
        system.set(result.context().system().orElse(ANY));
        replace(tasks, withAny(result.catalog().tasks(result.context().namespace())));
        task.set(result.context().task().orElse(ANY));
        applying = false;
        exportable.set(!result.context().namespace().isEmpty());
        exposureCount.set(result.tools().exposureCount() + result.models().exposureCount());
        status.set("");
        refilter();
        explain();
        // Last, so whoever waits for the computation to end finds the new grid in place.
        computing.set(false);
    }

    private void failed(Throwable failure) {
        running = false;
        lastFailed = true;
        LOG.log(System.Logger.Level.WARNING, "could not compute the permission matrix", failure);
        computing.set(false);
        status.set("Could not compute the matrix: " + reason(failure));
        waiting.ifPresent(next -> {
            waiting = Optional.empty();
            start(next);
        });
    }

    /** Applies the view filters to the shown matrix; cheap, so it runs on every keystroke of the search. */
    private void refilter() {
        if (shown.isEmpty()) {
            return;
        }
        MatrixState state = shown.get().state(subject.get());
        GridModel model = new GridFilter(value(risk), onlyExposures.get(), onlyChanged.get(), Objects.requireNonNullElse(search.get(), ""),
                rowOrder.get()).apply(state);
        grid.set(model);
        summary.set(summary(model, state));
        placeholder.set(shown.get().catalog().namespaces().isEmpty() ? NO_AGENTS
                : model.rowCount() == 0 || model.columnCount() == 0 ? String.format(NO_CELLS, subject.get().singular()) : "");
        selection.set(selected.filter(s -> s.subject() == model.subject()).flatMap(s -> cellOf(s.agent(), s.column())));
    }

    /** Explains the selected cell with the shown engine; after a reload, with the new one, so it stays current. */
    private void explain() {
        int ticket = ++explained;
        if (selected.isEmpty() || shown.isEmpty()) {
            explanation.set(Optional.empty());
            return;
        }
        Selected cell = selected.get();
        Computed c = shown.get();
        if (!c.state(cell.subject()).agents.contains(cell.agent()) || !c.state(cell.subject()).columns.contains(cell.column())) {
            selected = Optional.empty();
            explanation.set(Optional.empty());
            return;
        }
        runner.run(() -> explanation(c, cell), e -> {
            if (ticket == explained) {
                explanation.set(Optional.of(e));
            }
        }, failure -> {
            LOG.log(System.Logger.Level.WARNING, "could not explain " + cell, failure);
            status.set("Could not explain the cell: " + reason(failure));
        });
    }

    private static Explanation explanation(Computed c, Selected cell) {
        TraceSink.Recording trace = new TraceSink.Recording();
        Answer answer = cell.subject() == Subject.MODELS
                ? c.engine().decideModel(cell.agent(), cell.column(), c.context(), trace)
                : c.engine().decideTool(cell.agent(), cell.column(), c.context(), trace);
        String exposure = answer.exposure().map(e -> e + ": orloj lets through what the manifests do not grant"
                        + (answer.exposures().size() > 1 ? " (also " + String.join(", ", answer.exposures().subList(1, answer.exposures().size())) + ")" : ""))
                .orElse("none: orloj is no more permissive than strict");
        List<String> missing = answer.missing().stream().map(MatrixViewModel::missing).toList();
        List<TraceLine> steps = answer.trace().stream().map(t -> new TraceLine(t.side(), t.check(), t.result(),
                t.source().map(s -> new TraceLink(s.file().path(), s.line(), s.column())))).toList();
        String where = c.context().namespace() + c.context().system().map(s -> ", system " + s).orElse("")
                + c.context().task().map(t -> ", task " + t).orElse("");
        return new Explanation(cell.agent() + " → " + cell.column() + "  (" + where + ")",
                verdict(answer.strict()), decision(answer.strict()), verdict(answer.orloj()), decision(answer.orloj()),
                answer.strict().reason().wireName(), answer.exposure().isPresent(), exposure, missing, steps);
    }

    private static String decision(Decision d) {
        return d.verdict().wireName() + " (" + d.reason().wireName() + "): " + d.message();
    }

    private static CellVerdict verdict(Decision d) {
        return switch (d.verdict()) {
            case ALLOW -> CellVerdict.ALLOW;
            case APPROVAL_REQUIRED -> CellVerdict.APPROVAL_REQUIRED;
            case DENY -> CellVerdict.DENY;
        };
    }

    private static String missing(Missing m) {
        return m.kind() + " " + m.value() + ": " + m.detail();
    }

    /** Counts of the cells shown, worded like the CLI's matrix summary. */
    private static String summary(GridModel model, MatrixState state) {
        int allow = 0;
        int approval = 0;
        int deny = 0;
        int exposures = 0;
        int changed = 0;
        if (model.rowCount() == state.agents.size() && model.columnCount() == state.columns.size()) {
            // Every cell is shown (the filters keep all): the counts made while encoding.
            allow = state.strictCount(CellVerdict.ALLOW);
            approval = state.strictCount(CellVerdict.APPROVAL_REQUIRED);
            deny = state.strictCount(CellVerdict.DENY);
            exposures = state.exposureCount();
            changed = state.changedCount;
        } else {
            for (int r = 0; r < model.rowCount(); r++) {
                for (int c = 0; c < model.columnCount(); c++) {
                    int cell = model.cell(r, c);
                    switch (MatrixState.strict(cell)) {
                        case ALLOW -> allow++;
                        case APPROVAL_REQUIRED -> approval++;
                        case DENY -> deny++;
                    }
                    exposures += MatrixState.exposed(cell) ? 1 : 0;
                    changed += MatrixState.changed(cell) ? 1 : 0;
                }
            }
        }
        String rows = (model.rowCount() == state.agents.size() ? "" : model.rowCount() + " of ") + state.agents.size() + " agents";
        String columns = (model.columnCount() == state.columns.size() ? "" : model.columnCount() + " of ")
                + state.columns.size() + " " + state.subject.plural();
        return rows + " × " + columns + ": " + allow + " allow, " + approval + " approval required, " + deny + " deny, "
                + exposures + " exposures" + (changed > 0 ? ", " + changed + " changed" : "");
    }

    /** What an export writes into its file, saying what it wrote ("1000000 cells"). */
    @FunctionalInterface
    private interface Export {
        String writeTo(OutputStream out) throws Exception;
    }

    /** Writes an export off the FX thread, atomically, and says in the status what was written or why not. */
    private void write(Path target, Export content) {
        status.set("Exporting " + target.getFileName() + "…");
        runner.run(() -> {
            String[] what = new String[1];
            AtomicFiles.writeStream(target, out -> {
                try {
                    what[0] = content.writeTo(out);
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            });
            return what[0];
        }, what -> status.set("Exported " + what + " to " + target), failure -> {
            LOG.log(System.Logger.Level.WARNING, "could not export " + target, failure);
            status.set("Could not export " + target.getFileName() + ": " + reason(failure));
        });
    }


    /** Sets a filter's choices, unless they are those already: a combo box told of new items lays itself out again. */
    private static void replace(ObservableList<String> choices, List<String> now) {
        if (!choices.equals(now)) {
            choices.setAll(now);
        }
    }

    private static List<String> withAny(List<String> names) {
        List<String> out = new ArrayList<>(names.size() + 1);
        out.add(ANY);
        out.addAll(names);
        return out;
    }

    private static Optional<String> optional(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A combo box clears its value while its items are replaced; null then means "whatever it was": any. */
    private static String value(ObjectProperty<String> property) {
        return Objects.requireNonNullElse(property.get(), ANY);
    }

    /** What a matrix job was asked: a new workspace (or the shown engine) and the scope chosen. */
    /** {@code changed}: the files changed since the last computed workspace, empty when not known (decide all). */
    private record Request(Optional<Workspace> workspace, String namespace, String system, String task, Origin origin,
                           Optional<Set<SourceId>> changed) {}

    private static Optional<Set<SourceId>> union(Optional<Set<SourceId>> a, Optional<Set<SourceId>> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        Set<SourceId> out = new java.util.HashSet<>(a.get());
        out.addAll(b.get());
        return Optional.of(Set.copyOf(out));
    }

    /** Where a request's workspace comes from, which decides what its cells are compared with. */
    private enum Origin { DISK, EDIT, SAVE, FILTER }

    private record Selected(Subject subject, String agent, String column) {}

    /** One job's outcome: the engine, what the filters offer, the scope decided, and both encoded matrices. */
    private record Computed(DecisionEngine engine, Catalog catalog, Context context, MatrixState tools, MatrixState models,
                            AccessMatrix toolMatrix, AccessMatrix modelMatrix) {
        MatrixState state(Subject subject) {
            return subject == Subject.MODELS ? models : tools;
        }

        AccessMatrix matrix(Subject subject) {
            return subject == Subject.MODELS ? AccessMatrix.models(engine, context) : AccessMatrix.tools(engine, context);
        }
    }

    // ---------------------------------------------------------------------------------------------- properties

    /** The namespace shown: one of {@link #namespaces()}. */
    public ObjectProperty<String> namespaceProperty() {
        return namespace;
    }

    /** The namespaces that have agents, sorted. */
    public ObservableList<String> namespaces() {
        return FXCollections.unmodifiableObservableList(namespaces);
    }

    /** The AgentSystem the decisions run in, or {@link #ANY}. */
    public ObjectProperty<String> systemProperty() {
        return system;
    }

    /** {@link #ANY}, then the namespace's systems. */
    public ObservableList<String> systems() {
        return FXCollections.unmodifiableObservableList(systems);
    }

    /** The Task the decisions run in, or {@link #ANY}. */
    public ObjectProperty<String> taskProperty() {
        return task;
    }

    /** {@link #ANY}, then the namespace's tasks. */
    public ObservableList<String> tasks() {
        return FXCollections.unmodifiableObservableList(tasks);
    }

    /** Shows only tools of this risk level ({@link #RISK_LEVELS}); {@link #ANY} shows all. No effect on models. */
    public ObjectProperty<String> riskProperty() {
        return risk;
    }

    /** Exposures (orloj more permissive than strict) among the tool and model cells of the shown scope. */
    public ReadOnlyIntegerProperty exposureCountProperty() {
        return exposureCount.getReadOnlyProperty();
    }

    /** Only the rows and columns with a cell changed since the last save (live what-if). */
    public BooleanProperty onlyChangedProperty() {
        return onlyChanged;
    }

    public BooleanProperty onlyExposuresProperty() {
        return onlyExposures;
    }

    /** Part of an agent, tool or model name; see {@link GridFilter}. */
    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<RowOrder> rowOrderProperty() {
        return rowOrder;
    }

    /** Tools or models as columns. */
    public ObjectProperty<Subject> subjectProperty() {
        return subject;
    }

    /** The cells shown. */
    public ReadOnlyObjectProperty<GridModel> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    /** Counts per state of the cells shown, like the CLI's summary line. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Why the grid is empty, or "" when it is not. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** What the matrix is doing or last did: computing, an export written, or why it failed. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    /** Whether there is a matrix to export. */
    public ReadOnlyBooleanProperty exportableProperty() {
        return exportable.getReadOnlyProperty();
    }

    /** The selected cell's displayed position; empty when none is selected or the filters hide it. */
    public ReadOnlyObjectProperty<Optional<GridCell>> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    /** Why the selected cell is what it is; kept while the filters hide the cell. */
    public ReadOnlyObjectProperty<Optional<Explanation>> explanationProperty() {
        return explanation.getReadOnlyProperty();
    }
}

package dev.gatehouse.core.engine;

import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentPolicy;
import dev.gatehouse.core.model.AgentRole;
import dev.gatehouse.core.model.ModelEndpoint;
import dev.gatehouse.core.model.Permissions;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.ToolPermission;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.model.WorkspaceDelta;
import dev.gatehouse.core.source.Located;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.gatehouse.core.engine.DecisionGrid.outcome;
import static dev.gatehouse.core.engine.DecisionGrid.reasonOf;
import static dev.gatehouse.core.engine.DecisionGrid.verdictOf;

/**
 * The engine's two worlds compiled for tool calls without a trace: permission strings as integer ids, each
 * role's grants as a bitset, per tool its default permissions, per rule its required ids. Per agent (a row,
 * compiled on first use) every declared tool gets a slot holding the outcome of the steps that depend only on
 * agent and tool (strict 5–11, orloj C registry–C6); per agent and context, the facts that depend on the context
 * (matched and broken policies, Orloj's refusal of the whole agent) are computed once by the traced path's own
 * functions. A decision is then a few look-ups, and allocates only its answer, whose messages, {@code missing}
 * and {@code involved} come from the traced path when read ({@link FullAnswer}).
 *
 * <p>The steps are those of {@link DecisionEngine#tracedTool}, in the same order; the property tests hold the
 * two paths equal on generated workspaces, and the benchmark on the bench instances.
 */
final class ToolCallIndex {
    private static final int UNKNOWN_AGENT = outcome(Verdict.DENY, ReasonCode.UNKNOWN_AGENT);
    private static final int INVALID_MANIFEST = outcome(Verdict.DENY, ReasonCode.INVALID_MANIFEST);
    private static final int NOT_DECLARED = outcome(Verdict.DENY, ReasonCode.NOT_DECLARED);
    private static final int UNKNOWN_TOOL = outcome(Verdict.DENY, ReasonCode.UNKNOWN_TOOL);
    private static final int BLOCKED = outcome(Verdict.DENY, ReasonCode.BLOCKED_BY_POLICY);
    private static final int MISSING_ROLE = outcome(Verdict.DENY, ReasonCode.MISSING_ROLE);
    private static final int EXPLICIT_DENY = outcome(Verdict.DENY, ReasonCode.EXPLICIT_DENY);
    private static final int MISSING_PERMISSION = outcome(Verdict.DENY, ReasonCode.MISSING_PERMISSION);
    private static final int OPERATION_DENIED = outcome(Verdict.DENY, ReasonCode.OPERATION_DENIED);
    private static final int APPROVAL_REQUIRED = outcome(Verdict.APPROVAL_REQUIRED, ReasonCode.APPROVAL_REQUIRED);
    private static final int RULE_GRANT = outcome(Verdict.ALLOW, ReasonCode.RULE_GRANT);
    private static final int PREAUTHORIZED = outcome(Verdict.ALLOW, ReasonCode.PREAUTHORIZED);
    private static final int SEED_GRANT = outcome(Verdict.ALLOW, ReasonCode.SEED_GRANT);
    private static final int ROLE_GRANT = outcome(Verdict.ALLOW, ReasonCode.ROLE_GRANT);
    private static final int NO_GRANT = outcome(Verdict.DENY, ReasonCode.NO_GRANT);
    private static final int TASK_INVALID = outcome(Verdict.DENY, ReasonCode.TASK_INVALID);
    private static final int UNSUPPORTED_TOOL = outcome(Verdict.DENY, ReasonCode.UNSUPPORTED_TOOL);
    private static final int NO_ROLES_NO_RULES = outcome(Verdict.ALLOW, ReasonCode.NO_ROLES_NO_RULES);
    private static final int MODEL_NOT_ALLOWED = outcome(Verdict.DENY, ReasonCode.MODEL_NOT_ALLOWED);
    private static final int NONE = -1;
    /** Rows a grid compiles on every core rather than one by one as it fills them. */
    private static final int PARALLEL_ROWS = 64;
    /** {@link Space#quickOutcome}'s "not from the table". Packed outcomes are never negative. */
    private static final int NO_QUICK = -1;
    /**
     * Questions in one context a namespace answers through its rows before it makes the context's {@link Quick}
     * table: a one-off {@code gatehouse decide} or a matrix (which reads the rows) never pays for one.
     */
    private static final int QUICK_AFTER = 256;
    /**
     * Tables a namespace keeps for contexts with a system or task (each the size of the one without): the sandbox
     * asks in a few; more are answered through the rows. Contexts counted towards a table, likewise bounded.
     */
    private static final int QUICK_CONTEXTS = 4;
    private static final int COUNTED_CONTEXTS = 64;
    private static final int[] NO_IDS = new int[0];
    private static final long[] NO_BITS = new long[0];

    /** Result of {@link #evaluate}: strict outcome, orloj outcome, and whether a rule lets Orloj through by F8. */
    private static final int F8_BIT = 1 << (2 * DecisionGrid.SIDE_BITS);

    /**
     * The exposure lists when no manifest has errors (so no reading items): the strict side's item (none, S1,
     * F27, F8, F9, F13, F20) then the orloj side's (none, F1, F7), as {@link DecisionEngine#toolExposures} orders
     * them, or F24 when neither names one. Interned so that an answer allocates none.
     */
    private static final String[] STRICT_ITEMS = {null, "S1", "F27", "F8", "F9", "F13", "F20"};
    private static final String[] ORLOJ_ITEMS = {null, "F1", "F7"};
    private static final List<List<String>> EXPOSURE_LISTS = new ArrayList<>();
    private static final List<Optional<String>> EXPOSURE_FIRSTS = new ArrayList<>();

    static {
        for (String s : STRICT_ITEMS) {
            for (String o : ORLOJ_ITEMS) {
                List<String> items = new ArrayList<>();
                if (s != null) {
                    items.add(s);
                }
                if (o != null && !items.contains(o)) {
                    items.add(o);
                }
                if (items.isEmpty()) {
                    items.add("F24");
                }
                EXPOSURE_LISTS.add(List.copyOf(items));
                EXPOSURE_FIRSTS.add(Optional.of(items.get(0)));
            }
        }
    }

    private final DecisionEngine engine;
    private final World strict;
    private final World orloj;
    private final Set<Resource> broken;
    private final boolean unreadable;
    /** Any error in the workspace: exposures then also carry reading items, which the traced path works out. */
    private final boolean readingErrors;
    private final boolean brokenPolicies;
    private final Set<String> taintedNamespaces = new HashSet<>();

    private final Map<String, Integer> permissionIds = new HashMap<>();
    /** Each permission spelling of a role as its id: perm() applied once per spelling. */
    private final Map<String, Integer> spellings = new HashMap<>();
    private final int words;
    private final Map<AgentRole, long[]> grants = new IdentityHashMap<>();
    private final Map<ToolPermission, Rule> rules = new IdentityHashMap<>();
    private final Map<AgentPolicy, Integer> strictPolicyIds = new IdentityHashMap<>();
    /** Every strict policy's {@code blocked_tools}, stripped, with the policy's index: step 4's comparison. */
    private final CaselessNames strictBlocked = new CaselessNames();
    /** Every Orloj policy's {@code blocked_tools} as written, with the policy's index in store order (§3.3). */
    private final CaselessNames orlojBlocked = new CaselessNames();
    private final Map<AgentPolicy, Integer> orlojPolicyIds = new IdentityHashMap<>();
    private final Map<String, Space> spaces = new HashMap<>();
    private final int rowsTaken;

    /** A ToolPermission's requirements as ids: {@code normalized} its perm()-ed, de-duplicated required list. */
    private record Rule(int[] normalized, boolean requiresExplicitly, boolean any, boolean operations, String action) {
        /** F8 as {@code DecisionEngine.f8} tests it. */
        boolean f8() {
            return !requiresExplicitly && operations;
        }
    }

    /**
     * The index of {@code engine}'s worlds, every agent's row compiled. With {@code previous} (the index of the
     * engine before an edit of the files {@code changed}), the rows and declarations that edit cannot affect are
     * taken from it rather than compiled again ({@link Reuse}).
     */
    ToolCallIndex(DecisionEngine engine, ToolCallIndex previous, WorkspaceDelta delta) {
        this.engine = engine;
        this.strict = engine.strict;
        this.orloj = engine.orloj;
        this.broken = engine.broken;
        this.unreadable = !engine.unreadable.isEmpty();
        this.readingErrors = !engine.errorsByFile.isEmpty();
        boolean anyBrokenPolicy = false;
        for (Resource r : broken) {
            switch (r.meta().kind()) {
                case TOOL, TOOL_PERMISSION -> taintedNamespaces.add(r.namespace());
                case AGENT_POLICY -> anyBrokenPolicy = true;
                default -> {
                }
            }
        }
        this.brokenPolicies = anyBrokenPolicy;

        Reuse reuse = previous == null ? null : Reuse.of(engine, delta);
        if (reuse != null) {
            // The previous ids first, so that what is taken from it (declarations hold ids) means the same here.
            permissionIds.putAll(previous.permissionIds);
        }
        // perm() once per distinct spelling: both readings, and most roles, share them (and the previous index).
        if (reuse != null) {
            spellings.putAll(previous.spellings);
        }
        for (World w : List.of(strict, orloj)) {
            for (AgentRole role : w.roles.values()) {
                for (Located<String> p : role.permissions()) {
                    if (!spellings.containsKey(p.value())) {
                        Integer id = permissionIds.putIfAbsent(Permissions.perm(p.value()), permissionIds.size());
                        spellings.put(p.value(), id == null ? permissionIds.size() - 1 : id);
                    }
                }
            }
        }
        this.words = (permissionIds.size() + 63) >>> 6;
        // With no new id, the previous bitsets of the same roles and ids of the same rules mean the same here.
        boolean sameIds = reuse != null && permissionIds.size() == previous.permissionIds.size();
        for (World w : List.of(strict, orloj)) {
            for (AgentRole role : w.roles.values()) {
                long[] bits = sameIds ? previous.grants.get(role) : null;
                if (bits == null) {
                    bits = new long[words];
                    for (Located<String> p : role.permissions()) {
                        int id = spellings.get(p.value());
                        bits[id >>> 6] |= 1L << id;
                    }
                }
                grants.put(role, bits);
            }
            for (List<ToolPermission> list : w.rulesByTool.values()) {
                for (ToolPermission p : list) {
                    Rule known = sameIds ? previous.rules.get(p) : null;
                    rules.computeIfAbsent(p, x -> known != null ? known : new Rule(ids(DecisionEngine.normalized(x.requiredPermissions())),
                            !x.requiredPermissions().isEmpty(), x.matchAny(), !x.operationRules().isEmpty(), x.action().value()));
                }
            }
        }
        for (AgentPolicy p : strict.policies) {
            int id = strictPolicyIds.size();
            strictPolicyIds.put(p, id);
            for (Located<String> b : p.blockedTools()) {
                strictBlocked.add(b.value().strip(), id);
            }
        }
        for (AgentPolicy p : orloj.policies) {
            int id = orlojPolicyIds.size();
            orlojPolicyIds.put(p, id);
            for (Located<String> b : p.blockedTools()) {
                orlojBlocked.add(b.value(), id);
            }
        }
        Set<String> namespaces = new HashSet<>(strict.agentsByNamespace.keySet());
        namespaces.addAll(orloj.agentsByNamespace.keySet());
        for (String ns : namespaces) {
            Space before = reuse == null ? null : previous.spaces.get(ns);
            spaces.put(ns, before == null ? new Space(ns) : new Space(ns, before, reuse, sameIds));
        }
        compileAll();
        int taken = 0;
        for (Space space : spaces.values()) {
            taken += space.taken;
        }
        this.rowsTaken = taken;
    }

    /** How many rows this index took from the previous one rather than compiling them (for tests). */
    int rowsTaken() {
        return rowsTaken;
    }

    /**
     * The row of every agent of every namespace not taken from a previous index, with its facts without context,
     * on every core when there are many: rows are independent, and every table they read is either built above
     * and never written again or a concurrent map. Compiling them here rather than on first use keeps a matrix,
     * and every question after, to look-ups.
     */
    private void compileAll() {
        List<Runnable> todo = new ArrayList<>();
        for (Space space : spaces.values()) {
            Context none = Context.of(space.namespace);
            Set<String> names = new LinkedHashSet<>();
            strict.agents(space.namespace).forEach(a -> names.add(a.name()));
            orloj.agents(space.namespace).forEach(a -> names.add(a.name()));
            for (String name : names) {
                if (!space.rows.containsKey(name)) {
                    todo.add(() -> {
                        Row row = space.row(name);
                        if (row != null) {
                            row.facts(none);
                        }
                    });
                }
            }
        }
        if (todo.size() < PARALLEL_ROWS || Runtime.getRuntime().availableProcessors() < 2) {
            todo.forEach(Runnable::run);
        } else {
            todo.parallelStream().forEach(Runnable::run);
        }
    }

    // ------------------------------------------------------------------------------------------------ questions

    /** {@link DecisionEngine#decideTool} without trace. */
    Answer decide(String agentName, String toolName, Context ctx) {
        Space space = spaces.get(ctx.namespace());
        int e = space == null ? NO_QUICK : space.quickOutcome(agentName, toolName, ctx);
        if (e == NO_QUICK) {
            Row row = space == null ? null : space.row(agentName);
            int at = row == null ? -1 : row.place(space.requestKey(toolName));
            e = at < 0 ? evaluate(space, row, row == null ? null : row.facts(ctx), toolName, -1, STRICT_UNDECLARED, NOT_DECLARED)
                    : evaluate(space, row, row.facts(ctx), toolName, row.table[at + 1], row.table[at + 2], row.table[at + 3]);
        }
        int s = e & ((1 << DecisionGrid.SIDE_BITS) - 1);
        int o = e >>> DecisionGrid.SIDE_BITS & ((1 << DecisionGrid.SIDE_BITS) - 1);
        if (!orlojMorePermissive(s, o)) {
            return answer(agentName, toolName, ctx, s, o, List.of(), Optional.empty());
        }
        if (readingErrors) {
            List<String> items = engine.toolExposures(agentName, toolName, ctx, reasonOf(s), reasonOf(o));
            return answer(agentName, toolName, ctx, s, o, items, Optional.of(items.get(0)));
        }
        int i = exposureIndex(s, o, (e & F8_BIT) != 0);
        return answer(agentName, toolName, ctx, s, o, EXPOSURE_LISTS.get(i), EXPOSURE_FIRSTS.get(i));
    }

    /** The answer to a question whose outcomes are known, its messages and lists to come from the traced path. */
    Answer answer(String agentName, String toolName, Context ctx, int s, int o, List<String> exposures, Optional<String> exposure) {
        FullAnswer full = new FullAnswer(engine, agentName, toolName, ctx);
        Verdict sv = verdictOf(s);
        List<Missing> missing = sv == Verdict.ALLOW ? List.of() : new DeferredList<>(full, Answer::missing);
        return new Answer(new Decision(sv, reasonOf(s), full, true), new Decision(verdictOf(o), reasonOf(o), full, false),
                exposure, exposures, missing, full, List.of());
    }

    /**
     * Agents × tools, or, with {@code previous}, only the cells it does not have or that are stale (by agent or
     * by tool name), the others copied.
     */
    DecisionGrid grid(List<String> agents, List<String> tools, Context ctx, DecisionGrid previous,
                      Set<String> staleAgents, Set<String> staleTools) {
        int cols = tools.size();
        int[] cells = new int[agents.size() * cols];
        List<List<String>> lists = new ArrayList<>();
        Map<List<String>, Integer> listIds = new HashMap<>();
        if (previous != null) {
            lists.addAll(previous.exposureLists());
        } else {
            lists.add(List.of());
        }
        for (int i = 0; i < lists.size(); i++) {
            listIds.putIfAbsent(lists.get(i), i);
        }
        String[] keys = new String[cols];
        Map<String, int[]> columnsByKey = new HashMap<>();
        for (int c = 0; c < cols; c++) {
            keys[c] = tools.get(c).strip().toLowerCase(Locale.ROOT);
            int[] at = columnsByKey.get(keys[c]);
            if (at == null) {
                columnsByKey.put(keys[c], new int[] {c});
            } else {
                int[] more = Arrays.copyOf(at, at.length + 1);
                more[at.length] = c;
                columnsByKey.put(keys[c], more);
            }
        }
        // Where the previous grid's cells can be copied from: its row of each agent and column of each tool.
        int[] previousColumn = new int[cols];
        Map<String, Integer> previousRows = new HashMap<>();
        boolean sameColumns = false;
        if (previous != null) {
            Map<String, Integer> at = new HashMap<>();
            for (int c = 0; c < previous.tools().size(); c++) {
                at.putIfAbsent(previous.tools().get(c), c);
            }
            sameColumns = previous.tools().equals(tools) && staleTools.isEmpty();
            for (int c = 0; c < cols; c++) {
                previousColumn[c] = staleTools.contains(tools.get(c)) ? -1 : at.getOrDefault(tools.get(c), -1);
            }
            for (int r = 0; r < previous.agents().size(); r++) {
                if (!staleAgents.contains(previous.agents().get(r))) {
                    previousRows.putIfAbsent(previous.agents().get(r), r);
                }
            }
        }
        Space space = spaces.get(ctx.namespace());
        // A tool the agent declares in neither reading is decided by the agent and context alone, unless a
        // broken Tool or ToolPermission of that name taints it (step 1): one evaluation fills those cells, and
        // only the columns of the names the agent declares are evaluated one by one.
        boolean perColumn = space == null || taintedNamespaces.contains(ctx.namespace());
        if (space != null) {
            compileRows(space, agents, ctx, sameColumns ? previousRows.keySet() : Set.of());
        }
        for (int r = 0; r < agents.size(); r++) {
            String agent = agents.get(r);
            int base = r * cols;
            Integer from = previousRows.get(agent);
            if (from != null && sameColumns) {
                System.arraycopy(previous.cells(), from * cols, cells, base, cols);
                continue;
            }
            Row row = space == null ? null : space.row(agent);
            Facts facts = row == null ? null : row.facts(ctx);
            int[] old = from == null ? null : previous.cells();
            int oldBase = from == null ? 0 : from * previous.tools().size();
            if (perColumn) {
                for (int c = 0; c < cols; c++) {
                    cells[base + c] = old != null && previousColumn[c] >= 0 ? old[oldBase + previousColumn[c]]
                            : gridCell(space, row, facts, agent, tools.get(c), row == null ? -1 : row.slot(space.knownKey(keys[c])), ctx, lists, listIds);
                }
                continue;
            }
            int undeclared = gridCell(space, row, facts, agent, null, -1, ctx, lists, listIds);
            if (old == null) {
                Arrays.fill(cells, base, base + cols, undeclared);
            } else {
                for (int c = 0; c < cols; c++) {
                    cells[base + c] = previousColumn[c] >= 0 ? old[oldBase + previousColumn[c]] : undeclared;
                }
            }
            if (row == null) {
                continue;
            }
            for (int slot = 0; slot < row.keys.length; slot++) {
                int[] at = columnsByKey.get(row.keys[slot]);
                if (at == null) {
                    continue;
                }
                for (int c : at) {
                    if (old == null || previousColumn[c] < 0) {
                        cells[base + c] = gridCell(space, row, facts, agent, tools.get(c), slot, ctx, lists, listIds);
                    }
                }
            }
        }
        return new DecisionGrid(engine, ctx, agents, tools, cells, lists);
    }

    /**
     * The rows (and their facts in {@code ctx}) of the agents not in {@code copied} that are not compiled yet,
     * on every core when there are many: rows are independent, and every table they read is either built in the
     * constructor and never written again or a concurrent map.
     */
    private void compileRows(Space space, List<String> agents, Context ctx, Set<String> copied) {
        List<String> todo = new ArrayList<>();
        for (String a : agents) {
            if (!copied.contains(a) && !space.compiled(a, ctx)) {
                todo.add(a);
            }
        }
        if (todo.size() < PARALLEL_ROWS || Runtime.getRuntime().availableProcessors() < 2) {
            return;
        }
        todo.parallelStream().forEach(a -> {
            Row row = space.row(a);
            if (row != null) {
                row.facts(ctx);
            }
        });
    }

    private int gridCell(Space space, Row row, Facts facts, String agent, String tool, int slot, Context ctx,
                         List<List<String>> lists, Map<List<String>, Integer> listIds) {
        int e = slot < 0 ? evaluate(space, row, facts, tool, -1, STRICT_UNDECLARED, NOT_DECLARED)
                : evaluate(space, row, facts, tool, slot, row.strictOut[slot], row.orlojOut[slot]);
        int s = e & ((1 << DecisionGrid.SIDE_BITS) - 1);
        int o = e >>> DecisionGrid.SIDE_BITS & ((1 << DecisionGrid.SIDE_BITS) - 1);
        int list = 0;
        if (orlojMorePermissive(s, o)) {
            List<String> items = readingErrors ? engine.toolExposures(agent, tool, ctx, reasonOf(s), reasonOf(o))
                    : EXPOSURE_LISTS.get(exposureIndex(s, o, (e & F8_BIT) != 0));
            Integer id = listIds.get(items);
            if (id == null) {
                id = lists.size();
                lists.add(items);
                listIds.put(items, id);
            }
            list = id;
        }
        return DecisionGrid.cell(s, o, list);
    }

    private static boolean orlojMorePermissive(int s, int o) {
        return verdictOf(o).compareTo(verdictOf(s)) < 0;
    }

    /** Where {@link #EXPOSURE_LISTS} holds the items {@link DecisionEngine#toolExposures} gives without reading items. */
    private static int exposureIndex(int s, int o, boolean f8) {
        int strictItem = switch (reasonOf(s)) {
            case EXPLICIT_DENY -> 1;
            case MISSING_ROLE -> 2;
            case MISSING_PERMISSION -> f8 ? 3 : 0;
            case OPERATION_DENIED, APPROVAL_REQUIRED -> reasonOf(o) == ReasonCode.PREAUTHORIZED ? 0 : 4;
            case INVALID_MANIFEST -> 5;
            case BLOCKED_BY_POLICY -> 6;
            default -> 0;
        };
        int orlojItem = switch (reasonOf(o)) {
            case NO_ROLES_NO_RULES -> 1;
            case PREAUTHORIZED -> 2;
            default -> 0;
        };
        return strictItem * ORLOJ_ITEMS.length + orlojItem;
    }

    /**
     * Both outcomes of one question, packed with {@link #F8_BIT}. {@code key} is the request trimmed and
     * lowercased, the spelling-independent name both readings look declarations up by (null: a name neither
     * reading of the agent declares); {@code tool} the request as asked, needed only where a broken Tool or
     * ToolPermission may taint an undeclared name; {@code strictPre} and {@code orlojPre} the row's outcomes of the
     * slot (those of an undeclared name when {@code slot} is -1).
     */
    private int evaluate(Space space, Row row, Facts facts, String tool, int slot, int strictPre, int orlojPre) {
        if (row == null) {
            return UNKNOWN_AGENT | TASK_INVALID << DecisionGrid.SIDE_BITS;
        }
        int s;
        int f8 = 0;
        if (row.strictAgent == null) {
            s = UNKNOWN_AGENT;
        } else if (row.strictBroken || unreadable || facts.strictInvalid) {
            // Step 1: the agent, a file whose kind cannot be read, matched policies; the tool part is in the slot.
            s = INVALID_MANIFEST;
        } else {
            int pre = strictPre;
            if (pre == STRICT_UNDECLARED) {
                s = tool != null && space.tainted && undeclaredTainted(space.namespace, tool) ? INVALID_MANIFEST : NOT_DECLARED;
            } else if ((pre & TAIL_BIT) == 0) {
                s = pre;
            } else if (facts.blocked(slot)) {
                s = BLOCKED;
            } else {
                s = pre & ((1 << DecisionGrid.SIDE_BITS) - 1);
                f8 = pre & F8_BIT;
            }
        }
        int o = facts.orlojRefusal;
        if (o == NONE) {
            o = orlojPre;
        }
        return s | o << DecisionGrid.SIDE_BITS | f8;
    }

    /** Step 1 for a name the agent does not declare: the Tool of that exact name, or a rule for it, is broken. */
    private boolean undeclaredTainted(String ns, String toolName) {
        String tool = toolName.strip();
        Tool t = strict.tools.get(World.key(ns, tool));
        if (t != null && broken.contains(t)) {
            return true;
        }
        for (ToolPermission p : strict.rulesFor(ns, tool.toLowerCase(Locale.ROOT))) {
            if (broken.contains(p)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ compiling

    private int[] ids(List<String> permissions) {
        int[] out = new int[permissions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = permissionIds.getOrDefault(permissions.get(i), -1);
        }
        return out;
    }

    /** {@code DecisionEngine.passes} on ids: -1 is a permission no role grants. */
    private static boolean passes(long[] granted, int[] required, boolean any) {
        for (int id : required) {
            boolean has = id >= 0 && (granted[id >>> 6] & 1L << id) != 0;
            if (any && has) {
                return true;
            }
            if (!any && !has) {
                return false;
            }
        }
        return !any;
    }

    /** {@code DecisionEngine.defaultPermissions} as ids; for invoke, those of the declaration, worked out once. */
    private int[] defaults(Tool t, String tool, String action, int[] invoke) {
        return action.equals("invoke") ? invoke : ids(DecisionEngine.defaultPermissions(t, tool, action));
    }

    private long[] granted(List<AgentRole> roles) {
        long[] out = new long[words];
        for (AgentRole r : roles) {
            long[] bits = grants.get(r);
            for (int i = 0; i < words; i++) {
                out[i] |= bits[i];
            }
        }
        return out;
    }

    /**
     * What an edit leaves standing of the previous index: every row but those of {@code staleAgents}, every
     * declaration but those of {@code staleKeys} (and, with {@code staleSlashes}, those naming a tool across
     * namespaces). Only for edits of Agents, AgentRoles, Tools and ToolPermissions (and kinds no tool call reads),
     * when every resource of every other file is the very object it was, with the same brokenness: any other
     * edit compiles everything. Errs towards compiling more, never less; the property tests hold an index made
     * this way equal to one compiled from scratch.
     */
    private record Reuse(Set<String> staleAgents, Set<String> staleKeys, boolean staleSlashes) {
        boolean staleDeclaration(Declared d) {
            return staleKeys.contains(d.key) || staleSlashes && d.orlojName.indexOf('/') >= 0;
        }

        /** The reuse after the edit {@code delta}, which gave the workspace of {@code after}, or null. */
        static Reuse of(DecisionEngine after, WorkspaceDelta delta) {
            List<Resource> edited = delta.resources();
            Set<String> agents = new HashSet<>();
            Set<String> roles = new HashSet<>();
            Set<String> keys = new HashSet<>();
            boolean tools = false;
            for (Resource r : edited) {
                switch (r.meta().kind()) {
                    case AGENT -> agents.add(r.name());
                    case AGENT_ROLE -> roles.add(r.name());
                    case TOOL -> {
                        keys.add(key(r.name()));
                        tools = true;
                    }
                    case TOOL_PERMISSION -> {
                        keys.add(key(((ToolPermission) r).toolRef().value()));
                        keys.add(key(r.name()));
                        tools = true;
                    }
                    case SECRET, MCP_SERVER, TASK_SCHEDULE, TASK_WEBHOOK, WORKER, TOOL_APPROVAL -> {
                        // No tool-call decision reads these kinds.
                    }
                    default -> {
                        return null;
                    }
                }
            }
            // Rows read their roles by exact name (or across namespaces with a `/`) and their tools' declarations.
            if (!roles.isEmpty()) {
                agents.addAll(after.agentsNamingRoles(roles));
            }
            for (World w : tools ? List.of(after.strict, after.orloj) : List.<World>of()) {
                for (Agent a : w.agents.values()) {
                    for (int i = 0; i < a.tools().size() && !agents.contains(a.name()); i++) {
                        String t = a.tools().get(i).value();
                        if (keys.contains(key(t)) || t.indexOf('/') >= 0) {
                            agents.add(a.name());
                        }
                    }
                }
            }
            return new Reuse(agents, keys, tools);
        }

        private static String key(String name) {
            return name.strip().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The agents of one namespace, by name, in either reading. The constructor of the index compiles the row of
     * every agent; a row of another name (a question about an agent no reading has) is never made.
     */
    private final class Space {
        final String namespace;
        final boolean tainted;
        /** Compiled rows by agent name. Racing threads may both compile one; either result is the same. */
        final Map<String, Row> rows = new ConcurrentHashMap<>();
        /** Every key (trimmed, lowercased tool name) a compiled row declares, as a small integer. */
        final Map<String, Integer> keyIds = new ConcurrentHashMap<>();
        /** Per declared spelling, what the steps read about the tool alone, looked up once for every agent. */
        final Map<String, Declared> declarations = new ConcurrentHashMap<>();
        /** How many rows came from the previous index. */
        int taken;
        /** Made once {@link #QUICK_AFTER} questions without context were asked here (counted without locking). */
        private volatile Quick quick;
        private int questionsWithoutQuick;
        /** The tables of contexts asked {@link #QUICK_AFTER} questions, at most {@link #QUICK_CONTEXTS}. */
        private volatile Quick[] contextQuicks = new Quick[0];
        /** Questions per context without a table yet, for at most {@link #COUNTED_CONTEXTS} contexts. */
        private final Map<Context, int[]> questionsIn = new ConcurrentHashMap<>();

        Space(String namespace) {
            this.namespace = namespace;
            this.tainted = taintedNamespaces.contains(namespace);
        }

        /**
         * The space of {@code namespace} taking from {@code before} (the same namespace in the previous index)
         * what {@code reuse} says the change cannot affect: every key id (so that the copied rows' tables stay
         * valid), the declarations of keys it leaves alone when no permission got a new id (they hold ids), and
         * the rows of agents it leaves alone whose Agent is the same object in both readings.
         */
        Space(String namespace, Space before, Reuse reuse, boolean sameIds) {
            this(namespace);
            keyIds.putAll(before.keyIds);
            if (sameIds) {
                for (Map.Entry<String, Declared> e : before.declarations.entrySet()) {
                    if (!reuse.staleDeclaration(e.getValue())) {
                        declarations.put(e.getKey(), e.getValue());
                    }
                }
            }
            for (Map.Entry<String, Row> e : before.rows.entrySet()) {
                Row old = e.getValue();
                String key = World.key(namespace, e.getKey());
                if (!reuse.staleAgents().contains(e.getKey()) && strict.agents.get(key) == old.strictAgent
                        && orloj.agents.get(key) == old.orlojAgent) {
                    rows.put(e.getKey(), new Row(old));
                    taken++;
                }
            }
        }

        /** The row of an agent, or null when neither reading has it. */
        Row row(String name) {
            Row r = rows.get(name);
            if (r == null) {
                String key = World.key(namespace, name);
                if (!strict.agents.containsKey(key) && !orloj.agents.containsKey(key)) {
                    return null;
                }
                r = new Row(this, name);
                rows.putIfAbsent(name, r);
            }
            return r;
        }

        /**
         * {@link #evaluate}'s packed outcome of a question in {@code ctx}, from its {@link Quick} table, or
         * {@link #NO_QUICK} when that does not have the answer: the tool not asked as its key (or the namespace
         * tainted, where an undeclared tool's spelling matters), an unknown agent, too few questions asked in the
         * context yet to be worth a table, or too many contexts asked to keep a table for each.
         */
        int quickOutcome(String agent, String tool, Context ctx) {
            Quick q = ctx.none() ? quick : contextQuick(ctx);
            if (q == null) {
                if (!enoughAskedIn(ctx)) {
                    return NO_QUICK;
                }
                q = quick(ctx);
                if (q == null) {
                    return NO_QUICK;
                }
            }
            return q.outcome(agent, tool, !tainted);
        }

        private Quick contextQuick(Context ctx) {
            for (Quick q : contextQuicks) {
                if (q.context.equals(ctx)) {
                    return q;
                }
            }
            return null;
        }

        /** Counts a question asked in {@code ctx} without a table; whether the context has now earned one. */
        private boolean enoughAskedIn(Context ctx) {
            if (ctx.none()) {
                return ++questionsWithoutQuick >= QUICK_AFTER;
            }
            int[] count = questionsIn.get(ctx);
            if (count == null) {
                if (questionsIn.size() >= COUNTED_CONTEXTS) {
                    return false;
                }
                count = questionsIn.computeIfAbsent(ctx, c -> new int[1]);
            }
            return ++count[0] >= QUICK_AFTER;
        }

        /** The table of {@code ctx}, made now if need be; null when the namespace keeps as many as it may. */
        private synchronized Quick quick(Context ctx) {
            if (ctx.none()) {
                if (quick == null) {
                    quick = new Quick(this, ctx);
                }
                return quick;
            }
            Quick q = contextQuick(ctx);
            if (q == null && contextQuicks.length < QUICK_CONTEXTS) {
                q = new Quick(this, ctx);
                Quick[] more = Arrays.copyOf(contextQuicks, contextQuicks.length + 1);
                more[more.length - 1] = q;
                contextQuicks = more;
                questionsIn.remove(ctx);
            }
            return q;
        }

        /** Whether the row of an agent and its facts in {@code ctx} are compiled (or the agent has no row). */
        boolean compiled(String name, Context ctx) {
            Row r = rows.get(name);
            return r != null && r.hasFacts(ctx);
        }

        /** The id of a key, which no compiled row declares when it has none yet: -1. */
        int knownKey(String key) {
            Integer id = keyIds.get(key);
            return id == null ? -1 : id;
        }

        /**
         * The id of the key of a requested name. Keys are trimmed and lowercased, which is idempotent, so a name
         * found among them as it is asked is its own key: the common request costs one look-up, no new string.
         */
        int requestKey(String name) {
            Integer id = keyIds.get(name);
            return id != null ? id : knownKey(name.strip().toLowerCase(Locale.ROOT));
        }

        int keyId(String key) {
            Integer id = keyIds.get(key);
            if (id != null) {
                return id;
            }
            synchronized (keyIds) {
                return keyIds.computeIfAbsent(key, k -> keyIds.size());
            }
        }

        /** The entry of a declared spelling, made once per namespace. */
        Declared declared(String spelling) {
            Declared d = declarations.get(spelling);
            if (d == null) {
                d = new Declared(ToolCallIndex.this, this, spelling);
                declarations.putIfAbsent(spelling, d);
            }
            return d;
        }
    }

    /**
     * One spelling of {@code spec.tools} in a namespace and what both readings look up for it alone: its key and
     * the key's id; strictly (as written) its Tool, whether step 1 taints it, step 4's blockers, its rules and
     * default permissions; as Orloj (trimmed) its registry entry, rules and default permissions, whether task
     * validation finds it, and whether any policy's {@code blocked_tools} names it.
     */
    private static final class Declared {
        final String key;
        final int keyId;
        final Tool strictTool;
        final boolean tainted;
        final int[] blockers;
        final List<ToolPermission> strictRules;
        final int[] strictInvoke;
        final String orlojName;
        final Tool orlojTool;
        final List<ToolPermission> orlojRules;
        final int[] orlojInvoke;
        final boolean orlojRegistered;
        final int[] orlojBlockers;

        Declared(ToolCallIndex index, Space space, String name) {
            World strict = index.strict;
            World orloj = index.orloj;
            Set<Resource> broken = index.broken;
            String ns = space.namespace;
            this.key = name.strip().toLowerCase(Locale.ROOT);
            this.keyId = space.keyId(key);
            this.strictTool = strict.tools.get(World.key(ns, name));
            boolean taint = strictTool != null && broken.contains(strictTool);
            for (ToolPermission p : strict.rulesFor(ns, name.toLowerCase(Locale.ROOT))) {
                taint |= broken.contains(p);
            }
            this.tainted = taint;
            this.blockers = index.strictBlocked.matching(name);
            this.strictRules = strict.rulesFor(ns, key);
            this.strictInvoke = strictTool == null ? NO_IDS : index.ids(DecisionEngine.defaultPermissions(strictTool, name, "invoke"));
            this.orlojName = name.strip();
            Optional<Tool> found = orloj.tool(ns, orlojName);
            if (found.isEmpty() && orlojName.contains("/")) {
                int slash = orlojName.indexOf('/');
                found = orloj.tool(orlojName.substring(0, slash), orlojName.substring(slash + 1));
            }
            this.orlojTool = found.orElse(null);
            this.orlojRules = orloj.rulesFor(ns, key);
            this.orlojInvoke = orlojTool == null ? NO_IDS : index.ids(DecisionEngine.defaultPermissions(orlojTool, orlojName, "invoke"));
            this.orlojRegistered = orloj.tools.containsKey(World.key(ns, name));
            this.orlojBlockers = index.orlojBlocked.matching(name);
        }
    }

    /** A strict slot's outcome stands unless a matched policy blocks the tool (step 4): it then carries this bit. */
    private static final int TAIL_BIT = 1 << 16;
    /** A slot the strict reading of the agent does not declare. */
    private static final int STRICT_UNDECLARED = -1;

    /**
     * One agent name: per key either reading declares (a slot), the strict outcome of steps 1 (tool part), 3 and
     * 5–11 and the orloj outcome of C registry to C6; the facts per context. Keys are found by id in an
     * open-addressing table.
     */
    private final class Row {
        final String name;
        final Agent strictAgent;
        final Agent orlojAgent;
        final boolean strictBroken;
        final String[] keys;
        final int[] strictOut;
        final int[] orlojOut;
        final int[][] blockers;
        final boolean anyBlockers;
        /** Whether Orloj loads the agent and, without a task, task validation finds all its references (§5.2). */
        final boolean orlojResolves;
        /** The Orloj policies that refuse the agent if they match it (§3.3): for its model, for a tool it declares. */
        final boolean[] modelRefusers;
        final boolean[] toolRefusers;
        /**
         * Open addressing by key id, four ints a place: key id + 1 (0 marks an empty place), slot, strict and orloj
         * outcome of the slot. A question reads its outcomes where it finds its key: one cache line, not three arrays.
         */
        private final int[] table;
        private final int mask;
        private volatile Facts none;
        private final Map<Context, Facts> others = new ConcurrentHashMap<>();

        Row(Space space, String name) {
            this.name = name;
            String ns = space.namespace;
            Agent s = strict.agents.get(World.key(ns, name));
            Agent o = orloj.agents.get(World.key(ns, name));
            this.strictAgent = s;
            this.orlojAgent = o;
            this.strictBroken = s != null && broken.contains(s);
            int capacity = (s == null ? 0 : s.tools().size()) + (o == null ? 0 : o.tools().size());
            Slots slots = new Slots(capacity);
            int[] strictOut = new int[capacity];
            int[][] blockers = new int[capacity][];
            boolean any = false;
            if (s != null) {
                boolean missingRole = false;
                List<AgentRole> found = new ArrayList<>();
                for (Located<String> role : s.roles()) {
                    AgentRole r = strict.roles.get(World.key(ns, role.value()));
                    if (r == null || broken.contains(r)) {
                        missingRole = true;
                    } else {
                        found.add(r);
                    }
                }
                long[] granted = granted(found);
                for (Located<String> t : s.tools()) {
                    Declared d = space.declared(t.value());
                    int slot = slots.add(d);
                    if (slot < 0) {
                        continue; // the first spelling of a key decides
                    }
                    blockers[slot] = d.blockers;
                    any |= d.blockers.length > 0;
                    if (d.tainted) {
                        strictOut[slot] = INVALID_MANIFEST;
                    } else if (d.strictTool == null) {
                        strictOut[slot] = UNKNOWN_TOOL;
                    } else {
                        List<ToolPermission> applicable = World.applicable(d.strictRules, s);
                        boolean f8 = false;
                        for (ToolPermission p : applicable) {
                            f8 |= rules.get(p).f8();
                        }
                        strictOut[slot] = strictTail(s, d, t.value(), missingRole, granted, applicable) | (f8 ? F8_BIT : 0) | TAIL_BIT;
                    }
                }
            }
            int strictCount = slots.size();
            Arrays.fill(strictOut, strictCount, capacity, STRICT_UNDECLARED);
            this.anyBlockers = any;
            int[] orlojOut = new int[capacity];
            Arrays.fill(orlojOut, NOT_DECLARED);
            boolean clean = false;
            boolean[] modelRefusers = new boolean[orlojPolicyIds.size()];
            boolean[] toolRefusers = new boolean[orlojPolicyIds.size()];
            if (o != null) {
                boolean missingRole = false;
                List<AgentRole> found = new ArrayList<>();
                for (Located<String> role : o.roles()) {
                    Optional<AgentRole> r = orloj.role(ns, role.value());
                    if (r.isEmpty()) {
                        missingRole = true;
                    } else {
                        found.add(r.get());
                    }
                }
                long[] granted = granted(found);
                String ref = o.modelRef().map(Located::value).orElse("");
                Optional<ModelEndpoint> endpoint = ref.isEmpty() ? Optional.empty() : orloj.endpoint(ns, ref);
                clean = !missingRole && endpoint.isPresent() && o.memory().flatMap(Agent.MemoryBinding::ref)
                        .map(m -> orloj.memories.containsKey(World.key(ns, m.value()))).orElse(true);
                String model = endpoint.flatMap(ModelEndpoint::defaultModel).map(Located::value).orElse("");
                for (AgentPolicy p : orloj.policies) {
                    if (!p.allowedModels().isEmpty() && p.allowedModels().stream().noneMatch(m -> m.value().equalsIgnoreCase(model))) {
                        modelRefusers[orlojPolicyIds.get(p)] = true;
                    }
                }
                boolean[] done = new boolean[capacity];
                for (Located<String> t : o.tools()) {
                    Declared d = space.declared(t.value());
                    clean &= d.orlojRegistered;
                    for (int p : d.orlojBlockers) {
                        toolRefusers[p] = true;
                    }
                    if (d.key.isEmpty()) {
                        continue;
                    }
                    int slot = slots.add(d);
                    if (slot < 0) {
                        slot = slots.slot(d.keyId);
                    }
                    if (done[slot]) {
                        continue;
                    }
                    done[slot] = true;
                    orlojOut[slot] = orlojTail(o, d, missingRole, granted);
                }
            }
            this.orlojResolves = clean;
            this.modelRefusers = modelRefusers;
            this.toolRefusers = toolRefusers;
            int n = slots.size();
            this.keys = slots.keys(n);
            this.strictOut = Arrays.copyOf(strictOut, n);
            this.orlojOut = Arrays.copyOf(orlojOut, n);
            this.blockers = Arrays.copyOf(blockers, n);
            this.table = slots.withOutcomes(this.strictOut, this.orlojOut);
            this.mask = slots.outcomeMask();
        }

        /** A row of this index with the outcomes of a previous index's row, its facts to be worked out anew. */
        Row(Row from) {
            this.name = from.name;
            this.strictAgent = from.strictAgent;
            this.orlojAgent = from.orlojAgent;
            this.strictBroken = from.strictBroken;
            this.keys = from.keys;
            this.strictOut = from.strictOut;
            this.orlojOut = from.orlojOut;
            this.blockers = from.blockers;
            this.anyBlockers = from.anyBlockers;
            this.orlojResolves = from.orlojResolves;
            this.modelRefusers = from.modelRefusers;
            this.toolRefusers = from.toolRefusers;
            this.table = from.table;
            this.mask = from.mask;
        }

        /** The slot of a key id, or -1 when neither reading declares it. */
        int slot(int keyId) {
            int at = place(keyId);
            return at < 0 ? -1 : table[at + 1];
        }

        /** Where a key id's four ints start in {@link #table}, or -1 when neither reading declares it. */
        int place(int keyId) {
            return keyId < 0 ? -1 : Slots.find(table, mask, keyId);
        }

        boolean hasFacts(Context ctx) {
            return ctx.none() ? none != null : others.containsKey(ctx);
        }

        Facts facts(Context ctx) {
            if (ctx.none()) {
                Facts f = none;
                if (f == null) {
                    f = new Facts(this, ctx);
                    none = f;
                }
                return f;
            }
            Facts f = others.get(ctx);
            if (f == null) {
                f = others.computeIfAbsent(ctx, c -> new Facts(this, c));
            }
            return f;
        }
    }

    /**
     * The outcome of every question in one context of one namespace whose tool is asked as its key (trimmed,
     * lowercased), worked out in advance from the compiled rows and their facts in the context: per agent and key
     * it declares, and per agent for a key it does not declare.
     *
     * <p>Why: through the rows a question follows a chain of dependent reads (the agent's map entry, its row, the
     * key's id, the row's table, the row's facts), and on a workspace of thousands of agents each read misses the
     * cache; on the bench's large instance that chain, not the arithmetic, is most of a decision. Here a question
     * reads one place of one table, found by the hashes its two names already hold, and confirms it against the
     * names' characters kept side by side in one array: two reads deep instead of five. Alternating runs on the
     * large instance measured a median decision about a third shorter (docs/benchmarks.md); comparing against the
     * names as strings, a read deeper, gained a tenth at most. ≈ 9 MiB there (175,000 declared pairs) per
     * context; with a table for the bench's task context too, p90 and p99 halved as well.
     */
    private final class Quick {
        final Context context;
        /** Per place: the pair's hash, the agent's entry in {@link #names} + 1 (0: empty), the key's entry, the outcome. */
        private final int[] pairs;
        private final int pairMask;
        /** Per place: the agent name's hash, its entry + 1 (0: empty), the outcome of a key the row does not declare, unused. */
        private final int[] agents;
        private final int agentMask;
        /** Every agent name and key once: its length, then its characters. */
        private final char[] names;

        Quick(Space space, Context context) {
            this.context = context;
            Row[] rows = space.rows.values().toArray(Row[]::new);
            Map<String, Integer> entries = new HashMap<>();
            StringBuilder text = new StringBuilder();
            int pairCount = 0;
            for (Row row : rows) {
                entry(row.name, entries, text);
                for (String key : row.keys) {
                    entry(key, entries, text);
                }
                pairCount += row.keys.length;
            }
            this.names = text.toString().toCharArray();
            this.pairMask = places(pairCount) - 1;
            this.pairs = new int[4 * (pairMask + 1)];
            this.agentMask = places(rows.length) - 1;
            this.agents = new int[4 * (agentMask + 1)];
            for (Row row : rows) {
                Facts facts = row.facts(context);
                int agentHash = row.name.hashCode();
                int agentEntry = entries.get(row.name);
                put(agents, agentMask, agentHash, agentEntry, 0, evaluate(space, row, facts, null, -1, STRICT_UNDECLARED, NOT_DECLARED));
                for (int at = 0; at < row.table.length; at += 4) {
                    if (row.table[at] != 0) {
                        int slot = row.table[at + 1];
                        String key = row.keys[slot];
                        int e = evaluate(space, row, facts, key, slot, row.table[at + 2], row.table[at + 3]);
                        put(pairs, pairMask, pairHash(agentHash, key.hashCode()), agentEntry, entries.get(key), e);
                    }
                }
            }
        }

        /** Appends a name's entry, its length as two chars and its characters, the first time it is met. */
        private static void entry(String name, Map<String, Integer> entries, StringBuilder text) {
            if (!entries.containsKey(name)) {
                entries.put(name, text.length());
                text.append((char) (name.length() >>> 16)).append((char) name.length()).append(name);
            }
        }

        /** The outcome, or {@link #NO_QUICK}; {@code undeclaredByAgent}: whether a key a row lacks has one outcome per row. */
        int outcome(String agent, String tool, boolean undeclaredByAgent) {
            int agentHash = agent.hashCode();
            int hash = pairHash(agentHash, tool.hashCode());
            int h = Slots.mix(hash) & pairMask;
            int at;
            while (pairs[(at = 4 * h) + 1] != 0) {
                if (pairs[at] == hash && isAt(agent, pairs[at + 1] - 1) && isAt(tool, pairs[at + 2])) {
                    return pairs[at + 3];
                }
                h = (h + 1) & pairMask;
            }
            // No row declares the tool as asked. Only a name that is its own key can be one the row lacks.
            if (!undeclaredByAgent || tool.strip().toLowerCase(Locale.ROOT) != tool) {
                return NO_QUICK;
            }
            h = Slots.mix(agentHash) & agentMask;
            while (agents[(at = 4 * h) + 1] != 0) {
                if (agents[at] == agentHash && isAt(agent, agents[at + 1] - 1)) {
                    return agents[at + 3];
                }
                h = (h + 1) & agentMask;
            }
            return NO_QUICK; // an unknown agent: the rows' path says so
        }

        /** Whether {@code name} is the entry of {@link #names} starting at {@code entry}. */
        private boolean isAt(String name, int entry) {
            int length = name.length();
            if ((names[entry] << 16 | names[entry + 1]) != length) {
                return false;
            }
            int from = entry + 2;
            for (int i = 0; i < length; i++) {
                if (names[from + i] != name.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static int pairHash(int agentHash, int toolHash) {
            return agentHash * 31 + toolHash;
        }

        private static void put(int[] table, int mask, int hash, int agentEntry, int keyEntry, int outcome) {
            int h = Slots.mix(hash) & mask;
            while (table[4 * h + 1] != 0) {
                h = (h + 1) & mask;
            }
            table[4 * h] = hash;
            table[4 * h + 1] = agentEntry + 1;
            table[4 * h + 2] = keyEntry;
            table[4 * h + 3] = outcome;
        }

    }

    /** A power of two at least twice {@code count}: open-addressing probes stay short, and a place is always empty. */
    private static int places(int count) {
        return Integer.highestOneBit(Math.max(4, count * 2 - 1)) << 1;
    }

    /** The slots of a row being compiled: key ids in an open-addressing table, keys in slot order. */
    private static final class Slots {
        int[] table;
        int mask;
        private final List<String> keys = new ArrayList<>();

        Slots(int capacity) {
            int size = places(capacity);
            this.mask = size - 1;
            this.table = new int[2 * size];
        }

        int size() {
            return keys.size();
        }

        /** A new slot for the entry's key, or -1 when the key has one. */
        int add(Declared d) {
            int h = mix(d.keyId) & mask;
            while (table[2 * h] != 0) {
                if (table[2 * h] == d.keyId + 1) {
                    return -1;
                }
                h = (h + 1) & mask;
            }
            table[2 * h] = d.keyId + 1;
            table[2 * h + 1] = keys.size();
            keys.add(d.key);
            return keys.size() - 1;
        }

        int slot(int keyId) {
            int h = mix(keyId) & mask;
            while (true) {
                int k = table[2 * h];
                if (k == keyId + 1) {
                    return table[2 * h + 1];
                }
                if (k == 0) {
                    return -1;
                }
                h = (h + 1) & mask;
            }
        }

        String[] keys(int n) {
            return keys.toArray(new String[n]);
        }

        /** Where the key id's four ints start in a table made by {@link #withOutcomes}, or -1. */
        static int find(int[] table, int mask, int keyId) {
            int h = mix(keyId) & mask;
            while (true) {
                int k = table[4 * h];
                if (k == keyId + 1) {
                    return 4 * h;
                }
                if (k == 0) {
                    return -1;
                }
                h = (h + 1) & mask;
            }
        }

        /**
         * The mask of the table {@link #withOutcomes} makes: sized by the keys the row has, at most three quarters
         * full. The compiling table is sized by the spellings both readings declare, before they fold into keys, so
         * an agent with 35 tools would keep 256 places of 16 bytes: on the bench's large instance 20 MiB of row
         * tables against 5 MiB sized this way (a question reads one place either way; decisions measured the same).
         */
        int outcomeMask() {
            int places = 4;
            while (places * 3 < keys.size() * 4) {
                places <<= 1;
            }
            return places - 1;
        }

        /** The table with each place's outcomes beside its key and slot, {@link #outcomeMask} + 1 places. */
        int[] withOutcomes(int[] strictOut, int[] orlojOut) {
            int outMask = outcomeMask();
            int[] out = new int[4 * (outMask + 1)];
            for (int h = 0; h <= mask; h++) {
                int key = table[2 * h];
                if (key != 0) {
                    int slot = table[2 * h + 1];
                    int at = mix(key - 1) & outMask;
                    while (out[4 * at] != 0) {
                        at = (at + 1) & outMask;
                    }
                    out[4 * at] = key;
                    out[4 * at + 1] = slot;
                    out[4 * at + 2] = strictOut[slot];
                    out[4 * at + 3] = orlojOut[slot];
                }
            }
            return out;
        }

        private static int mix(int id) {
            int h = id * 0x9E3779B9;
            return h ^ h >>> 16;
        }
    }

    /** What a context decides for a whole agent: step 1's matched broken policies, step 4's blocks, Orloj's refusal. */
    private final class Facts {
        final boolean strictInvalid;
        final long[] blocked;
        final int orlojRefusal;

        Facts(Row row, Context ctx) {
            boolean invalid = false;
            long[] bits = NO_BITS;
            if (row.strictAgent != null) {
                Agent a = row.strictAgent;
                invalid = brokenPolicies && !engine.brokenPolicies(a, ctx).isEmpty();
                if (row.anyBlockers) {
                    boolean[] matched = new boolean[strictPolicyIds.size()];
                    for (AgentPolicy p : engine.matchedPolicies(strict, a, ctx)) {
                        matched[strictPolicyIds.get(p)] = true;
                    }
                    bits = new long[(row.keys.length + 63) >>> 6];
                    for (int slot = 0; slot < row.keys.length; slot++) {
                        if (row.blockers[slot] == null) {
                            continue;
                        }
                        for (int p : row.blockers[slot]) {
                            if (matched[p]) {
                                bits[slot >>> 6] |= 1L << slot;
                                break;
                            }
                        }
                    }
                }
            }
            this.strictInvalid = invalid;
            this.blocked = bits;
            this.orlojRefusal = row.orlojResolves && ctx.task().isEmpty() ? policyRefusal(row, ctx)
                    : engine.orlojAgentRefusal(row.name, ctx).map(d -> outcome(d.verdict(), d.reason())).orElse(NONE);
        }

        /** {@code DecisionEngine.orlojPolicyRefusal} for an agent task validation passes: the first matched policy that refuses it. */
        private int policyRefusal(Row row, Context ctx) {
            boolean any = false;
            for (int i = 0; i < row.modelRefusers.length && !any; i++) {
                any = row.modelRefusers[i] || row.toolRefusers[i];
            }
            if (!any) {
                return NONE;
            }
            Agent a = orloj.agents.get(World.key(ctx.namespace(), row.name));
            for (AgentPolicy p : engine.matchedPolicies(orloj, a, ctx)) {
                int id = orlojPolicyIds.get(p);
                if (row.modelRefusers[id]) {
                    return MODEL_NOT_ALLOWED;
                }
                if (row.toolRefusers[id]) {
                    return BLOCKED;
                }
            }
            return NONE;
        }

        boolean blocked(int slot) {
            return blocked.length > 0 && (blocked[slot >>> 6] & 1L << slot) != 0;
        }
    }

    /** Steps 5–11 of the tool-call table for a declared, existing tool. */
    private int strictTail(Agent a, Declared d, String tool, boolean missingRole, long[] granted, List<ToolPermission> applicable) {
        Tool t = d.strictTool;
        if (missingRole) {
            return MISSING_ROLE;
        }
        for (Agent.SeedPolicy p : a.seedPolicies()) {
            if (!p.allows() && Glob.of(p.resource().value()).matchesIgnoringCase(tool) && Glob.actionMatches(p.action().value(), "invoke")) {
                return EXPLICIT_DENY;
            }
        }
        boolean preauthorised = a.allowedTools().map(l -> l.stream().anyMatch(x -> x.value().strip().equalsIgnoreCase(tool))).orElse(false);
        if (!applicable.isEmpty()) {
            Verdict aggregate = Verdict.ALLOW;
            for (ToolPermission p : applicable) {
                Rule rule = rules.get(p);
                int[] required = rule.requiresExplicitly() ? rule.normalized() : defaults(t, tool, rule.action(), d.strictInvoke);
                if (!preauthorised && !passes(granted, required, rule.any())) {
                    return MISSING_PERMISSION;
                }
                if (rule.operations()) {
                    Verdict v = DecisionEngine.operationVerdict(p, t, Verdict.DENY);
                    if (v.compareTo(aggregate) > 0) {
                        aggregate = v;
                    }
                }
            }
            return switch (aggregate) {
                case DENY -> OPERATION_DENIED;
                case APPROVAL_REQUIRED -> APPROVAL_REQUIRED;
                default -> RULE_GRANT;
            };
        }
        if (preauthorised) {
            return PREAUTHORIZED;
        }
        for (Agent.SeedPolicy p : a.seedPolicies()) {
            if (p.allows() && Glob.of(p.resource().value()).matchesExactly(tool) && Glob.actionMatches(p.action().value(), "invoke")) {
                return SEED_GRANT;
            }
        }
        if (!a.roles().isEmpty()) {
            return passes(granted, d.strictInvoke, false) ? ROLE_GRANT : MISSING_PERMISSION;
        }
        return NO_GRANT;
    }

    /** C registry to C6 for an available tool. */
    private int orlojTail(Agent a, Declared d, boolean missingRole, long[] granted) {
        if (d.orlojTool == null) {
            return UNSUPPORTED_TOOL;
        }
        Tool t = d.orlojTool;
        String tool = d.orlojName;
        if (a.allowedTools().map(l -> l.stream().anyMatch(x -> x.value().strip().equalsIgnoreCase(tool))).orElse(false)) {
            return PREAUTHORIZED;
        }
        if (missingRole) {
            return MISSING_ROLE;
        }
        List<ToolPermission> applicable = World.applicable(d.orlojRules, a);
        if (applicable.isEmpty() && a.roles().isEmpty()) {
            return NO_ROLES_NO_RULES;
        }
        if (applicable.isEmpty()) {
            return passes(granted, d.orlojInvoke, false) ? ROLE_GRANT : MISSING_PERMISSION;
        }
        Verdict aggregate = Verdict.ALLOW;
        for (ToolPermission p : applicable) {
            Rule rule = rules.get(p);
            int[] required = rule.normalized().length == 0 && !rule.operations() ? defaults(t, tool, rule.action(), d.orlojInvoke) : rule.normalized();
            if (required.length > 0 && !passes(granted, required, rule.any())) {
                return MISSING_PERMISSION;
            }
            if (rule.operations()) {
                aggregate = aggregate.and(DecisionEngine.operationVerdict(p, t, Verdict.ALLOW));
            }
        }
        return switch (aggregate) {
            case DENY -> OPERATION_DENIED;
            case APPROVAL_REQUIRED -> APPROVAL_REQUIRED;
            default -> RULE_GRANT;
        };
    }
}

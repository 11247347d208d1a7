package dev.gatehouse.core.engine;

import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentPolicy;
import dev.gatehouse.core.model.AgentRole;
import dev.gatehouse.core.model.Permissions;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.ToolPermission;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.source.Located;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
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
    private static final int NONE = -1;
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
    private final int words;
    private final Map<AgentRole, long[]> grants = new IdentityHashMap<>();
    private final Map<Tool, int[]> invokeDefaults = new IdentityHashMap<>();
    private final Map<ToolPermission, Rule> rules = new IdentityHashMap<>();
    private final Map<AgentPolicy, Integer> strictPolicyIds = new IdentityHashMap<>();
    /** Every strict policy's {@code blocked_tools}, stripped, with the policy's index: step 4's comparison. */
    private final CaselessNames strictBlocked = new CaselessNames();
    private final Map<String, Space> spaces = new HashMap<>();

    /** A ToolPermission's requirements as ids: {@code normalized} its perm()-ed, de-duplicated required list. */
    private record Rule(int[] normalized, boolean requiresExplicitly, boolean any, boolean operations, String action) {
        /** F8 as {@code DecisionEngine.f8} tests it. */
        boolean f8() {
            return !requiresExplicitly && operations;
        }
    }

    ToolCallIndex(DecisionEngine engine) {
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

        for (World w : List.of(strict, orloj)) {
            for (AgentRole role : w.roles.values()) {
                for (Located<String> p : role.permissions()) {
                    permissionIds.putIfAbsent(Permissions.perm(p.value()), permissionIds.size());
                }
            }
        }
        this.words = (permissionIds.size() + 63) >>> 6;
        for (World w : List.of(strict, orloj)) {
            for (AgentRole role : w.roles.values()) {
                long[] bits = new long[words];
                for (Located<String> p : role.permissions()) {
                    int id = permissionIds.get(Permissions.perm(p.value()));
                    bits[id >>> 6] |= 1L << id;
                }
                grants.put(role, bits);
            }
            for (Tool t : w.tools.values()) {
                invokeDefaults.put(t, ids(DecisionEngine.defaultPermissions(t, t.name(), "invoke")));
            }
            for (List<ToolPermission> list : w.rulesByTool.values()) {
                for (ToolPermission p : list) {
                    rules.computeIfAbsent(p, x -> new Rule(ids(DecisionEngine.normalized(x.requiredPermissions())),
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
        Set<String> namespaces = new HashSet<>(strict.agentsByNamespace.keySet());
        namespaces.addAll(orloj.agentsByNamespace.keySet());
        for (String ns : namespaces) {
            spaces.put(ns, new Space(ns));
        }
    }

    // ------------------------------------------------------------------------------------------------ questions

    /** {@link DecisionEngine#decideTool} without trace. */
    Answer decide(String agentName, String toolName, Context ctx) {
        Space space = spaces.get(ctx.namespace());
        Row row = space == null ? null : space.row(agentName);
        int e = evaluate(space, row, row == null ? null : row.facts(ctx), toolName, toolName.strip().toLowerCase(Locale.ROOT));
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
                exposure, exposures, missing, new DeferredList<>(full, Answer::involved), List.of());
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
        Map<String, List<Integer>> columnsByKey = new HashMap<>();
        for (int c = 0; c < cols; c++) {
            keys[c] = tools.get(c).strip().toLowerCase(Locale.ROOT);
            columnsByKey.computeIfAbsent(keys[c], k -> new ArrayList<>()).add(c);
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
            boolean[] done = new boolean[cols];
            if (from != null) {
                int[] old = previous.cells();
                int oldBase = from * previous.tools().size();
                for (int c = 0; c < cols; c++) {
                    if (previousColumn[c] >= 0) {
                        cells[base + c] = old[oldBase + previousColumn[c]];
                        done[c] = true;
                    }
                }
            }
            // A tool the agent declares in neither reading is decided by the agent and context alone, unless a
            // broken Tool or ToolPermission of that name taints it (step 1): one evaluation fills those cells.
            boolean perColumn = space == null || taintedNamespaces.contains(ctx.namespace());
            int undeclared = perColumn ? 0 : gridCell(space, row, facts, agent, null, null, ctx, lists, listIds);
            Set<String> declared = row == null ? Set.of() : row.keys();
            for (int c = 0; c < cols; c++) {
                if (done[c]) {
                    continue;
                }
                cells[base + c] = perColumn || declared.contains(keys[c])
                        ? gridCell(space, row, facts, agent, tools.get(c), keys[c], ctx, lists, listIds) : undeclared;
            }
        }
        return new DecisionGrid(engine, ctx, agents, tools, cells, lists);
    }

    private int gridCell(Space space, Row row, Facts facts, String agent, String tool, String key, Context ctx,
                         List<List<String>> lists, Map<List<String>, Integer> listIds) {
        int e = evaluate(space, row, facts, tool, key);
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
     * ToolPermission may taint an undeclared name.
     */
    private int evaluate(Space space, Row row, Facts facts, String tool, String key) {
        if (row == null) {
            return UNKNOWN_AGENT | TASK_INVALID << DecisionGrid.SIDE_BITS;
        }
        int s;
        int f8 = 0;
        StrictRow sr = row.strict;
        if (sr == null) {
            s = UNKNOWN_AGENT;
        } else {
            int slot = key == null ? -1 : sr.slot(key);
            // Step 1: the agent, a file whose kind cannot be read, the Tool and ToolPermissions of the name, matched policies.
            if (sr.broken || unreadable || facts.strictInvalid
                    || (slot >= 0 ? sr.tainted[slot] : tool != null && space.tainted && undeclaredTainted(space.namespace, tool))) {
                s = INVALID_MANIFEST;
            } else if (slot < 0) {
                s = NOT_DECLARED;
            } else if (!sr.exists[slot]) {
                s = UNKNOWN_TOOL;
            } else if (facts.blocked(slot)) {
                s = BLOCKED;
            } else {
                s = sr.tail[slot];
                f8 = sr.f8[slot] ? F8_BIT : 0;
            }
        }
        int o = facts.orlojRefusal;
        if (o == NONE) {
            int slot = key == null ? -1 : row.orloj.slot(key);
            o = slot < 0 ? NOT_DECLARED : row.orloj.tail[slot];
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

    /** {@code DecisionEngine.defaultPermissions} as ids; the common case (a tool by its own name, invoke) precompiled. */
    private int[] defaults(Tool t, String tool, String action) {
        if (action.equals("invoke") && tool.equals(t.name())) {
            return invokeDefaults.get(t);
        }
        return ids(DecisionEngine.defaultPermissions(t, tool, action));
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

    /** The agents of one namespace, by name, in either reading; rows are compiled when first asked about. */
    private final class Space {
        final String namespace;
        final boolean tainted;
        final Map<String, Integer> ids = new HashMap<>();
        final List<String> names = new ArrayList<>();
        final Row[] rows;

        Space(String namespace) {
            this.namespace = namespace;
            this.tainted = taintedNamespaces.contains(namespace);
            for (World w : List.of(strict, orloj)) {
                for (Agent a : w.agents(namespace)) {
                    if (ids.putIfAbsent(a.name(), names.size()) == null) {
                        names.add(a.name());
                    }
                }
            }
            this.rows = new Row[names.size()];
        }

        /** The row of an agent, or null when neither reading has it. Racing threads may both compile it; either result is the same. */
        Row row(String name) {
            Integer id = ids.get(name);
            if (id == null) {
                return null;
            }
            Row r = rows[id];
            if (r == null) {
                r = new Row(namespace, name);
                rows[id] = r;
            }
            return r;
        }
    }

    /** One agent name: its strict reading, its Orloj reading (either may be absent), and its facts per context. */
    private final class Row {
        final String name;
        final StrictRow strict;
        final OrlojRow orloj;
        private volatile Facts none;
        private final Map<Context, Facts> others = new ConcurrentHashMap<>();

        Row(String ns, String name) {
            this.name = name;
            Agent s = ToolCallIndex.this.strict.agents.get(World.key(ns, name));
            Agent o = ToolCallIndex.this.orloj.agents.get(World.key(ns, name));
            this.strict = s == null ? null : new StrictRow(s);
            this.orloj = o == null ? null : new OrlojRow(o);
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
            return others.computeIfAbsent(ctx, c -> new Facts(this, c));
        }

        /** Every key either reading declares. */
        Set<String> keys() {
            Set<String> out = new HashSet<>();
            if (strict != null) {
                out.addAll(strict.slots.keySet());
            }
            if (orloj != null) {
                out.addAll(orloj.slots.keySet());
            }
            return out;
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
            if (row.strict != null) {
                Agent a = row.strict.agent;
                invalid = brokenPolicies && !engine.brokenPolicies(a, ctx).isEmpty();
                if (row.strict.anyBlockers) {
                    boolean[] matched = new boolean[strictPolicyIds.size()];
                    for (AgentPolicy p : engine.matchedPolicies(strict, a, ctx)) {
                        matched[strictPolicyIds.get(p)] = true;
                    }
                    bits = new long[(row.strict.tool.length + 63) >>> 6];
                    for (int slot = 0; slot < row.strict.tool.length; slot++) {
                        for (int p : row.strict.blockers[slot]) {
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
            this.orlojRefusal = engine.orlojAgentRefusal(row.name, ctx).map(d -> outcome(d.verdict(), d.reason())).orElse(NONE);
        }

        boolean blocked(int slot) {
            return blocked.length > 0 && (blocked[slot >>> 6] & 1L << slot) != 0;
        }
    }

    /** A strict agent: per declared name (first spelling of each trimmed, lowercased name), steps 1 (tool part), 3, 4 and 5–11. */
    private final class StrictRow {
        final Agent agent;
        final boolean broken;
        final Map<String, Integer> slots = new HashMap<>();
        final String[] tool;
        final boolean[] tainted;
        final boolean[] exists;
        final int[] tail;
        final boolean[] f8;
        final int[][] blockers;
        final boolean anyBlockers;

        StrictRow(Agent a) {
            this.agent = a;
            this.broken = ToolCallIndex.this.broken.contains(a);
            String ns = a.namespace();
            List<String> spellings = new ArrayList<>();
            for (Located<String> t : a.tools()) {
                if (slots.putIfAbsent(t.value().strip().toLowerCase(Locale.ROOT), spellings.size()) == null) {
                    spellings.add(t.value());
                }
            }
            int n = spellings.size();
            this.tool = spellings.toArray(String[]::new);
            this.tainted = new boolean[n];
            this.exists = new boolean[n];
            this.tail = new int[n];
            this.f8 = new boolean[n];
            this.blockers = new int[n][];
            boolean missingRole = false;
            List<AgentRole> found = new ArrayList<>();
            for (Located<String> role : a.roles()) {
                AgentRole r = strict.roles.get(World.key(ns, role.value()));
                if (r == null || ToolCallIndex.this.broken.contains(r)) {
                    missingRole = true;
                } else {
                    found.add(r);
                }
            }
            long[] granted = granted(found);
            boolean any = false;
            for (int i = 0; i < n; i++) {
                String name = tool[i];
                Tool t = strict.tools.get(World.key(ns, name));
                boolean taint = t != null && ToolCallIndex.this.broken.contains(t);
                for (ToolPermission p : strict.rulesFor(ns, name.toLowerCase(Locale.ROOT))) {
                    taint |= ToolCallIndex.this.broken.contains(p);
                }
                tainted[i] = taint;
                exists[i] = t != null;
                blockers[i] = strictBlocked.matching(name);
                any |= blockers[i].length > 0;
                if (t != null) {
                    List<ToolPermission> applicable = strict.rules(a, name);
                    tail[i] = tail(a, t, name, missingRole, granted, applicable);
                    for (ToolPermission p : applicable) {
                        f8[i] |= rules.get(p).f8();
                    }
                }
            }
            this.anyBlockers = any;
        }

        int slot(String key) {
            Integer i = slots.get(key);
            return i == null ? -1 : i;
        }

        /** Steps 5–11 of the tool-call table for a declared, existing tool. */
        private int tail(Agent a, Tool t, String tool, boolean missingRole, long[] granted, List<ToolPermission> applicable) {
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
                    int[] required = rule.requiresExplicitly() ? rule.normalized() : defaults(t, tool, rule.action());
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
                return passes(granted, defaults(t, tool, "invoke"), false) ? ROLE_GRANT : MISSING_PERMISSION;
            }
            return NO_GRANT;
        }
    }

    /** An agent as Orloj loads it: per available name (selection gate A), the outcome of C registry to C6. */
    private final class OrlojRow {
        final Map<String, Integer> slots = new HashMap<>();
        final int[] tail;

        OrlojRow(Agent a) {
            String ns = a.namespace();
            List<String> spellings = new ArrayList<>();
            for (Located<String> d : a.tools()) {
                String key = d.value().strip().toLowerCase(Locale.ROOT);
                if (!key.isEmpty() && slots.putIfAbsent(key, spellings.size()) == null) {
                    spellings.add(d.value().strip());
                }
            }
            boolean missingRole = false;
            List<AgentRole> found = new ArrayList<>();
            for (Located<String> role : a.roles()) {
                Optional<AgentRole> r = orloj.role(ns, role.value());
                if (r.isEmpty()) {
                    missingRole = true;
                } else {
                    found.add(r.get());
                }
            }
            long[] granted = granted(found);
            this.tail = new int[spellings.size()];
            for (int i = 0; i < tail.length; i++) {
                tail[i] = tail(a, spellings.get(i), missingRole, granted);
            }
        }

        int slot(String key) {
            Integer i = slots.get(key);
            return i == null ? -1 : i;
        }

        /** C registry to C6 for an available tool. */
        private int tail(Agent a, String tool, boolean missingRole, long[] granted) {
            Optional<Tool> found = orloj.tool(a.namespace(), tool);
            if (found.isEmpty() && tool.contains("/")) {
                int slash = tool.indexOf('/');
                found = orloj.tool(tool.substring(0, slash), tool.substring(slash + 1));
            }
            if (found.isEmpty()) {
                return UNSUPPORTED_TOOL;
            }
            Tool t = found.get();
            if (a.allowedTools().map(l -> l.stream().anyMatch(x -> x.value().strip().equalsIgnoreCase(tool))).orElse(false)) {
                return PREAUTHORIZED;
            }
            if (missingRole) {
                return MISSING_ROLE;
            }
            List<ToolPermission> applicable = orloj.rules(a, tool);
            if (applicable.isEmpty() && a.roles().isEmpty()) {
                return NO_ROLES_NO_RULES;
            }
            if (applicable.isEmpty()) {
                return passes(granted, defaults(t, tool, "invoke"), false) ? ROLE_GRANT : MISSING_PERMISSION;
            }
            Verdict aggregate = Verdict.ALLOW;
            for (ToolPermission p : applicable) {
                Rule rule = rules.get(p);
                int[] required = rule.normalized().length == 0 && !rule.operations() ? defaults(t, tool, rule.action()) : rule.normalized();
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
}

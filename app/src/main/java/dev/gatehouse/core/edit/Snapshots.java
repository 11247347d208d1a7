package dev.gatehouse.core.edit;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.edit.AccessPlan.Cell;
import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.matrix.AccessMatrix;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.validate.Validator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Workspaces read from texts, each file read once per distinct text (an edit re-reads only the files it
 * changes), compiled, with the namespace's matrices and the validator's findings made when first asked for.
 */
final class Snapshots {
    private final WorkspaceReader reader = new WorkspaceReader();
    private final Map<SourceId, Map<String, WorkspaceReader.FileReading>> readings = new HashMap<>();

    Snapshot of(SortedMap<SourceId, String> texts) {
        List<WorkspaceReader.FileReading> files = new ArrayList<>();
        texts.forEach((id, text) -> files.add(readings.computeIfAbsent(id, k -> new HashMap<>())
                .computeIfAbsent(text, t -> reader.readFile(new SourceInput(id, t.getBytes(StandardCharsets.UTF_8))))));
        return new Snapshot(WorkspaceReader.assemble(files));
    }

    static final class Snapshot {
        final Workspace workspace;
        final DecisionEngine engine;
        private final Map<String, Map<Cell, Verdict>> matrices = new HashMap<>();
        private List<String> findings;

        Snapshot(Workspace workspace) {
            this.workspace = workspace;
            this.engine = DecisionEngine.compile(workspace);
        }

        /** Every cell of the namespace's tool and model matrices (no system or task) with its strict verdict. */
        Map<Cell, Verdict> matrix(String namespace) {
            return matrices.computeIfAbsent(namespace, ns -> {
                Map<Cell, Verdict> out = new LinkedHashMap<>();
                Context ctx = Context.of(ns);
                AccessMatrix tools = AccessMatrix.tools(engine, ctx);
                for (int r = 0; r < tools.agents().size(); r++) {
                    for (int c = 0; c < tools.columns().size(); c++) {
                        out.put(Cell.tool(tools.agents().get(r), tools.columns().get(c)), tools.strictVerdict(r, c));
                    }
                }
                AccessMatrix models = AccessMatrix.models(engine, ctx);
                for (int r = 0; r < models.agents().size(); r++) {
                    for (int c = 0; c < models.columns().size(); c++) {
                        out.put(Cell.model(models.agents().get(r), models.columns().get(c)), models.strictVerdict(r, c));
                    }
                }
                return out;
            });
        }

        /** The validator's findings without their positions (an edit moves lines), sorted. */
        List<String> findings() {
            if (findings == null) {
                findings = Validator.validate(workspace).diagnostics().stream()
                        .map((Diagnostic d) -> d.code() + " " + d.span().file() + ": " + d.message()).sorted().toList();
            }
            return findings;
        }
    }
}

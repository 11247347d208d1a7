package dev.gatehouse.core.lang;

import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.ReadLimits;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.sandbox.ScenarioFiles;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.validate.Validator;
import dev.gatehouse.core.workspace.WorkspaceFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Workspaces as texts (path → text): the repository's samples or text blocks, read as the editor reads them. */
final class Texts {
    private final Map<SourceId, String> files;

    private Texts(Map<SourceId, String> files) {
        this.files = new TreeMap<>(files);
    }

    static Texts of(String... pathsAndTexts) {
        Map<SourceId, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            m.put(new SourceId(pathsAndTexts[i]), pathsAndTexts[i + 1]);
        }
        return new Texts(m);
    }

    /** A sample under samples/, scenarios aside, paths relative to it. */
    static Texts sample(String name) {
        return sample(name, false);
    }

    /** A sample under samples/ with its scenario files, as the editor holds them. */
    static Texts sampleWithScenarios(String name) {
        return sample(name, true);
    }

    private static Texts sample(String name, boolean scenarios) {
        Path root = Path.of(System.getProperty("gatehouse.repo", "..")).toAbsolutePath().normalize().resolve("samples").resolve(name);
        try {
            List<SourceInput> all = new WorkspaceFiles(ReadLimits.DEFAULT, root).readAll(List.of(root));
            List<SourceInput> inputs = scenarios ? all : ScenarioFiles.split(all).manifests();
            Map<SourceId, String> m = new LinkedHashMap<>();
            for (SourceInput in : inputs) {
                m.put(in.id(), new String(in.bytes(), StandardCharsets.UTF_8));
            }
            return new Texts(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Texts with(Map<SourceId, String> changed) {
        Map<SourceId, String> m = new TreeMap<>(files);
        m.putAll(changed);
        return new Texts(m);
    }

    Map<SourceId, String> files() {
        return Map.copyOf(files);
    }

    String text(String path) {
        return files.get(new SourceId(path));
    }

    /** The manifests read; scenario files are not manifests (the editor and the CLI read them apart). */
    Workspace workspace() {
        List<SourceInput> inputs = new ArrayList<>();
        files.forEach((id, text) -> inputs.add(new SourceInput(id, text.getBytes(StandardCharsets.UTF_8))));
        return new WorkspaceReader().read(ScenarioFiles.split(inputs).manifests());
    }

    LanguageService service() {
        return LanguageService.of(workspace(), files);
    }

    /** The validator's findings as {@code code file:line:col}, the part a rename must not change. */
    List<String> findings() {
        return Validator.validate(workspace()).diagnostics().stream().map(d -> d.code() + " " + d.span().location()).toList();
    }

    /** The caret at the {@code n}th (1-based) occurrence of {@code marker} in a file, plus {@code shift} characters. */
    Caret caret(String path, String marker, int n, int shift) {
        String text = text(path);
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = text.indexOf(marker, at + 1);
        }
        if (at < 0) {
            throw new IllegalArgumentException("no `" + marker + "` in " + path);
        }
        return Caret.at(new SourceText(new SourceId(path), text), at + shift);
    }

    Caret caret(String path, String marker) {
        return caret(path, marker, 1, 0);
    }
}

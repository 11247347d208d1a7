package dev.gatehouse.ui.workspace;

import dev.gatehouse.ui.common.Settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The workspaces opened lately, newest first, so a later start can reopen the last and the menu offer the rest. */
public interface LastWorkspace {
    /** How many workspaces File ▸ Open Recent lists. */
    int RECENT = 8;

    Optional<Path> get();

    void set(Path root);

    /** Newest first, without duplicates, at most {@link #RECENT}. */
    List<Path> recent();

    /** Kept in settings under {@code lastWorkspace} and {@code recentWorkspaces} (one path per line). */
    static LastWorkspace in(Settings settings) {
        return new LastWorkspace() {
            @Override
            public Optional<Path> get() {
                return settings.get("lastWorkspace").map(Path::of);
            }

            @Override
            public void set(Path root) {
                settings.put("lastWorkspace", root.toString());
                List<Path> recent = new ArrayList<>(recent());
                recent.remove(root);
                recent.add(0, root);
                settings.put("recentWorkspaces", String.join("\n",
                        recent.subList(0, Math.min(RECENT, recent.size())).stream().map(Path::toString).toList()));
            }

            @Override
            public List<Path> recent() {
                return settings.get("recentWorkspaces").stream()
                        .flatMap(v -> Arrays.stream(v.split("\n"))).filter(s -> !s.isBlank()).map(Path::of).toList();
            }
        };
    }

    /** Kept for this run only: tests, and runs that must not touch the user's preferences. */
    static LastWorkspace inMemory() {
        return in(Settings.inMemory());
    }
}

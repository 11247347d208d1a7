package dev.gatehouse.ui.workspace;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

/** The workspace opened last, so a later start can reopen it. */
public interface LastWorkspace {
    Optional<Path> get();

    void set(Path root);

    /** Kept in the user's preferences, under the key {@code lastWorkspace} of the node. */
    static LastWorkspace inPreferences(Preferences node) {
        return new LastWorkspace() {
            @Override
            public Optional<Path> get() {
                return Optional.ofNullable(node.get("lastWorkspace", null)).map(Path::of);
            }

            @Override
            public void set(Path root) {
                node.put("lastWorkspace", root.toString());
            }
        };
    }

    /** Kept for this run only: tests, and runs that must not touch the user's preferences. */
    static LastWorkspace inMemory() {
        AtomicReference<Path> last = new AtomicReference<>();
        return new LastWorkspace() {
            @Override
            public Optional<Path> get() {
                return Optional.ofNullable(last.get());
            }

            @Override
            public void set(Path root) {
                last.set(root);
            }
        };
    }
}

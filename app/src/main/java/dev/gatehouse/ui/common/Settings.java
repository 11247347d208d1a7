package dev.gatehouse.ui.common;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the desktop app remembers between runs (last workspaces, theme, window layout, open tabs) as string
 * values by key. Kept in the user's {@link Preferences}; tests use a map, so they never touch the user's.
 */
public interface Settings {
    Optional<String> get(String key);

    void put(String key, String value);

    /** Writes pending values out (preferences are otherwise flushed lazily, and a crash could lose them). */
    default void flush() {
    }

    default double getDouble(String key, double fallback) {
        try {
            return get(key).map(Double::parseDouble).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static Settings in(Preferences node) {
        return new Settings() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(node.get(key, null));
            }

            @Override
            public void put(String key, String value) {
                // Preferences refuse values over 8 KiB; a longer one (many open tabs) is not worth keeping.
                if (value.length() <= Preferences.MAX_VALUE_LENGTH) {
                    node.put(key, value);
                }
            }

            @Override
            public void flush() {
                try {
                    node.flush();
                } catch (BackingStoreException e) {
                    System.getLogger(Settings.class.getName()).log(System.Logger.Level.WARNING, "could not save settings", e);
                }
            }
        };
    }

    static Settings inMemory() {
        Map<String, String> values = new ConcurrentHashMap<>();
        return new Settings() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public void put(String key, String value) {
                values.put(key, value);
            }
        };
    }
}

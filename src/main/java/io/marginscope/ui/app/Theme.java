package io.marginscope.ui.app;

import java.util.Objects;
import java.util.prefs.Preferences;

/**
 * The workstation's two themes. Each is one style sheet of named colours ({@code -ms-ink},
 * {@code -ms-breach}, ...) placed before {@code workstation.css}, which holds the structure and
 * refers to the colours only by name; switching theme swaps that one sheet.
 */
public enum Theme {
    LIGHT("theme-light.css"),
    DARK("theme-dark.css");

    private static final String KEY = "theme";

    private final String file;

    Theme(String file) {
        this.file = file;
    }

    String stylesheet() {
        return Objects.requireNonNull(Theme.class.getResource(file), file).toExternalForm();
    }

    static String structure() {
        return Objects.requireNonNull(Theme.class.getResource("workstation.css")).toExternalForm();
    }

    Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** The theme last chosen, kept in the user's preferences (light by default). */
    static Theme saved(String node) {
        try {
            return valueOf(Preferences.userRoot().node(node).get(KEY, LIGHT.name()));
        } catch (IllegalArgumentException e) {
            return LIGHT;
        }
    }

    void save(String node) {
        Preferences.userRoot().node(node).put(KEY, name());
    }
}

package io.marginscope.ui.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The last portfolios opened, most recent first, kept in the user's preferences. */
public final class RecentFiles {

    private static final int MAX = 8;
    private static final String KEY = "recent.";

    private final Preferences prefs;

    public RecentFiles(String node) {
        this.prefs = Preferences.userRoot().node(node);
    }

    List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String v = prefs.get(KEY + i, null);
            if (v != null && Files.isRegularFile(Path.of(v))) {
                out.add(Path.of(v));
            }
        }
        return out;
    }

    void add(Path file) {
        List<Path> now = list();
        Path abs = file.toAbsolutePath().normalize();
        now.remove(abs);
        now.add(0, abs);
        for (int i = 0; i < MAX; i++) {
            if (i < now.size()) {
                prefs.put(KEY + i, now.get(i).toString());
            } else {
                prefs.remove(KEY + i);
            }
        }
    }
}

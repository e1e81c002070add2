package io.marginscope.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The per-user folder where MarginScope keeps its data (the session store), never the installed
 * application folder, which may be read-only:
 * <ul>
 *   <li>the system property {@code marginscope.dataDir} when set (the command line's {@code --data-dir} sets it);</li>
 *   <li>Windows: {@code %APPDATA%\MarginScope};</li>
 *   <li>macOS: {@code ~/Library/Application Support/MarginScope};</li>
 *   <li>Linux and others: {@code $XDG_DATA_HOME/marginscope} when XDG_DATA_HOME is an absolute path,
 *       else {@code ~/.local/share/marginscope}.</li>
 * </ul>
 */
public final class DataDirectory {

    /** The system property that overrides the folder. */
    public static final String PROPERTY = "marginscope.dataDir";

    /** The session store's file name inside the folder. */
    public static final String STORE_FILE = "sessions.db";

    private DataDirectory() {
    }

    /** The folder for this user on this machine (not created). */
    public static Path resolve() {
        return resolve(System.getProperty(PROPERTY), System.getProperty("os.name", ""), System.getenv(),
                System.getProperty("user.home", "."));
    }

    /** The session store's file in {@link #resolve()}. */
    public static Path storeFile() {
        return resolve().resolve(STORE_FILE);
    }

    static Path resolve(String override, String osName, Map<String, String> env, String userHome) {
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
            return base.resolve("MarginScope");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library").resolve("Application Support").resolve("MarginScope");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg).resolve("marginscope");
        }
        return home.resolve(".local").resolve("share").resolve("marginscope");
    }
}

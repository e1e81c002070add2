package io.marginscope.store;

import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.UUID;

/**
 * sqlite-jdbc's native library, unpacked once per sqlite-jdbc version into a per-user cache and
 * loaded from there ({@code org.sqlite.lib.path}), instead of once per process into a temporary
 * folder (where a killed process leaves its copy behind):
 * {@code <cache>/marginscope/sqlite-jdbc-<version>/<os>/<arch>/<library>}, with {@code <cache>} the
 * system property {@code marginscope.cacheDir}, else {@code $XDG_CACHE_HOME} when absolute, else
 * {@code ~/.cache} (Windows: {@code %LOCALAPPDATA%}; macOS: {@code ~/Library/Caches}). The file is
 * written beside its place and renamed in, so concurrent first runs never load a half file. When the
 * cache cannot be written, sqlite-jdbc's own unpacking into {@code java.io.tmpdir} is left in place.
 */
final class NativeSqlite {

    static final String CACHE_PROPERTY = "marginscope.cacheDir";

    private static boolean done;

    private NativeSqlite() {
    }

    /** Points sqlite-jdbc at the cached library (unpacking it the first time); idempotent. */
    static synchronized void prepare() {
        if (done || System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        done = true;
        try {
            String resourceFolder = LibraryLoaderUtil.getNativeLibResourcePath();
            String name = LibraryLoaderUtil.getNativeLibName();
            Path folder = cacheRoot().resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
                    .resolve(resourceFolder.replaceFirst("^/?org/sqlite/native/?", ""));
            Path lib = folder.resolve(name);
            byte[] bytes;
            try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resourceFolder + "/" + name)) {
                if (in == null) {
                    return;
                }
                bytes = in.readAllBytes();
            }
            if (!Files.isRegularFile(lib) || Files.size(lib) != bytes.length) {
                Files.createDirectories(folder);
                Path tmp = folder.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
                try {
                    Files.write(tmp, bytes);
                    Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            System.setProperty("org.sqlite.lib.path", folder.toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException | RuntimeException e) {
            // sqlite-jdbc unpacks it itself into java.io.tmpdir
        }
    }

    static Path cacheRoot() {
        String override = System.getProperty(CACHE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home", "."));
        if (os.startsWith("windows")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData").resolve("Local"))
                    .resolve("MarginScope").resolve("cache");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library").resolve("Caches").resolve("MarginScope");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        return base.resolve("marginscope");
    }
}

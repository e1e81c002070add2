package io.marginscope.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where one output of a command goes, decided before anything is written:
 * <ul>
 *   <li>{@code -}: standard output;</li>
 *   <li>a symbolic link is followed (to its final target, which is what gets replaced);</li>
 *   <li>an existing device, FIFO or socket is written directly (never replaced by a file);</li>
 *   <li>a regular file, existing or not, is written atomically: into a temporary sibling
 *       {@code .<name>.<pid>.<random>.tmp}, created with the umask's mode (an existing file's mode is
 *       copied to it), flushed to disk, then renamed over the target;</li>
 *   <li>an empty name, a folder or a missing parent folder is a {@link BadTarget} naming the option.</li>
 * </ul>
 * Temporary siblings left by a killed run are removed by the next write beside them (those whose
 * process is gone); a JVM that exits normally removes its own.
 */
public final class OutputTarget {

    /** A target that cannot be written at all: bad input, naming the option. */
    public static final class BadTarget extends IllegalArgumentException {
        public BadTarget(String message) {
            super(message);
        }
    }

    /** The content of one output. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    private enum Kind { STDOUT, DIRECT, ATOMIC }

    private static final String TMP = ".tmp";
    private static final long PID = ProcessHandle.current().pid();
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(OutputTarget::deleteTree),
                "output-temporaries"));
    }

    private final String option;
    private final Kind kind;
    private final Path path;

    private OutputTarget(String option, Kind kind, Path path) {
        this.option = option;
        this.kind = kind;
        this.path = path;
    }

    /** The target of {@code option} named {@code name} on the command line ({@code -} is standard output). */
    public static OutputTarget of(String option, String name) {
        if (name == null || name.isEmpty()) {
            throw new BadTarget(option + ": empty file name");
        }
        if ("-".equals(name)) {
            return new OutputTarget(option, Kind.STDOUT, null);
        }
        Path p;
        try {
            p = Path.of(name);
        } catch (InvalidPathException e) {
            throw new BadTarget(option + ": not a file name: " + clip(name));
        }
        return of(option, p);
    }

    public static OutputTarget of(String option, Path file) {
        Path p = follow(option, file.toAbsolutePath().normalize());
        if (Files.isDirectory(p)) {
            throw new BadTarget(option + ": " + clip(file.toString()) + " is a folder, not a file");
        }
        if (Files.exists(p)) {
            return new OutputTarget(option, Files.isRegularFile(p) ? Kind.ATOMIC : Kind.DIRECT, p);
        }
        Path parent = p.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadTarget(option + ": the folder of " + clip(file.toString()) + " does not exist");
        }
        return new OutputTarget(option, Kind.ATOMIC, p);
    }

    /** The final target of a chain of symbolic links (a dangling link's target is created). */
    static Path follow(String option, Path p) {
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops > 40) {
                throw new BadTarget(option + ": too many levels of symbolic links at " + clip(p.toString()));
            }
            try {
                p = p.resolveSibling(Files.readSymbolicLink(p)).toAbsolutePath().normalize();
            } catch (IOException e) {
                throw new BadTarget(option + ": cannot read the link " + clip(p.toString()) + ": " + e.getMessage());
            }
        }
        return p;
    }

    public String option() {
        return option;
    }

    /** The file written (the link's target for a link), null for standard output. */
    public Path path() {
        return path;
    }

    public boolean isStdout() {
        return kind == Kind.STDOUT;
    }

    /**
     * Writes the body where it can be taken back: for a regular file into its temporary sibling
     * (nothing visible changes until {@link Staged#commit}); for standard output, a device or a FIFO
     * nothing yet (they are written at commit).
     */
    public Staged stage(Body body, PrintWriter stdout) throws IOException {
        if (kind != Kind.ATOMIC) {
            return new Staged(null, null, () -> {
                if (kind == Kind.STDOUT) {
                    ByteArrayOutputStream buf = new ByteArrayOutputStream();
                    body.write(buf);
                    stdout.print(buf.toString(StandardCharsets.UTF_8));
                    stdout.flush();
                } else {
                    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE)) {
                        body.write(out);
                    }
                }
            });
        }
        cleanStale(path.getParent(), path.getFileName().toString());
        Path tmp = temporarySibling(path);
        LIVE.add(tmp);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                keepMode(path, tmp);
                writeTo(ch, body);
            }
        } catch (IOException | RuntimeException e) {
            discard(tmp);
            throw failure(e);
        }
        return new Staged(tmp, path, null);
    }

    /** Writes the body through a buffer into the channel and flushes it to the disk (the body may close its stream). */
    static void writeTo(FileChannel ch, Body body) throws IOException {
        OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
        body.write(out);
        out.flush();
        ch.force(true);
    }

    /** Stages and commits at once. */
    public void write(Body body, PrintWriter stdout) throws IOException {
        stage(body, stdout).commit();
    }

    /** An output written but not yet in place. */
    public static final class Staged implements PendingOutput {
        private final Path tmp;
        private final Path target;
        private final Direct direct;

        Staged(Path tmp, Path target, Direct direct) {
            this.tmp = tmp;
            this.target = target;
            this.direct = direct;
        }

        /** Puts it in place (renames the temporary file over the target, or writes the stream). */
        @Override
        public void commit() throws IOException {
            if (direct != null) {
                direct.run();
                return;
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                OutputTarget.discard(tmp);
                throw new IOException("cannot write " + target + ": " + reason(e), e);
            }
            LIVE.remove(tmp);
        }

        /** Drops it: the target is left as it was. */
        @Override
        public void discard() {
            if (tmp != null) {
                OutputTarget.discard(tmp);
            }
        }
    }

    interface Direct {
        void run() throws IOException;
    }

    IOException failure(Exception e) {
        return new IOException("cannot write " + path + " (" + option + "): " + reason(e), e);
    }

    /** The file system's reason in a few words ("No space left on device", "Read-only file system"). */
    static String reason(Exception e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** {@code .<name>.<pid>.<random>.tmp} beside {@code target}. */
    static Path temporarySibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + PID + "."
                + UUID.randomUUID().toString().substring(0, 8) + TMP);
    }

    /** Gives a new file the mode of the one it replaces (a new file keeps the umask's). */
    private static void keepMode(Path existing, Path tmp) {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (view == null || !Files.isRegularFile(existing)) {
            return;
        }
        try {
            view.setPermissions(Files.getPosixFilePermissions(existing));
        } catch (IOException | UnsupportedOperationException e) {
            // the umask's mode stays
        }
    }

    /**
     * Removes temporary siblings of {@code name} in {@code folder} left by processes that are gone
     * ({@code .<name>.<pid>.<random>.tmp}; folders too), and those of the older naming
     * ({@code .<name>.<uuid>.tmp}) older than an hour.
     */
    static void cleanStale(Path folder, String name) {
        String prefix = "." + name + ".";
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, p -> {
            String f = p.getFileName().toString();
            return f.startsWith(prefix) && f.endsWith(TMP);
        })) {
            for (Path p : ds) {
                String middle = p.getFileName().toString();
                middle = middle.substring(prefix.length(), middle.length() - TMP.length());
                int dot = middle.indexOf('.');
                boolean stale;
                if (dot > 0 && middle.substring(0, dot).chars().allMatch(Character::isDigit)) {
                    long pid = Long.parseLong(middle.substring(0, dot));
                    stale = pid != PID && ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true);
                } else {
                    stale = Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - 3_600_000L;
                }
                if (stale) {
                    deleteTree(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // cleaning is best effort; the write itself reports real trouble
        }
    }

    static void discard(Path tmp) {
        deleteTree(tmp);
        LIVE.remove(tmp);
    }

    static void deleteTree(Path p) {
        try {
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                    for (Path c : ds) {
                        deleteTree(c);
                    }
                }
            }
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort
        }
    }

    /** A name echoed in a message: at most 80 characters. */
    static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    static void register(Path tmp) {
        LIVE.add(tmp);
    }

    static void unregister(Path tmp) {
        LIVE.remove(tmp);
    }
}

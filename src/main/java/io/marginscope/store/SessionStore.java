package io.marginscope.store;

import io.marginscope.io.TextSource;
import io.marginscope.io.PolicyPresets;
import io.marginscope.run.RunInputs;
import io.marginscope.run.RunParameters;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Saved sessions in one SQLite file (see docs/reports.md for the schema).
 *
 * <p>One writer connection and one reader connection, each used under its own lock, so the store
 * can be shared by threads but never runs two statements at once on a connection; keep calls off
 * the JavaFX thread. WAL journal and a busy timeout are set through {@link SQLiteConfig} and read
 * back ({@link #journalMode()}, {@link #busyTimeout()}). Every change is one transaction and every
 * statement a prepared one. {@code synchronous=NORMAL} in WAL mode: a committed save survives the
 * program being killed; only a power cut may lose the last few.
 *
 * <p>Versions: {@link #save} of a changed session adds a version; of an unchanged one, nothing.
 * Deleting moves a session to the bin ({@link #undelete} brings it back; {@link #purgeDeleted}
 * empties the bin). The autosave slot is a single row overwritten in place: a run that crashes
 * leaves it behind for {@link #recover()} at the next start; {@link #close()} clears this run's.
 */
public final class SessionStore implements AutoCloseable {

    /** Milliseconds a statement waits for another connection's lock before SQLITE_BUSY. */
    public static final int BUSY_TIMEOUT_MS = 10_000;

    /** Largest WAL file kept after a checkpoint, bytes. */
    static final int JOURNAL_SIZE_LIMIT = 4 * 1024 * 1024;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final Object writeLock = new Object();
    private final Object readLock = new Object();
    private final String runId = UUID.randomUUID().toString();
    private final String journalMode;
    private final int busyTimeout;
    private final Clock clock;
    private boolean closed;

    private SessionStore(Path file, Connection writer, Connection reader, String journalMode, int busyTimeout,
                         Clock clock) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
        this.journalMode = journalMode;
        this.busyTimeout = busyTimeout;
        this.clock = clock;
    }

    /** The store of this user ({@link DataDirectory#storeFile()}), created when missing. */
    public static SessionStore openDefault() {
        return open(DataDirectory.storeFile());
    }

    /**
     * Opens (creating it and its folder when missing) and migrates the store at {@code file}. An
     * older store is first copied beside itself as {@code <file>.v<N>.bak}; a store of a newer
     * schema than this program knows is refused.
     */
    public static SessionStore open(Path file) {
        return open(file, Clock.systemUTC());
    }

    static SessionStore open(Path file, Clock clock) {
        Path abs = file.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of " + abs + ": " + e.getMessage(), e);
        }
        nativeTmpDir(abs.getParent());
        Connection w = null;
        Connection r = null;
        try {
            w = config(false).createConnection("jdbc:sqlite:" + abs);
            String mode = pragma(w, "journal_mode");
            int timeout = Integer.parseInt(pragma(w, "busy_timeout"));
            migrate(w, abs);
            r = config(true).createConnection("jdbc:sqlite:" + abs);
            r.setAutoCommit(false);
            return new SessionStore(abs, w, r, mode, timeout, clock);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(r);
            closeQuietly(w);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open the session store " + abs + ": " + e.getMessage(), e);
        }
    }

    /**
     * sqlite-jdbc unpacks its native library into {@code org.sqlite.tmpdir} (default: java.io.tmpdir,
     * which may be mounted noexec); point it at a folder of ours before the first connection.
     */
    private static void nativeTmpDir(Path storeFolder) {
        if (System.getProperty("org.sqlite.tmpdir") != null) {
            return;
        }
        Path dir = storeFolder.resolve("tmp");
        try {
            Files.createDirectories(dir);
            System.setProperty("org.sqlite.tmpdir", dir.toString());
        } catch (IOException e) {
            // keep sqlite-jdbc's default
        }
    }

    private static SQLiteConfig config(boolean readOnly) {
        SQLiteConfig c = new SQLiteConfig();
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        c.setBusyTimeout(BUSY_TIMEOUT_MS);
        c.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        c.enforceForeignKeys(true);
        c.setJournalSizeLimit(JOURNAL_SIZE_LIMIT);
        if (readOnly) {
            c.setReadOnly(true);
        }
        return c;
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static void migrate(Connection c, Path file) throws SQLException {
        int current = Integer.parseInt(pragma(c, "user_version"));
        if (current > Migrations.LATEST) {
            throw new StoreException(file + " was written by a newer MarginScope (schema " + current
                    + "; this one knows up to " + Migrations.LATEST + ")");
        }
        if (current > 0 && current < Migrations.LATEST) {
            Path backup = file.resolveSibling(file.getFileName() + ".v" + current + ".bak");
            if (!Files.exists(backup)) {
                try (PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
                    ps.setString(1, backup.toString());
                    ps.execute();
                }
            }
        }
        for (int v = current + 1; v <= Migrations.LATEST; v++) {
            c.setAutoCommit(false);
            try {
                Migrations.STEPS.get(v - 1).apply(c);
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA user_version = " + v);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw new StoreException("migrating " + file + " to schema " + v + " failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    public Path file() {
        return file;
    }

    /** The journal mode SQLite reports ({@code wal}; another on a file system without shared memory). */
    public String journalMode() {
        return journalMode;
    }

    /** The busy timeout SQLite reports, ms. */
    public int busyTimeout() {
        return busyTimeout;
    }

    /** The schema version of the file ({@code PRAGMA user_version}). */
    public int schemaVersion() {
        return read(c -> Integer.parseInt(pragma(c, "user_version")));
    }

    /** SQLite's {@code PRAGMA integrity_check}: "ok" for a sound file, else the problems found. */
    public String integrityCheck() {
        return read(c -> pragma(c, "integrity_check"));
    }

    // ---------------------------------------------------------------- save

    /**
     * Saves a session in one transaction: a new one (id 0) gets an id and version 1; a stored one
     * gets version latest + 1 when its inputs, results or notes differ from the latest, else keeps
     * its version (its name and timeline are still updated). Returns the session as stored.
     */
    public Session save(Session s) {
        long id = write(c -> {
            String now = now();
            long sid = s.id();
            int latest;
            if (sid == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO session (name, created_at, updated_at,"
                        + " deleted_at, latest_version) VALUES (?, ?, ?, NULL, 0)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, s.name());
                    ps.setString(2, now);
                    ps.setString(3, now);
                    ps.executeUpdate();
                    try (ResultSet k = ps.getGeneratedKeys()) {
                        k.next();
                        sid = k.getLong(1);
                    }
                }
                latest = 0;
            } else {
                latest = latestVersion(c, sid);
            }
            VersionRow row = VersionRow.of(c, s);
            if (latest == 0 || !row.equals(VersionRow.read(c, sid, latest))) {
                row.insert(c, sid, latest + 1, now);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE session SET name = ?, updated_at = ?, latest_version = ? WHERE id = ?")) {
                    ps.setString(1, s.name());
                    ps.setString(2, now);
                    ps.setInt(3, latest + 1);
                    ps.setLong(4, sid);
                    ps.executeUpdate();
                }
            } else {
                // unchanged: write nothing unless the name changed (no page, no WAL growth)
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE session SET name = ? WHERE id = ? AND name IS NOT ?")) {
                    ps.setString(1, s.name());
                    ps.setLong(2, sid);
                    ps.setString(3, s.name());
                    ps.executeUpdate();
                }
            }
            upsertTimeline(c, sid, s.timeline());
            return sid;
        });
        return load(id);
    }

    /** Adds (or replaces, at the same time) live observations of a stored session, without a new version. */
    public void appendTimeline(long id, List<TimelinePoint> points) {
        write(c -> {
            latestVersion(c, id);
            upsertTimeline(c, id, points);
            return null;
        });
    }

    private static void upsertTimeline(Connection c, long id, List<TimelinePoint> points) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO timeline (session_id, t, equity, mm, ratio)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, t) DO UPDATE SET equity = excluded.equity,"
                + " mm = excluded.mm, ratio = excluded.ratio")) {
            for (TimelinePoint p : points) {
                ps.setLong(1, id);
                ps.setString(2, TIME.format(p.time()));
                real(ps, 3, p.equity());
                real(ps, 4, p.maintenanceMargin());
                real(ps, 5, p.marginRatio());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---------------------------------------------------------------- read

    /** The latest version of a session (also one in the bin). */
    public Session load(long id) {
        return read(c -> loadVersion(c, id, latestVersion(c, id)));
    }

    /** One version of a session. */
    public Session load(long id, int version) {
        return read(c -> loadVersion(c, id, version));
    }

    /**
     * Sessions not in the bin whose name, notes, portfolio name or policy contain {@code search}
     * (case-insensitive for ASCII; null or blank: all), most recently saved first.
     */
    public List<SessionSummary> list(String search) {
        String like = search == null || search.isBlank() ? null : "%" + search.strip()
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return read(c -> summaries(c, "s.deleted_at IS NULL AND (? IS NULL OR s.name LIKE ? ESCAPE '\\'"
                + " OR v.notes LIKE ? ESCAPE '\\' OR v.portfolio_name LIKE ? ESCAPE '\\'"
                + " OR v.policy_ref LIKE ? ESCAPE '\\')", like, 5));
    }

    /** The sessions in the bin, most recently saved first. */
    public List<SessionSummary> listDeleted() {
        return read(c -> summaries(c, "s.deleted_at IS NOT NULL", null, 0));
    }

    /** Every version of a session, newest first. */
    public List<SessionSummary> versions(long id) {
        return read(c -> {
            latestVersion(c, id);
            List<SessionSummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.name, v.version, s.created_at, v.saved_at,"
                    + " s.deleted_at, v.portfolio_name, v.policy_ref, v.equity, v.mm, v.es, v.notes FROM session s"
                    + " JOIN session_version v ON v.session_id = s.id WHERE s.id = ? ORDER BY v.version DESC")) {
                ps.setLong(1, id);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        out.add(summary(r));
                    }
                }
            }
            return out;
        });
    }

    private static List<SessionSummary> summaries(Connection c, String where, String arg, int times)
            throws SQLException {
        List<SessionSummary> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.name, s.latest_version, s.created_at,"
                + " v.saved_at, s.deleted_at, v.portfolio_name, v.policy_ref, v.equity, v.mm, v.es, v.notes"
                + " FROM session s JOIN session_version v ON v.session_id = s.id AND v.version = s.latest_version"
                + " WHERE " + where + " ORDER BY v.saved_at DESC, s.id DESC")) {
            for (int i = 1; i <= times; i++) {
                ps.setString(i, arg);
            }
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(summary(r));
                }
            }
        }
        return out;
    }

    private static SessionSummary summary(ResultSet r) throws SQLException {
        return new SessionSummary(r.getLong(1), r.getString(2), r.getInt(3), instant(r.getString(4)),
                instant(r.getString(5)), instant(r.getString(6)), r.getString(7), r.getString(8), real(r, 9),
                real(r, 10), real(r, 11), r.getString(12));
    }

    private Session loadVersion(Connection c, long id, int version) throws SQLException {
        String name;
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM session WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet r = ps.executeQuery()) {
                if (!r.next()) {
                    throw new NoSuchSessionException(id);
                }
                name = r.getString(1);
            }
        }
        VersionRow row = VersionRow.read(c, id, version);
        if (row == null) {
            throw new StoreException("session " + id + " has no version " + version);
        }
        List<TimelinePoint> timeline = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT t, equity, mm, ratio FROM timeline WHERE session_id = ? ORDER BY t")) {
            ps.setLong(1, id);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    timeline.add(new TimelinePoint(instant(r.getString(1)), real(r, 2), real(r, 3), real(r, 4)));
                }
            }
        }
        return new Session(id, name, version, instant(row.savedAt), row.inputs(c), row.results, row.inputHash,
                row.notes, timeline);
    }

    private static int latestVersion(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT latest_version FROM session WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet r = ps.executeQuery()) {
                if (!r.next()) {
                    throw new NoSuchSessionException(id);
                }
                return r.getInt(1);
            }
        }
    }

    // ---------------------------------------------------------------- manage

    public void rename(long id, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a session needs a name");
        }
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE session SET name = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, name);
                ps.setString(2, now());
                ps.setLong(3, id);
                if (ps.executeUpdate() == 0) {
                    throw new NoSuchSessionException(id);
                }
            }
            return null;
        });
    }

    /** A new session with the latest version's inputs, results, notes and timeline under another name. */
    public Session duplicate(long id, String newName) {
        Session s = load(id);
        return save(new Session(0, newName, 0, null, s.inputs(), s.resultsJson(), s.inputHash(), s.notes(),
                s.timeline()));
    }

    /** Moves a session to the bin: it leaves {@link #list}, and {@link #undelete} brings it back. */
    public void delete(long id) {
        setDeleted(id, true);
    }

    public void undelete(long id) {
        setDeleted(id, false);
    }

    private void setDeleted(long id, boolean deleted) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE session SET deleted_at = ? WHERE id = ?")) {
                ps.setString(1, deleted ? now() : null);
                ps.setLong(2, id);
                if (ps.executeUpdate() == 0) {
                    throw new NoSuchSessionException(id);
                }
            }
            return null;
        });
    }

    /** Removes the sessions in the bin for good, with the texts no other session uses; returns how many. */
    public int purgeDeleted() {
        return write(c -> {
            String bin = "(SELECT id FROM session WHERE deleted_at IS NOT NULL)";
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM timeline WHERE session_id IN " + bin);
                s.executeUpdate("DELETE FROM session_history WHERE session_id IN " + bin);
                s.executeUpdate("DELETE FROM session_version WHERE session_id IN " + bin);
                s.executeUpdate("UPDATE autosave SET session_id = NULL WHERE session_id IN " + bin);
                int n = s.executeUpdate("DELETE FROM session WHERE deleted_at IS NOT NULL");
                s.executeUpdate("DELETE FROM blob WHERE hash NOT IN (SELECT portfolio_blob FROM session_version"
                        + " UNION SELECT market_blob FROM session_version UNION SELECT policy_blob FROM session_version"
                        + " WHERE policy_blob IS NOT NULL UNION SELECT blob FROM session_history)");
                return n;
            }
        });
    }

    /** Checkpoints the WAL and rewrites the file without free pages (VACUUM). */
    public void compact() {
        synchronized (writeLock) {
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                s.execute("VACUUM");
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                throw new StoreException("compacting " + file + " failed: " + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------- compare and verify

    /** The latest versions of two sessions compared. */
    public SessionComparison compare(long id1, long id2) {
        return compare(load(id1), load(id2));
    }

    /** Two sessions (or two versions of one) compared: which inputs changed, how equity, MM and ES moved. */
    public static SessionComparison compare(Session a, Session b) {
        return SessionDiff.compare(a, b);
    }

    /** Recomputes a session from its stored inputs and says whether its numbers are identical. */
    public static Verification verify(Session s) {
        return SessionDiff.verify(s);
    }

    // ---------------------------------------------------------------- autosave

    /** Overwrites the autosave slot with this session (in place: the file does not grow). */
    public void autosave(Session s) {
        String payload = SessionJson.writeText(s);
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO autosave (slot, run_id, saved_at, session_id,"
                    + " payload) VALUES (1, ?, ?, ?, ?) ON CONFLICT (slot) DO UPDATE SET run_id = excluded.run_id,"
                    + " saved_at = excluded.saved_at, session_id = excluded.session_id, payload = excluded.payload")) {
                ps.setString(1, runId);
                ps.setString(2, now());
                if (s.id() == 0) {
                    ps.setNull(3, java.sql.Types.INTEGER);
                } else {
                    ps.setLong(3, s.id());
                }
                ps.setString(4, payload);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The autosave left by a run that did not close the store (a crash): the session as it was, id
     * and version as when autosaved (id 0 if it was never saved). Empty when the last run closed
     * cleanly or only this run autosaved. Save it, or {@link #discardAutosave()}.
     */
    public Optional<Session> recover() {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, payload FROM autosave WHERE slot = 1");
                 ResultSet r = ps.executeQuery()) {
                if (!r.next() || runId.equals(r.getString(1))) {
                    return Optional.empty();
                }
                return Optional.of(SessionJson.read(r.getString(2)));
            }
        });
    }

    /** Empties the autosave slot. */
    public void discardAutosave() {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM autosave")) {
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Clears this run's autosave (a clean exit has nothing to recover) and closes the connections. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            try (PreparedStatement ps = writer.prepareStatement("DELETE FROM autosave WHERE run_id = ?")) {
                ps.setString(1, runId);
                ps.executeUpdate();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        synchronized (readLock) {
            closeQuietly(reader);
        }
        synchronized (writeLock) {
            closeQuietly(writer);
        }
    }

    // ---------------------------------------------------------------- plumbing

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T write(Work<T> work) {
        synchronized (writeLock) {
            checkOpen();
            try {
                writer.setAutoCommit(false);
                try {
                    T out = work.run(writer);
                    writer.commit();
                    return out;
                } catch (SQLException | RuntimeException e) {
                    writer.rollback();
                    throw e;
                } finally {
                    writer.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new StoreException(file + ": " + e.getMessage(), e);
            }
        }
    }

    private <T> T read(Work<T> work) {
        synchronized (readLock) {
            checkOpen();
            try {
                try {
                    return work.run(reader);
                } finally {
                    reader.rollback();
                }
            } catch (SQLException e) {
                throw new StoreException(file + ": " + e.getMessage(), e);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("the session store " + file + " is closed");
        }
    }

    private String now() {
        return TIME.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    static void real(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            ps.setNull(i, java.sql.Types.REAL);
        } else {
            ps.setDouble(i, v);
        }
    }

    static double real(ResultSet r, int i) throws SQLException {
        double v = r.getDouble(i);
        return r.wasNull() ? Double.NaN : v;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // nothing more to do
            }
        }
    }

    /** A version's stored columns; equal rows mean an unchanged session. */
    private record VersionRow(String savedAt, String portfolioName, String portfolioBlob, String marketName,
                              String marketBlob, List<String> historyNames, List<String> historyBlobs,
                              String parameters, String policyRef, String policyName, String policyBlob,
                              String results, String inputHash, String notes) {

        @Override
        public boolean equals(Object o) {
            return o instanceof VersionRow v && Objects.equals(portfolioName, v.portfolioName)
                    && Objects.equals(portfolioBlob, v.portfolioBlob) && Objects.equals(marketName, v.marketName)
                    && Objects.equals(marketBlob, v.marketBlob) && historyNames.equals(v.historyNames)
                    && historyBlobs.equals(v.historyBlobs) && Objects.equals(parameters, v.parameters)
                    && Objects.equals(policyRef, v.policyRef) && Objects.equals(policyName, v.policyName)
                    && Objects.equals(policyBlob, v.policyBlob) && Objects.equals(results, v.results)
                    && Objects.equals(inputHash, v.inputHash) && Objects.equals(notes, v.notes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(portfolioBlob, marketBlob, results, notes);
        }

        /** Stores the session's texts (once each) and returns the row to write. */
        static VersionRow of(Connection c, Session s) throws SQLException {
            RunInputs in = s.inputs();
            List<String> names = new ArrayList<>();
            List<String> blobs = new ArrayList<>();
            for (TextSource h : in.history()) {
                names.add(h.name());
                blobs.add(Blobs.put(c, h.text()));
            }
            PolicyPresets.PolicyText p = in.policy();
            return new VersionRow(null, in.portfolio().name(), Blobs.put(c, in.portfolio().text()), in.market().name(),
                    Blobs.put(c, in.market().text()), names, blobs, in.parameters().toJsonText(),
                    p == null ? null : p.ref(), p == null ? null : p.source().name(),
                    p == null ? null : Blobs.put(c, p.source().text()), s.resultsJson(), s.inputHash(), s.notes());
        }

        static VersionRow read(Connection c, long id, int version) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT saved_at, portfolio_name, portfolio_blob,"
                    + " market_name, market_blob, parameters_json, policy_ref, policy_name, policy_blob, results_json,"
                    + " input_hash, notes FROM session_version WHERE session_id = ? AND version = ?")) {
                ps.setLong(1, id);
                ps.setInt(2, version);
                try (ResultSet r = ps.executeQuery()) {
                    if (!r.next()) {
                        return null;
                    }
                    List<String> names = new ArrayList<>();
                    List<String> blobs = new ArrayList<>();
                    try (PreparedStatement h = c.prepareStatement("SELECT name, blob FROM session_history"
                            + " WHERE session_id = ? AND version = ? ORDER BY seq")) {
                        h.setLong(1, id);
                        h.setInt(2, version);
                        try (ResultSet hr = h.executeQuery()) {
                            while (hr.next()) {
                                names.add(hr.getString(1));
                                blobs.add(hr.getString(2));
                            }
                        }
                    }
                    return new VersionRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), names, blobs, r.getString(6), r.getString(7), r.getString(8),
                            r.getString(9), r.getString(10), r.getString(11), r.getString(12));
                }
            }
        }

        void insert(Connection c, long id, int version, String now) throws SQLException {
            double[] headline = Migrations.headline(results);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO session_version (session_id, version,"
                    + " saved_at, portfolio_name, portfolio_blob, market_name, market_blob, parameters_json, policy_ref,"
                    + " policy_name, policy_blob, results_json, input_hash, notes, equity, mm, es)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setInt(2, version);
                ps.setString(3, now);
                ps.setString(4, portfolioName);
                ps.setString(5, portfolioBlob);
                ps.setString(6, marketName);
                ps.setString(7, marketBlob);
                ps.setString(8, parameters);
                ps.setString(9, policyRef);
                ps.setString(10, policyName);
                ps.setString(11, policyBlob);
                ps.setString(12, results);
                ps.setString(13, inputHash);
                ps.setString(14, notes);
                real(ps, 15, headline[0]);
                real(ps, 16, headline[1]);
                real(ps, 17, headline[2]);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO session_history (session_id, version, seq,"
                    + " name, blob) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < historyNames.size(); i++) {
                    ps.setLong(1, id);
                    ps.setInt(2, version);
                    ps.setInt(3, i);
                    ps.setString(4, historyNames.get(i));
                    ps.setString(5, historyBlobs.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        RunInputs inputs(Connection c) throws SQLException {
            List<TextSource> history = new ArrayList<>();
            for (int i = 0; i < historyNames.size(); i++) {
                history.add(new TextSource(historyNames.get(i), Blobs.get(c, historyBlobs.get(i))));
            }
            PolicyPresets.PolicyText policy = null;
            if (policyRef != null) {
                String text = Blobs.get(c, policyBlob);
                if (text == null) {
                    throw new StoreException("policy " + policyRef + " has no stored text");
                }
                policy = new PolicyPresets.PolicyText(policyRef, new TextSource(policyName, text));
            }
            return new RunInputs(new TextSource(portfolioName, Blobs.get(c, portfolioBlob)),
                    new TextSource(marketName, Blobs.get(c, marketBlob)), history,
                    RunParameters.fromJsonText(parameters), policy);
        }
    }
}

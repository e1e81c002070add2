package io.marginscope.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginscope.report.ComputeJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's schema as ordered migrations; {@code PRAGMA user_version} holds the number of the
 * last one applied. Each runs in its own transaction with the version bump, so a store is always
 * at one whole version. Never edit a released migration: add the next one.
 *
 * <ol>
 *   <li>one row per session with its inputs and results inline;</li>
 *   <li>versions: {@code session} keeps the name and the bin flag, {@code session_version} each
 *       saved state with its input hash and the headline numbers; input texts move to {@code blob},
 *       stored once per distinct text (SHA-256); price history files; the live timeline;</li>
 *   <li>the autosave slot: one row, overwritten in place.</li>
 * </ol>
 */
final class Migrations {

    /** The schema version this code writes. */
    static final int LATEST = 3;

    interface Step {
        void apply(Connection c) throws SQLException;
    }

    static final List<Step> STEPS = List.of(Migrations::v1, Migrations::v2, Migrations::v3);

    private Migrations() {
    }

    static void v1(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE session (
                      id INTEGER PRIMARY KEY,
                      name TEXT NOT NULL,
                      saved_at TEXT NOT NULL,
                      portfolio_name TEXT NOT NULL,
                      portfolio_text TEXT NOT NULL,
                      market_text TEXT NOT NULL,
                      parameters_json TEXT NOT NULL,
                      policy TEXT,
                      results_json TEXT,
                      notes TEXT NOT NULL DEFAULT '')""");
        }
    }

    static void v2(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE session RENAME TO session_v1");
            s.execute("CREATE TABLE blob (hash TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID");
            s.execute("""
                    CREATE TABLE session (
                      id INTEGER PRIMARY KEY,
                      name TEXT NOT NULL,
                      created_at TEXT NOT NULL,
                      updated_at TEXT NOT NULL,
                      deleted_at TEXT,
                      latest_version INTEGER NOT NULL)""");
            s.execute("""
                    CREATE TABLE session_version (
                      session_id INTEGER NOT NULL REFERENCES session(id),
                      version INTEGER NOT NULL,
                      saved_at TEXT NOT NULL,
                      portfolio_name TEXT NOT NULL,
                      portfolio_blob TEXT NOT NULL REFERENCES blob(hash),
                      market_name TEXT NOT NULL,
                      market_blob TEXT NOT NULL REFERENCES blob(hash),
                      parameters_json TEXT NOT NULL,
                      policy_ref TEXT,
                      policy_name TEXT,
                      policy_blob TEXT REFERENCES blob(hash),
                      results_json TEXT,
                      input_hash TEXT,
                      notes TEXT NOT NULL DEFAULT '',
                      equity REAL,
                      mm REAL,
                      es REAL,
                      PRIMARY KEY (session_id, version))""");
            s.execute("""
                    CREATE TABLE session_history (
                      session_id INTEGER NOT NULL,
                      version INTEGER NOT NULL,
                      seq INTEGER NOT NULL,
                      name TEXT NOT NULL,
                      blob TEXT NOT NULL REFERENCES blob(hash),
                      PRIMARY KEY (session_id, version, seq),
                      FOREIGN KEY (session_id, version) REFERENCES session_version(session_id, version))""");
            s.execute("""
                    CREATE TABLE timeline (
                      session_id INTEGER NOT NULL REFERENCES session(id),
                      t TEXT NOT NULL,
                      equity REAL,
                      mm REAL,
                      ratio REAL,
                      PRIMARY KEY (session_id, t)) WITHOUT ROWID""");
            s.execute("CREATE INDEX session_by_name ON session(name COLLATE NOCASE)");
        }
        try (PreparedStatement rows = c.prepareStatement("SELECT id, name, saved_at, portfolio_name, portfolio_text,"
                + " market_text, parameters_json, policy, results_json, notes FROM session_v1 ORDER BY id");
             PreparedStatement session = c.prepareStatement("INSERT INTO session (id, name, created_at, updated_at,"
                     + " deleted_at, latest_version) VALUES (?, ?, ?, ?, NULL, 1)");
             PreparedStatement version = c.prepareStatement("INSERT INTO session_version (session_id, version,"
                     + " saved_at, portfolio_name, portfolio_blob, market_name, market_blob, parameters_json,"
                     + " policy_ref, policy_name, policy_blob, results_json, input_hash, notes, equity, mm, es)"
                     + " VALUES (?, 1, ?, ?, ?, 'market.json', ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)");
             ResultSet r = rows.executeQuery()) {
            while (r.next()) {
                long id = r.getLong(1);
                String savedAt = r.getString(3);
                session.setLong(1, id);
                session.setString(2, r.getString(2));
                session.setString(3, savedAt);
                session.setString(4, savedAt);
                session.executeUpdate();
                version.setLong(1, id);
                version.setString(2, savedAt);
                version.setString(3, r.getString(4));
                version.setString(4, Blobs.put(c, r.getString(5)));
                version.setString(5, Blobs.put(c, r.getString(6)));
                version.setString(6, r.getString(7));
                String policy = r.getString(8);
                String ref = null;
                String name = null;
                String text = null;
                if (policy != null && policy.strip().startsWith("{")) {
                    // v1 kept a policy file's text without its name
                    ref = "policy.json";
                    name = "policy.json";
                    text = policy;
                } else if (policy != null && !policy.isBlank()) {
                    // a preset name: keep the preset's text as shipped now (v1 did not keep it)
                    ref = policy.strip();
                    name = "policies/" + ref + ".json";
                    text = presetText(ref);
                }
                version.setString(7, ref);
                version.setString(8, name);
                version.setString(9, text == null ? null : Blobs.put(c, text));
                String results = r.getString(9);
                version.setString(10, results);
                version.setString(11, r.getString(10));
                double[] headline = headline(results);
                for (int k = 0; k < 3; k++) {
                    if (Double.isNaN(headline[k])) {
                        version.setNull(12 + k, java.sql.Types.REAL);
                    } else {
                        version.setDouble(12 + k, headline[k]);
                    }
                }
                version.executeUpdate();
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE session_v1");
        }
    }

    static void v3(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE autosave (
                      slot INTEGER PRIMARY KEY CHECK (slot = 1),
                      run_id TEXT NOT NULL,
                      saved_at TEXT NOT NULL,
                      session_id INTEGER,
                      payload TEXT NOT NULL)""");
            s.execute("CREATE INDEX version_by_hash ON session_version(input_hash)");
        }
    }

    /** equity, maintenanceMargin and es of a compute JSON (NaN where absent). */
    static double[] headline(String resultsJson) {
        double[] out = {Double.NaN, Double.NaN, Double.NaN};
        if (resultsJson == null) {
            return out;
        }
        try {
            JsonNode n = ComputeJson.MAPPER.readTree(resultsJson);
            String[] fields = {"equity", "maintenanceMargin", "es"};
            for (int k = 0; k < 3; k++) {
                JsonNode v = n.get(fields[k]);
                if (v != null && v.isNumber()) {
                    out[k] = v.asDouble();
                }
            }
        } catch (IOException e) {
            // results that are not JSON have no headline numbers
        }
        return out;
    }

    private static String presetText(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("/policies/" + name + ".json")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}

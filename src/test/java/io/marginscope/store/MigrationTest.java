package io.marginscope.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every older schema opens at the latest with its sessions intact. The old schemas are written
 * here by hand, as those versions of the program wrote them, not through {@link Migrations}.
 */
class MigrationTest {

    static final String PORTFOLIO = "id,underlying,type,quantity,entry_price\nbtc,BTC,PERP,1,90000\n";
    static final String MARKET = """
            {"asOf": "2024-11-20T08:00:00Z", "assets": {"BTC": {"spot": 92000, "vol": 0.55}}}""";
    static final String PARAMS = "{\"confidence\":0.99,\"horizonDays\":2,\"method\":\"parametric\"}";
    static final String RESULTS = "{\"equity\": 2000.0, \"es\": 9000.5, \"maintenanceMargin\": 9100.25}";

    @Test
    void anEmptyStoreMigratesToTheLatest(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("s.db");
        try (SessionStore store = SessionStore.open(db)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
            assertThat(store.list(null)).isEmpty();
        }
        assertThat(tables(db)).contains("session", "session_version", "session_history", "blob", "timeline", "autosave");
        // no backup for a new store
        assertThat(Files.exists(dir.resolve("s.db.v0.bak"))).isFalse();
    }

    @Test
    void aVersion1StoreMigratesWithItsSessions(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("s.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
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
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO session VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Object[][] rows = {
                        {7, "preset policy", "2024-11-20T09:00:00.000Z", "btc.csv", PORTFOLIO, MARKET, PARAMS, "ramm",
                                RESULTS, "first"},
                        {9, "file policy", "2024-11-21T09:00:00.000Z", "btc.csv", PORTFOLIO, MARKET, PARAMS,
                                "{\"name\": \"mine\", \"tiers\": {\"default\": [[0, 0.01, 0]]}, \"imToMm\": 2}", null, ""},
                        {11, "no policy", "2024-11-22T09:00:00.000Z", "btc.csv", PORTFOLIO, MARKET, PARAMS, null,
                                "{\"equity\": 1.0, \"es\": 2.0}", ""}};
                for (Object[] r : rows) {
                    for (int i = 0; i < r.length; i++) {
                        ps.setObject(i + 1, r[i]);
                    }
                    ps.executeUpdate();
                }
            }
            s.execute("PRAGMA user_version = 1");
        }
        try (SessionStore store = SessionStore.open(db)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
            assertThat(store.list(null)).extracting(SessionSummary::name)
                    .containsExactly("no policy", "file policy", "preset policy");
            Session preset = store.load(7);
            assertThat(preset.version()).isEqualTo(1);
            assertThat(preset.inputs().portfolio().text()).isEqualTo(PORTFOLIO);
            assertThat(preset.inputs().market().text()).isEqualTo(MARKET);
            assertThat(preset.inputs().parameters().risk().confidence()).isEqualTo(0.99);
            assertThat(preset.inputs().policy().ref()).isEqualTo("ramm");
            assertThat(preset.inputs().policy().parse().name()).isEqualTo("ramm");
            assertThat(preset.result("maintenanceMargin")).isEqualTo(9100.25);
            assertThat(preset.inputHash()).isNull(); // version 1 did not record it
            assertThat(preset.notes()).isEqualTo("first");
            assertThat(preset.savedAt()).hasToString("2024-11-20T09:00:00Z");
            assertThat(store.list("preset").getFirst().maintenanceMargin()).isEqualTo(9100.25);
            Session file = store.load(9);
            assertThat(file.inputs().policy().parse().imToMm()).isEqualTo(2);
            assertThat(store.load(11).inputs().policy()).isNull();
            // and the migrated store works on: a new version, a new session after the old ids
            assertThat(store.save(preset.withNotes("after")).version()).isEqualTo(2);
            assertThat(store.save(preset.withName("new").asNew()).id()).isGreaterThan(11);
            assertThat(store.integrityCheck()).isEqualTo("ok");
        }
        assertThat(Files.exists(dir.resolve("s.db.v1.bak"))).isTrue();
    }

    @Test
    void aVersion2StoreMigratesWithItsSessions(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("s.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE blob (hash TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID");
            s.execute("""
                    CREATE TABLE session (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL,
                      updated_at TEXT NOT NULL, deleted_at TEXT, latest_version INTEGER NOT NULL)""");
            s.execute("""
                    CREATE TABLE session_version (
                      session_id INTEGER NOT NULL REFERENCES session(id), version INTEGER NOT NULL,
                      saved_at TEXT NOT NULL, portfolio_name TEXT NOT NULL,
                      portfolio_blob TEXT NOT NULL REFERENCES blob(hash), market_name TEXT NOT NULL,
                      market_blob TEXT NOT NULL REFERENCES blob(hash), parameters_json TEXT NOT NULL,
                      policy_ref TEXT, policy_name TEXT, policy_blob TEXT REFERENCES blob(hash), results_json TEXT,
                      input_hash TEXT, notes TEXT NOT NULL DEFAULT '', equity REAL, mm REAL, es REAL,
                      PRIMARY KEY (session_id, version))""");
            s.execute("""
                    CREATE TABLE session_history (session_id INTEGER NOT NULL, version INTEGER NOT NULL,
                      seq INTEGER NOT NULL, name TEXT NOT NULL, blob TEXT NOT NULL REFERENCES blob(hash),
                      PRIMARY KEY (session_id, version, seq),
                      FOREIGN KEY (session_id, version) REFERENCES session_version(session_id, version))""");
            s.execute("""
                    CREATE TABLE timeline (session_id INTEGER NOT NULL REFERENCES session(id), t TEXT NOT NULL,
                      equity REAL, mm REAL, ratio REAL, PRIMARY KEY (session_id, t)) WITHOUT ROWID""");
            s.execute("CREATE INDEX session_by_name ON session(name COLLATE NOCASE)");
            s.execute("INSERT INTO blob VALUES ('p', '" + PORTFOLIO + "'), ('m', '" + MARKET + "'),"
                    + " ('h', 'date,close\n2024-11-19,91000\n')");
            s.execute("INSERT INTO session VALUES (3, 'two versions', '2024-11-20T09:00:00.000Z',"
                    + " '2024-11-21T09:00:00.000Z', NULL, 2), (4, 'binned', '2024-11-20T09:00:00.000Z',"
                    + " '2024-11-20T09:00:00.000Z', '2024-11-22T00:00:00.000Z', 1)");
            s.execute("INSERT INTO session_version VALUES"
                    + " (3, 1, '2024-11-20T09:00:00.000Z', 'btc.csv', 'p', 'm.json', 'm', '" + PARAMS
                    + "', NULL, NULL, NULL, '" + RESULTS + "', 'abc', 'v1', 2000, 9100.25, 9000.5),"
                    + " (3, 2, '2024-11-21T09:00:00.000Z', 'btc.csv', 'p', 'm.json', 'm', '" + PARAMS
                    + "', NULL, NULL, NULL, NULL, 'abc', 'v2', NULL, NULL, NULL),"
                    + " (4, 1, '2024-11-20T09:00:00.000Z', 'btc.csv', 'p', 'm.json', 'm', '" + PARAMS
                    + "', NULL, NULL, NULL, NULL, NULL, '', NULL, NULL, NULL)");
            s.execute("INSERT INTO session_history VALUES (3, 2, 0, 'BTC-USD.daily.csv', 'h')");
            s.execute("INSERT INTO timeline VALUES (3, '2024-11-20T09:00:00.000Z', 2000, 9100, 4.55)");
            s.execute("PRAGMA user_version = 2");
        }
        try (SessionStore store = SessionStore.open(db)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
            assertThat(store.list(null)).extracting(SessionSummary::id).containsExactly(3L);
            assertThat(store.listDeleted()).extracting(SessionSummary::id).containsExactly(4L);
            Session latest = store.load(3);
            assertThat(latest.version()).isEqualTo(2);
            assertThat(latest.notes()).isEqualTo("v2");
            assertThat(latest.inputs().history()).singleElement()
                    .satisfies(h -> assertThat(h.name()).isEqualTo("BTC-USD.daily.csv"));
            assertThat(latest.timeline()).singleElement().satisfies(t -> assertThat(t.marginRatio()).isEqualTo(4.55));
            assertThat(store.load(3, 1).result("es")).isEqualTo(9000.5);
            assertThat(store.versions(3)).hasSize(2);
            store.autosave(latest); // the table version 3 added
            assertThat(store.integrityCheck()).isEqualTo("ok");
        }
        assertThat(Files.exists(dir.resolve("s.db.v2.bak"))).isTrue();
    }

    static java.util.List<String> tables(Path db) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}

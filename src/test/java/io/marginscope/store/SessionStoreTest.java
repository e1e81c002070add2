package io.marginscope.store;

import io.marginscope.io.TextSource;
import io.marginscope.run.ComputeRun;
import io.marginscope.run.RunInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionStoreTest {

    static Session strangle;
    static Session strangleRamm;

    @BeforeAll
    static void runs() throws Exception {
        strangle = StoreFixtures.session("strangle", "btc-short-strangle.csv", null);
        strangleRamm = StoreFixtures.session("strangle ramm", "btc-short-strangle.csv", "ramm");
    }

    @Test
    void opensWithWalBusyTimeoutAndTheLatestSchema(@TempDir Path dir) {
        try (SessionStore store = SessionStore.open(dir.resolve("sub/sessions.db"))) {
            assertThat(store.journalMode()).isEqualToIgnoringCase("wal");
            assertThat(store.busyTimeout()).isEqualTo(SessionStore.BUSY_TIMEOUT_MS);
            assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
            assertThat(store.integrityCheck()).isEqualTo("ok");
            // the native library is loaded from the per-version cache, not unpacked beside the store
            assertThat(System.getProperty("org.sqlite.lib.path")).contains("sqlite-jdbc-");
            assertThat(java.nio.file.Files.isRegularFile(Path.of(System.getProperty("org.sqlite.lib.path"),
                    System.getProperty("org.sqlite.lib.name")))).isTrue();
            assertThat(dir.resolve("sub/tmp")).doesNotExist();
        }
    }

    @Test
    void savesAndLoadsEverythingBack(@TempDir Path dir) {
        try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
            Session in = strangleRamm.withNotes("short vol book, before the Dec expiry")
                    .withTimeline(List.of(new TimelinePoint(Instant.parse("2024-11-20T08:00:00Z"), 604_051, 196_495, 0.33),
                            new TimelinePoint(Instant.parse("2024-11-20T08:00:01Z"), -5, 10, Double.NaN)));
            Session saved = store.save(in);
            assertThat(saved.id()).isPositive();
            assertThat(saved.version()).isEqualTo(1);
            assertThat(saved.savedAt()).isNotNull();
            Session back = store.load(saved.id());
            assertThat(back.inputs()).isEqualTo(in.inputs());
            assertThat(back.resultsJson()).isEqualTo(in.resultsJson());
            assertThat(back.inputHash()).isEqualTo(in.inputs().hash()).hasSize(64);
            assertThat(back.notes()).isEqualTo(in.notes());
            assertThat(back.timeline()).hasSize(2);
            assertThat(back.timeline().get(0).maintenanceMargin()).isEqualTo(196_495);
            assertThat(back.timeline().get(1).marginRatio()).isNaN();
            assertThat(back.result("maintenanceMargin")).isEqualTo(strangleRamm.result("maintenanceMargin"));
            assertThat(back.inputs().policy().ref()).isEqualTo("ramm");
        }
    }

    @Test
    void anUnchangedSaveKeepsTheVersionAChangedOneAddsOne(@TempDir Path dir) {
        try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
            Session v1 = store.save(strangle);
            assertThat(store.save(v1).version()).isEqualTo(1);
            Session v2 = store.save(v1.withNotes("checked"));
            assertThat(v2.version()).isEqualTo(2);
            assertThat(store.versions(v1.id())).extracting(SessionSummary::version).containsExactly(2, 1);
            assertThat(store.load(v1.id(), 1).notes()).isEmpty();
            assertThat(store.load(v1.id()).notes()).isEqualTo("checked");
            // a rename alone is not a new version
            store.rename(v1.id(), "renamed");
            assertThat(store.load(v1.id()).name()).isEqualTo("renamed");
            assertThat(store.load(v1.id()).version()).isEqualTo(2);
        }
    }

    @Test
    void listsAndSearchesByNameNotesPortfolioAndPolicy(@TempDir Path dir) throws Exception {
        try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
            store.save(strangle.withName("Strangle Monday"));
            store.save(strangleRamm.withName("with ramm").withNotes("100% hedged_ok"));
            Session basis = store.save(StoreFixtures.session("basis", "btc-eth-basis.csv", null));
            assertThat(store.list(null)).hasSize(3);
            assertThat(store.list("strangle")).extracting(SessionSummary::name)
                    .containsExactlyInAnyOrder("Strangle Monday", "with ramm"); // the portfolio name matches too
            assertThat(store.list("MONDAY")).extracting(SessionSummary::name).containsExactly("Strangle Monday");
            assertThat(store.list("ramm")).extracting(SessionSummary::name).containsExactly("with ramm");
            assertThat(store.list("100%")).hasSize(1);
            assertThat(store.list("d_o")).hasSize(1);
            assertThat(store.list("0%h")).isEmpty();
            SessionSummary row = store.list("basis").getFirst();
            assertThat(row.id()).isEqualTo(basis.id());
            assertThat(row.es()).isEqualTo(basis.result("es"));
            assertThat(row.maintenanceMargin()).isNaN();
            assertThat(row.portfolioName()).endsWith("btc-eth-basis.csv");
        }
    }

    @Test
    void deleteIsUndoneAndPurgeEmptiesTheBin(@TempDir Path dir) {
        try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
            Session a = store.save(strangle);
            Session b = store.duplicate(a.id(), "copy");
            assertThat(b.id()).isNotEqualTo(a.id());
            assertThat(b.inputs()).isEqualTo(a.inputs());
            store.delete(a.id());
            assertThat(store.list(null)).extracting(SessionSummary::name).containsExactly("copy");
            assertThat(store.listDeleted()).extracting(SessionSummary::id).containsExactly(a.id());
            store.undelete(a.id());
            assertThat(store.list(null)).hasSize(2);
            store.delete(a.id());
            assertThat(store.purgeDeleted()).isEqualTo(1);
            assertThatThrownBy(() -> store.load(a.id())).isInstanceOf(StoreException.class);
            // the copy shares its texts with the purged session: they are kept
            assertThat(store.load(b.id()).inputs()).isEqualTo(strangle.inputs());
            assertThatThrownBy(() -> store.delete(999)).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void comparesInputsAndTheMoveOfMmAndEs(@TempDir Path dir) throws Exception {
        Session span = StoreFixtures.session("strangle span", "btc-short-strangle.csv", "span");
        RunInputs in = span.inputs();
        String text = in.portfolio().text().replace("btc-perp-hedge,BTC,PERP,,,1.4,", "btc-perp-hedge,BTC,PERP,,,3,");
        RunInputs changed = new RunInputs(new TextSource(in.portfolio().name(), text), in.market(), in.history(),
                in.parameters(), in.policy());
        Session other = Session.of("more delta", ComputeRun.run(changed), "");
        try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
            Session a = store.save(span);
            Session b = store.save(other);
            SessionComparison c = store.compare(a.id(), b.id());
            assertThat(c.changedInputs()).containsExactly("portfolio");
            assertThat(c.positionChanges()).containsExactly("btc-perp-hedge: quantity 1.4 -> 3");
            assertThat(c.maintenanceMargin().before()).isEqualTo(a.result("maintenanceMargin"));
            assertThat(c.maintenanceMargin().after()).isEqualTo(b.result("maintenanceMargin"));
            assertThat(c.es().change()).isEqualTo(b.result("es") - a.result("es"));
            assertThat(SessionStore.compare(a, a).inputsEqual()).isTrue();
            assertThat(SessionStore.compare(strangle, strangleRamm).changedInputs()).containsExactly("policy");
            assertThat(c.maintenanceMargin().before()).isPositive();
            assertThat(c.maintenanceMargin().after()).isNotEqualTo(c.maintenanceMargin().before());
        }
    }

    @Test
    void aReopenedSessionRecomputesToIdenticalNumbers(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("s.db");
        long id;
        try (SessionStore store = SessionStore.open(db)) {
            id = store.save(strangleRamm).id();
        }
        try (SessionStore store = SessionStore.open(db)) {
            Session back = store.load(id);
            Verification v = SessionStore.verify(back);
            assertThat(v.hashMatches()).isTrue();
            assertThat(v.identical()).as(v.differences().toString()).isTrue();
            assertThat(v.reproduces()).isTrue();
            // results edited by hand no longer reproduce, and the field is named
            var saved = (com.fasterxml.jackson.databind.node.ObjectNode) back.results();
            var now = saved.deepCopy();
            now.put("maintenanceMargin", saved.get("maintenanceMargin").asDouble() + 1e-9);
            now.withArray("warnings").add("another text");
            List<String> numbers = new java.util.ArrayList<>();
            List<String> texts = new java.util.ArrayList<>();
            SessionDiff.walk("", saved, now, numbers, texts);
            assertThat(numbers).singleElement().asString().startsWith("/maintenanceMargin: ");
            assertThat(texts).singleElement().asString().startsWith("/warnings/");
        }
    }

    @Test
    void theInputHashIsCanonicalAndCoversSeedAndPolicy() throws Exception {
        RunInputs in = strangle.inputs();
        RunInputs crlf = new RunInputs(new TextSource("/elsewhere/btc-short-strangle.csv",
                "\uFEFF" + in.portfolio().text().replace("\n", "\r\n")), in.market(), in.history(), in.parameters(),
                in.policy());
        assertThat(crlf.hash()).isEqualTo(in.hash());
        RunInputs seed = new RunInputs(in.portfolio(), in.market(), in.history(),
                new io.marginscope.run.RunParameters(seven(in.parameters().risk()), java.util.Set.of()), in.policy());
        assertThat(seed.hash()).isNotEqualTo(in.hash());
        assertThat(strangleRamm.inputs().hash()).isNotEqualTo(in.hash());
    }

    static io.marginscope.risk.RiskParameters seven(io.marginscope.risk.RiskParameters p) {
        return new io.marginscope.risk.RiskParameters(p.confidence(), p.horizonDays(), p.method(), p.volModel(),
                p.ewmaLambda(), p.windowDays(), p.scenarios(), 7L, p.studentDof(), p.volOfVol());
    }

    @Test
    void theAutosaveOfACrashedRunIsRecoveredAndACleanCloseLeavesNone(@TempDir Path dir) {
        Path db = dir.resolve("s.db");
        SessionStore crashed = SessionStore.open(db);
        crashed.autosave(strangle.withNotes("unsaved edit"));
        // the first run never closes (as if killed); the next run finds its autosave
        try (SessionStore next = SessionStore.open(db)) {
            assertThat(next.recover()).hasValueSatisfying(s -> {
                assertThat(s.notes()).isEqualTo("unsaved edit");
                assertThat(s.inputs()).isEqualTo(strangle.inputs());
                assertThat(s.resultsJson()).isEqualTo(strangle.resultsJson());
            });
            next.autosave(strangle);
            assertThat(next.recover()).isEmpty(); // its own autosave is not a crash
        }
        crashed.close();
        try (SessionStore again = SessionStore.open(db)) {
            assertThat(again.recover()).isEmpty();
        }
    }

    @Test
    void refusesAStoreOfANewerSchema(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("s.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> SessionStore.open(db)).isInstanceOf(StoreException.class).hasMessageContaining("newer");
    }

    @Test
    void theDataDirectoryFollowsEachPlatform() {
        assertThat(DataDirectory.resolve("/x/y", "Linux", Map.of(), "/home/a")).isEqualTo(Path.of("/x/y"));
        assertThat(DataDirectory.resolve(null, "Linux", Map.of("XDG_DATA_HOME", "/data"), "/home/a"))
                .isEqualTo(Path.of("/data/marginscope"));
        assertThat(DataDirectory.resolve(null, "Linux", Map.of("XDG_DATA_HOME", "rel"), "/home/a"))
                .isEqualTo(Path.of("/home/a/.local/share/marginscope"));
        assertThat(DataDirectory.resolve(null, "Mac OS X", Map.of(), "/Users/a"))
                .isEqualTo(Path.of("/Users/a/Library/Application Support/MarginScope"));
        assertThat(DataDirectory.resolve(null, "Windows 11", Map.of("APPDATA", "/c/Users/a/AppData/Roaming"), "/c/Users/a"))
                .isEqualTo(Path.of("/c/Users/a/AppData/Roaming/MarginScope"));
    }
}

package io.marginscope.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** 10,000 autosaves of one session overwrite one row: the file stays the size of the data. */
class AutosaveSizeTest {

    @Test
    void tenThousandAutosavesDoNotGrowTheFile(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("auto.db");
        Session s = StoreFixtures.session("live", "btc-short-strangle.csv", null);
        int payload = SessionJson.writeText(s).length();
        long baseline;
        long id;
        try (SessionStore store = SessionStore.open(db)) {
            Session saved = store.save(s);
            id = saved.id();
            store.autosave(saved);
        }
        baseline = size(db); // the session and one autosave, checkpointed at close
        long start = System.nanoTime();
        long peak = 0;
        try (SessionStore store = SessionStore.open(db)) {
            Session saved = store.load(id);
            for (int i = 1; i <= 10_000; i++) {
                // each autosave is another state of the same session (the notes change)
                store.autosave(saved.withNotes("edit " + i));
                if (i % 500 == 0) {
                    peak = Math.max(peak, size(db) + size(wal(db)));
                }
            }
            assertThat(store.recover()).isEmpty();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long closed = size(db);
        System.out.printf("autosave: payload %,d B; file with the session and one autosave %,d B; peak with the WAL"
                + " while saving %,d B; after 10,000 autosaves and close %,d B; %.1f s%n", payload, baseline, peak,
                closed, seconds);
        // the data: the stored session (its texts once) and the autosave row, in 4 KB pages
        assertThat(closed).isLessThanOrEqualTo(baseline + 4 * 4096);
        assertThat(closed).isLessThan(8L * payload + 64 * 1024);
        // while running, the WAL is bounded by the automatic checkpoint (1000 pages) and its size limit
        assertThat(peak).isLessThan(closed + SessionStore.JOURNAL_SIZE_LIMIT + 64 * 1024);
        assertThat(Files.exists(wal(db))).isFalse();
    }

    static Path wal(Path db) {
        return db.resolveSibling(db.getFileName() + "-wal");
    }

    static long size(Path p) throws Exception {
        return Files.exists(p) ? Files.size(p) : 0;
    }

    @Test
    void repeatedSavesOfAnUnchangedSessionAddNothing(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("same.db");
        Session s = StoreFixtures.session("same", "btc-short-strangle.csv", null);
        try (SessionStore store = SessionStore.open(db)) {
            Session saved = store.save(s);
            long before = size(db) + size(wal(db));
            for (int i = 0; i < 500; i++) {
                saved = store.save(saved);
            }
            assertThat(saved.version()).isEqualTo(1);
            assertThat(store.versions(saved.id())).hasSize(1);
            assertThat(size(db) + size(wal(db))).isLessThan(before + 64 * 1024);
            assertThat(store.list(null)).extracting(SessionSummary::id).isEqualTo(List.of(saved.id()));
        }
    }
}

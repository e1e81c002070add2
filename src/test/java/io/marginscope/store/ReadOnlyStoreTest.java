package io.marginscope.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A store opened read-only (a read-only mount, a file this user cannot write): lists and loads, never writes. */
class ReadOnlyStoreTest {

    @Test
    void listsAndLoadsButRefusesASaveInOneLine(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("sessions.db");
        Session saved;
        try (SessionStore store = SessionStore.open(db)) {
            saved = store.save(StoreFixtures.session("kept", "btc-short-strangle.csv", "ramm"));
        }
        long before = Files.size(db);
        try (SessionStore ro = SessionStore.openReadOnly(db)) {
            assertThat(ro.readOnly()).isTrue();
            assertThat(ro.list(null)).extracting(SessionSummary::name).containsExactly("kept");
            assertThat(ro.load(saved.id()).resultsJson()).isEqualTo(saved.resultsJson());
            assertThatThrownBy(() -> ro.save(saved.withNotes("changed")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("read-only")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThat(Files.size(db)).isEqualTo(before);
    }

    @Test
    void aMissingStoreIsOneLine(@TempDir Path dir) {
        assertThatThrownBy(() -> SessionStore.openReadOnly(dir.resolve("none.db")))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("no session store at");
    }
}

package io.marginscope.ui.live;

import io.marginscope.margin.MarginResult;
import io.marginscope.store.DataDirectory;
import io.marginscope.store.Session;
import io.marginscope.store.SessionStore;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import io.marginscope.ui.sessions.SessionInputs;
import io.marginscope.ui.app.WorkstationTestBase;

/** The live timeline recorded into the open session, the autosave a crashed run leaves, and a replay of March 2020. */
class LiveRecordingTest extends WorkstationTestBase {

    @Start
    void start(Stage stage) throws Exception {
        freshDataDir("ms-rec");
        open(stage, SHARED_PREFS);
    }

    @AfterEach
    void stopLive(FxRobot robot) {
        robot.interact(() -> window.live().setLive(false));
    }

    /** Waits until the store thread has done everything submitted before. */
    private void drainStore(FxRobot robot) throws Exception {
        AtomicReference<Boolean> done = new AtomicReference<>(false);
        robot.interact(() -> window.sessions().worker().submit(s -> true, done::set, e -> { }));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, done::get);
    }

    @Test
    void theLiveTimelineIsRecordedIntoTheOpenSession(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.risk().run() != null));
        AtomicReference<Session> saved = new AtomicReference<>();
        robot.interact(() -> window.sessions().save("live check", saved::set));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> saved.get() != null);

        robot.interact(() -> {
            window.live().source().setValue(LiveSource.SIMULATED_CRASH);
            window.live().speed().setValue(200);
            window.live().setLive(true);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.live().zoneProperty().get() == MarginResult.Zone.LIQUIDATION);
        robot.interact(() -> window.live().setLive(false));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.sessions().statusProperty().get().startsWith("Recorded"));
        try (SessionStore store = SessionStore.open(DataDirectory.storeFile())) {
            Session s = store.load(saved.get().id());
            assertThat(s.timeline()).hasSizeGreaterThan(100);
            assertThat(s.timeline()).anyMatch(p -> p.marginRatio() >= 1.0);
        }
    }

    @Test
    void anAutosaveIsOfferedBackAfterACrash(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.current() != null);
        robot.interact(() -> window.sessions().autosaveNow());
        drainStore(robot);
        // another run opening the store sees the autosave of this one, which has not closed
        try (SessionStore other = SessionStore.open(DataDirectory.storeFile())) {
            Optional<Session> found = other.recover();
            assertThat(found).isPresent();
            assertThat(found.get().inputs().portfolio().name()).endsWith("btc-short-strangle.csv");
            SessionInputs.Opened o = SessionInputs.open(found.get().inputs());
            assertThat(o.book().valuation().equity()).isEqualTo(model.current().valuation().equity());
            other.discardAutosave();
        }
    }

    @Test
    void replaysMarch2020FromTheSharedHistory(FxRobot robot) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(LivePanel.SHARED_PRICES), "no shared price history here");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.current() != null);
        robot.interact(() -> {
            window.live().source().setValue(LiveSource.REPLAY);
            window.live().replayWindow().setText("2020-03-09..2020-03-16");
            window.live().speed().setValue(200);
            window.live().setLive(true);
        });
        Label asOf = robot.lookup("#liveAsOf").queryAs(Label.class);
        // at 200 updates a second a repaint may step over a day: wait for the 12th or later
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> asOf.getText().matches("as of 2020-03-1[2-6].*"));
        assertThat(robot.lookup("#liveRatio").queryAs(Label.class).getText()).contains("%");
    }
}

package io.marginscope.ui.sessions;

import io.marginscope.store.SessionSummary;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.app.WorkstationTestBase;

/** Saved sessions through the workstation: save, reopen with identical numbers, delete and undo, compare. */
class SessionsWindowTest extends WorkstationTestBase {

    @Start
    void start(Stage stage) throws Exception {
        freshDataDir("ms-sessions");
        open(stage, SHARED_PREFS);
    }

    private RiskViewModel risk() {
        return window.risk();
    }

    private boolean idle() throws Exception {
        return fx(() -> risk().run() != null && !risk().staleProperty().get() && !risk().service().isRunning());
    }

    private void waitForRun() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, this::idle);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void save(FxRobot robot, String name) throws Exception {
        AtomicReference<Object> saved = new AtomicReference<>();
        robot.interact(() -> window.sessions().save(name, saved::set));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> saved.get() != null);
    }

    @SuppressWarnings("unchecked")
    private TableView<SessionSummary> table(FxRobot robot) {
        return robot.lookup("#sessionTable").queryAs(TableView.class);
    }

    private void select(FxRobot robot, String name) {
        robot.interact(() -> {
            TableView<SessionSummary> t = table(robot);
            t.getSelectionModel().clearSelection();
            for (int i = 0; i < t.getItems().size(); i++) {
                if (t.getItems().get(i).name().equals(name)) {
                    t.getSelectionModel().select(i);
                }
            }
        });
    }

    @Test
    void aSavedSessionReopensWithIdenticalNumbers(FxRobot robot) throws Exception {
        waitForRun();
        double es = risk().run().result().es();
        double var = risk().run().result().var();
        double equity = model.current().valuation().equity();
        double confidence = risk().confidenceProperty().get();
        save(robot, "strangle as found");

        // move away: another confidence, another run
        robot.interact(() -> risk().confidenceProperty().set(confidence == 0.95 ? 0.99 : 0.95));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> risk().run() != null
                && risk().run().result().parameters().confidence() != confidence && idle());
        assertThat(risk().run().result().es()).isNotEqualTo(es);

        robot.interact(() -> window.sessions().showWindow());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 1);
        select(robot, "strangle as found");
        robot.clickOn("#openSession");
        Label status = robot.lookup("#sessionStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> status.getText().contains("reproduce"));
        assertThat(status.getText()).contains("the stored results reproduce exactly");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> risk().run() != null
                && risk().run().result().parameters().confidence() == confidence && idle());
        waitForRun();
        assertThat(risk().confidenceProperty().get()).isEqualTo(confidence);
        assertThat(model.current().valuation().equity()).isEqualTo(equity);
        assertThat(risk().run().result().es()).isEqualTo(es);
        assertThat(risk().run().result().var()).isEqualTo(var);
        assertThat(robot.lookup("#equityValue").queryAs(Label.class).getText()).isEqualTo(Formats.money(equity));
    }

    @Test
    void deleteUndoAndCompare(FxRobot robot) throws Exception {
        waitForRun();
        save(robot, "first");
        robot.interact(() -> risk().horizonDaysProperty().set(risk().horizonDaysProperty().get() + 4));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> risk().run() != null && !risk().staleProperty().get()
                && risk().run().result().parameters().horizonDays() == risk().horizonDaysProperty().get());
        save(robot, "second");
        robot.interact(() -> window.sessions().showWindow());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 2);

        select(robot, "first");
        robot.clickOn("#deleteSession");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 1);
        assertThat(table(robot).getItems()).extracting(SessionSummary::name).containsExactly("second");
        robot.clickOn("#undoDelete");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 2);
        assertThat(table(robot).getItems()).extracting(SessionSummary::name).contains("first", "second");

        robot.interact(() -> table(robot).getSelectionModel().selectAll());
        robot.clickOn("#compareSessions");
        TextArea text = robot.lookup("#compareText").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !text.getText().isEmpty());
        assertThat(text.getText()).contains("parameters.horizonDays").contains("MM").contains("ES");

        robot.interact(() -> robot.lookup("#sessionSearch").queryTextInputControl().setText("seco"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 1);
    }

    @Test
    void openingAnotherBookLeavesTheSession(FxRobot robot) throws Exception {
        waitForRun();
        save(robot, "strangle");
        assertThat(window.sessions().currentProperty().get()).isNotNull();
        robot.interact(() -> window.openDropped(SAMPLES.resolve("btc-eth-basis.csv")));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.current().book().name().equals("btc-eth-basis"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.sessions().currentProperty().get()).isNull();
    }
}

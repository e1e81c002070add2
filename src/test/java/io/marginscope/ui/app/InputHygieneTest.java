package io.marginscope.ui.app;

import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A typed setting that does not parse, or 0 where the least is 1, is refused: field named, value kept. */
class InputHygieneTest extends WorkstationTestBase {

    @Start
    void start(Stage stage) {
        open(stage, SHARED_PREFS);
    }

    @SuppressWarnings("unchecked")
    @Test
    void theHorizonRefusesTextAndZeroAndKeepsItsValue(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.current() != null);
        Spinner<Integer> horizon = robot.lookup("#horizonSpinner").queryAs(Spinner.class);
        Label error = robot.lookup("#settingsFieldError").queryAs(Label.class);
        int before = fx(() -> window.risk().horizonDaysProperty().get());

        for (String typed : new String[] {"abc", "0", "11"}) {
            robot.interact(() -> {
                horizon.getEditor().setText(typed);
                horizon.commitValue();
            });
            assertThat(fx(() -> window.risk().horizonDaysProperty().get())).as(typed).isEqualTo(before);
            assertThat(fx(() -> horizon.getEditor().getText())).as(typed).isEqualTo(Integer.toString(before));
            assertThat(fx(error::getText)).as(typed).startsWith("Horizon, days: ").contains("kept " + before);
            assertThat(fx(error::isVisible)).isTrue();
        }
        int next = before == 3 ? 4 : 3;
        robot.interact(() -> {
            horizon.getEditor().setText(Integer.toString(next));
            horizon.commitValue();
        });
        assertThat(fx(() -> window.risk().horizonDaysProperty().get())).isEqualTo(next);
        assertThat(fx(error::getText)).isEmpty();
        assertThat(fx(error::isVisible)).isFalse();
    }
}

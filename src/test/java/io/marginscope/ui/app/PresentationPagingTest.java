package io.marginscope.ui.app;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presentation mode tells the story in order with the keyboard: PageDown / PageUp (and Right / Left when no
 * control takes them) step through the book and its risk, the margin, the policies, stress and the backtest,
 * with a page indicator; Esc and F11 leave it.
 */
class PresentationPagingTest extends WorkstationTestBase {

    private static final String PREFS = "io/marginscope/test-paging-" + ProcessHandle.current().pid();

    @Start
    void start(Stage stage) {
        open(stage, PREFS);
    }

    private String selected() {
        TabPane tabs = (TabPane) stage.getScene().lookup("#workstationTabs");
        return fx(() -> tabs.getSelectionModel().getSelectedItem().getId());
    }

    private String indicator() {
        return fx(() -> window.marginWorkspace().presentation().indicator().getText());
    }

    @Test
    void pageKeysStepThroughTheStoryAndEscapeLeaves(FxRobot robot) {
        robot.press(KeyCode.F11).release(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(stage::isFullScreen)).isTrue();
        assertThat(fx(() -> stage.getScene().getRoot().getStyleClass())).contains("presentation");
        assertThat(fx(() -> window.marginWorkspace().presentation().indicator().isVisible())).isTrue();
        assertThat(indicator()).isEqualTo("1 / 5  Book and risk");
        // the settings panel steps aside for the room
        assertThat(fx(() -> stage.getScene().lookup(".risk-panel").isVisible())).isFalse();

        List<String> seen = new ArrayList<>(List.of(selected()));
        List<String> pages = new ArrayList<>(List.of(indicator()));
        for (int i = 0; i < 5; i++) {
            robot.press(KeyCode.PAGE_DOWN).release(KeyCode.PAGE_DOWN);
            WaitForAsyncUtils.waitForFxEvents();
            seen.add(selected());
            pages.add(indicator());
        }
        assertThat(seen).containsExactly("riskTab", "marginTab", "policiesTab", "stressTab", "backtestTab",
                "backtestTab");
        assertThat(pages).containsExactly("1 / 5  Book and risk", "2 / 5  Margin", "3 / 5  Policies side by side",
                "4 / 5  Stress", "5 / 5  Backtest verdict", "5 / 5  Backtest verdict");

        robot.press(KeyCode.PAGE_UP).release(KeyCode.PAGE_UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selected()).isEqualTo("stressTab");
        // Left and Right page too while the focus is on no control that takes them (here: the tab headers)
        robot.interact(() -> stage.getScene().lookup("#workstationTabs").requestFocus());
        robot.press(KeyCode.LEFT).release(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selected()).isEqualTo("policiesTab");
        robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selected()).isEqualTo("stressTab");

        // a tab outside the story (Greeks): the indicator says so, PageDown goes to page 1
        TabPane tabs = (TabPane) stage.getScene().lookup("#workstationTabs");
        Tab greeks = fx(() -> tabs.getTabs().stream().filter(t -> "greeksTab".equals(t.getId())).findFirst()
                .orElseThrow());
        robot.interact(() -> tabs.getSelectionModel().select(greeks));
        assertThat(indicator()).startsWith("Greeks");
        robot.press(KeyCode.PAGE_DOWN).release(KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selected()).isEqualTo("riskTab");

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(stage::isFullScreen)).isFalse();
        assertThat(fx(() -> stage.getScene().getRoot().getStyleClass())).doesNotContain("presentation");
        assertThat(fx(() -> window.marginWorkspace().presentation().indicator().isVisible())).isFalse();
        assertThat(fx(() -> stage.getScene().lookup(".risk-panel").isVisible())).isTrue();
        // out of presentation mode the page keys do not page
        robot.press(KeyCode.PAGE_DOWN).release(KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selected()).isEqualTo("riskTab");

        // F11 enters and leaves
        robot.press(KeyCode.F11).release(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(stage::isFullScreen)).isTrue();
        robot.press(KeyCode.F11).release(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(stage::isFullScreen)).isFalse();
        assertThat(fx(() -> window.marginWorkspace().presentation().isOn())).isFalse();
    }
}

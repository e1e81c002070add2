package io.marginscope.ui.app;

import io.marginscope.ui.control.Formats;
import io.marginscope.margin.MarginResult;
import io.marginscope.report.PdfReport;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import io.marginscope.ui.live.LiveSession;
import io.marginscope.ui.live.LiveSource;

/** File > Export to a PDF, and live mode on a simulated crash from OK through WARNING to LIQUIDATION. */
class ExportAndLiveTest extends WorkstationTestBase {

    @Start
    void start(Stage stage) throws Exception {
        freshDataDir("ms-live");
        open(stage, SHARED_PREFS);
    }

    @AfterEach
    void stopLiveAndCloseDialogs(FxRobot robot) {
        robot.interact(() -> {
            window.live().setLive(false);
            // the export's "finished" message and any other window over the main one
            for (javafx.stage.Window w : new ArrayList<>(javafx.stage.Window.getWindows())) {
                if (w instanceof Stage s && s.getOwner() != null) {
                    s.hide();
                }
            }
        });
    }

    @Test
    void exportsAPdfThatOpens(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.current() != null);
        Path pdf = Files.createTempDirectory("ms-export").resolve("report.pdf");
        robot.interact(() -> window.exports().exportPdf(pdf, PdfReport.PageSize.LETTER));
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> fx(() ->
                !window.exports().service().isRunning() && window.exports().service().getValue() != null));
        assertThat(pdf).exists();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(0);
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isEqualTo(612f);
        }
    }

    @Test
    void aSimulatedCrashDrivesTheMarginRatioThroughWarningToLiquidation(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.current() != null);
        List<MarginResult.Zone> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> {
            window.live().zoneProperty().addListener((o, a, b) -> seen.add(b));
            window.live().source().setValue(LiveSource.SIMULATED_CRASH);
            // 20 updates a second: the ratio stays in the warning band for some 40 updates (2 s), many
            // repaints; at 200 a second that is 0.2 s, which a loaded machine's repaints could step over
            window.live().speed().setValue(20);
        });
        robot.clickOn("#liveToggle");
        // live ticks change the scene graph on the FX thread: look nodes up there, never from the test thread
        Label ratio = onFx(robot, "#liveRatio", Label.class);
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> seen.contains(MarginResult.Zone.WARNING));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no WARNING; seen " + seen + ", ratio " + ratio.getText() + ", message "
                    + onFx(robot, "#liveMessage", Label.class).getText() + ", live "
                    + onFx(robot, "#liveAsOf", Label.class).getText(), e);
        }
        assertThat(ratio.getStyleClass()).isNotEmpty();
        // a tick may overshoot into liquidation before the full recompute of its market brings the
        // ratio back to warning: wait for the last crash leg (update 160) and a liquidation after the warning
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> {
            var st = window.live().latestState();
            return st != null && st.tickCount() > LiveSession.CRASH_AT[LiveSession.CRASH_AT.length - 1] + 10
                    && window.live().zoneProperty().get() == MarginResult.Zone.LIQUIDATION
                    && seen.lastIndexOf(MarginResult.Zone.LIQUIDATION) > seen.indexOf(MarginResult.Zone.WARNING);
        }));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(seen.indexOf(MarginResult.Zone.WARNING)).isLessThan(seen.lastIndexOf(MarginResult.Zone.LIQUIDATION));
        assertThat(ratio.getText()).contains("LIQUIDATION");
        assertThat(ratio.getStyleClass()).contains("zone-liquidation");
        assertThat(onFx(robot, "#liveRatioTile", javafx.scene.Node.class)).isNotNull();
        // the header follows the live figures
        assertThat(fx(() -> ((Label) robot.lookup("#equityValue").query()).getText())).endsWith(" live");
        robot.interact(() -> ((javafx.scene.control.ButtonBase) robot.lookup("#liveToggle").query()).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.live().isLive()).isFalse();
        // a calm stopped state: when, the last ratio, no alarm colours, and it can be dismissed
        String stopped = onFx(robot, "#liveMessage", Label.class).getText();
        assertThat(stopped).startsWith("Stopped at ").contains("UTC, last ratio ").contains("%");
        assertThat(ratio.getStyleClass()).doesNotContain("zone-liquidation", "zone-warning");
        assertThat(fx(() -> ((Label) robot.lookup("#equityValue").query()).getText()))
                .isEqualTo(Formats.money(model.current().valuation().equity()));
        assertThat(fx(() -> window.live().dismissButton().isVisible())).isTrue();
        robot.interact(() -> window.live().dismissButton().fire());
        assertThat(fx(() -> window.live().dismissButton().isVisible())).isFalse();
        assertThat(onFx(robot, "#liveMessage", Label.class).getText()).isEmpty();
        assertThat(fx(() -> robot.lookup("#liveRatioTile").query().isVisible()
                && robot.lookup("#liveRatioTile").query().getParent().isVisible()
                && window.live().getChildren().get(1).isVisible())).isFalse();
    }

    private static <T extends javafx.scene.Node> T onFx(FxRobot robot, String id, Class<T> type) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(id).queryAs(type)).get();
    }
}

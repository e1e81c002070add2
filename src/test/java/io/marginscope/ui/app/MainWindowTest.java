package io.marginscope.ui.app;

import io.marginscope.pricing.PositionValuation;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import io.marginscope.ui.workbook.BookRequest;
import io.marginscope.ui.control.Formats;

/** Opens the real main window headless (Monocle) on the default sample and on a dropped file. */
public class MainWindowTest extends WorkstationTestBase {

    @Start
    void start(Stage stage) {
        open(stage, SHARED_PREFS);
    }

    @SuppressWarnings("unchecked")
    private TableView<PositionValuation> table(FxRobot robot) {
        return robot.lookup("#positionsTable").queryAs(TableView.class);
    }

    @Test
    void opensOnTheSampleBookWithItsPositions(FxRobot robot) throws Exception {
        TableView<PositionValuation> table = table(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 7);
        assertThat(table.getItems()).extracting(v -> v.position().id())
                .contains("btc-c105k-dec", "btc-p80k-dec", "btc-perp-hedge", "usdc-coll");
        assertThat(table.getItems()).allMatch(PositionValuation::ok);
        Label equity = robot.lookup("#equityValue").queryAs(Label.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(equity.getText()).isEqualTo(Formats.money(model.current().valuation().equity()));
        assertThat(robot.lookup("#underlying-BTC").tryQuery()).isPresent();
        assertThat(robot.lookup("#statusMessage").queryAs(Label.class).getText()).contains("7 positions");
    }

    @Test
    void openingAnotherBookReplacesTheRows(FxRobot robot) throws Exception {
        TableView<PositionValuation> table = table(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 7);
        robot.interact(() -> window.openDropped(SAMPLES.resolve("deribit-options-book.json")));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 10);
        assertThat(table.getItems()).extracting(v -> v.position().id()).contains("BTC-PERPETUAL", "SOL_USDC-27DEC24-200-P");
    }

    @Test
    void aBadFileKeepsThePreviousBook(FxRobot robot) throws Exception {
        TableView<PositionValuation> table = table(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 7);
        Path bad = java.nio.file.Files.createTempFile("bad", ".csv");
        java.nio.file.Files.writeString(bad, "id,underlying,type,quantity\na,BTC,PERP,x\n");
        robot.interact(() -> model.load(new BookRequest.Files(bad, SAMPLES.resolve("btc-short-strangle.market.json"))));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#statusMessage").queryAs(Label.class).getText().startsWith("Not loaded"));
        assertThat(table.getItems()).hasSize(7);
        assertThat(robot.lookup("#statusMessage").queryAs(Label.class).getText()).contains("line 2");
    }
}

package io.marginscope.ui.stress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.cli.MarginScopeCommand;
import io.marginscope.io.ScenarioJson;
import io.marginscope.stress.AssetShock;
import io.marginscope.stress.ShockSet;
import io.marginscope.stress.StressEngine;
import io.marginscope.stress.StressResult;
import io.marginscope.stress.StressScenario;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static io.marginscope.ui.app.WorkstationTestBase.fx;
import static org.assertj.core.api.Assertions.assertThat;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.app.MainWindow;
import io.marginscope.ui.app.MainWindowTest;
import io.marginscope.ui.margin.MarginRequest;
import io.marginscope.ui.app.MarginWorkspace;
import io.marginscope.ui.app.RecentFiles;
import io.marginscope.ui.editors.ScenarioEditor;
import io.marginscope.ui.workbook.WorkbookViewModel;
import io.marginscope.ui.app.WorkstationApp;

/**
 * The custom scenario editor of the Stress tab, headless, on the default sample book: the scenario
 * typed in the editor gives the P&amp;L of {@link StressEngine} on the same scenario built directly,
 * and its saved file gives the same P&amp;L through the {@code stress} command.
 */
@ExtendWith(ApplicationExtension.class)
class StressEditorTest {

    private static final String PREFS = "io/marginscope/test-stress-editor-" + ProcessHandle.current().pid();
    private static final String NAME = "BTC -25%, vol +50%";

    private MainWindow window;
    private WorkbookViewModel model;
    private MarginWorkspace workspace;

    @Start
    void start(Stage stage) {
        System.setProperty("marginscope.prefs", PREFS);
        model = new WorkbookViewModel();
        window = new MainWindow(stage, model, new RecentFiles(WorkstationApp.preferencesNode()));
        workspace = window.marginWorkspace();
        model.load(WorkstationApp.initialRequest(List.of()));
        stage.show();
        stage.requestFocus();
    }

    @AfterEach
    void clear() {
        WaitForAsyncUtils.clearExceptions();
    }

    @AfterAll
    static void forgetPreferences() throws Exception {
        Preferences.userRoot().node(PREFS).removeNode();
    }

    private StressView stressTab(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> model.current() != null
                && workspace.margin().request() != null));
        robot.clickOn("#stressTab");
        StressView view = workspace.stress();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !view.service().isRunning()));
        return view;
    }

    private static void type(FxRobot robot, javafx.scene.control.TextField f, String text) {
        robot.interact(() -> f.setText(text));
    }

    private static StressScenario expected(String name, double btcMove) {
        return StressScenario.of(name, ShockSet.of(Map.of("BTC", AssetShock.relative(btcMove, 0.5))));
    }

    private StressResult engine(StressScenario s) {
        MarginRequest in = fx(() -> workspace.margin().request());
        return StressEngine.run(in.book(), in.market(), s);
    }

    private void waitForPreview(ScenarioEditor e, StressResult want) throws Exception {
        String text = "Book P&L under this scenario: " + Formats.money(want.pnl()) + " USD";
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> e.preview().getText()).equals(text));
    }

    private double shownPnl(StressView view, String name) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !view.service().isRunning()
                && view.table().getItems().size() == 1 && view.table().getItems().getFirst().scenario().equals(name)));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<StressResult> table = view.table();
        return fx(() -> (Double) table.getColumns().get(1).getCellData(0));
    }

    private static JsonNode cli(Path scenario) throws Exception {
        CommandLine cl = MarginScopeCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute("stress", "--portfolio", MainWindowTest.SAMPLES.resolve("btc-short-strangle.csv").toString(),
                "--market", MainWindowTest.SAMPLES.resolve("btc-short-strangle.market.json").toString(),
                "--scenario", scenario.toString());
        assertThat(status).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void aScenarioTypedInTheEditorGivesTheEnginesAndTheCommandsPnl(FxRobot robot, @TempDir Path dir) throws Exception {
        StressView view = stressTab(robot);
        robot.clickOn("#newScenarioButton");
        ScenarioEditor e = fx(view::editor);
        assertThat(e).isNotNull();
        assertThat(fx(() -> e.rows().keySet())).containsExactly("BTC", "USDC", ScenarioEditor.DEFAULT_ROW);
        type(robot, e.nameField(), NAME);
        type(robot, e.rows().get("BTC").price(), "-25");
        type(robot, e.rows().get("BTC").volRelative(), "50");
        StressResult want = engine(expected(NAME, -0.25));
        assertThat(fx(e::valid)).isEqualTo(expected(NAME, -0.25));
        waitForPreview(e, want);

        // a bad field names itself and keeps OK disabled; the previous numbers come back with the text
        type(robot, e.rows().get("BTC").price(), "x");
        assertThat(fx(() -> e.error().getText())).isEqualTo("BTC spot move: 'x' is not a number");
        assertThat(fx(() -> e.okButton().isDisabled())).isTrue();
        assertThat(fx(e::valid)).isNull();
        type(robot, e.rows().get("BTC").price(), "-120");
        assertThat(fx(() -> e.error().getText())).startsWith("BTC spot move: -120% would take the price to zero");
        assertThat(fx(() -> e.okButton().isDisabled())).isTrue();
        type(robot, e.rows().get("Default".toLowerCase()).volPoints(), "1e9");
        type(robot, e.rows().get("BTC").price(), "-25");
        assertThat(fx(() -> e.error().getText())).startsWith("Default vol points: must be within ±500");
        type(robot, e.rows().get(ScenarioEditor.DEFAULT_ROW).volPoints(), "0");
        type(robot, e.nameField(), fx(() -> view.list().getItems().getFirst().name()));
        assertThat(fx(() -> e.error().getText())).startsWith("Name: ").contains("already in the list");
        type(robot, e.nameField(), NAME);
        assertThat(fx(() -> e.okButton().isDisabled())).isFalse();
        assertThat(fx(() -> e.error().getText())).isEmpty();

        // Save as: refuses an existing file unless replacing; the file reads back to the same scenario
        Path file = dir.resolve("btc-crash.json");
        Files.writeString(file, "{}");
        assertThat(fx(() -> e.saveAs(file, false))).isFalse();
        assertThat(Files.readString(file)).isEqualTo("{}");
        assertThat(fx(() -> e.saveAs(file, true))).isTrue();
        assertThat(ScenarioJson.read(file)).isEqualTo(expected(NAME, -0.25));

        robot.clickOn("#scenarioOk");
        double shown = shownPnl(view, NAME);
        assertThat(shown).isEqualTo(want.pnl());
        assertThat(want.pnl()).isNotZero();
        JsonNode out = cli(file);
        assertThat(out.at("/stress/0/scenario").asText()).isEqualTo(NAME);
        assertThat(out.at("/stress/0/pnl").asDouble()).isEqualTo(shown);

        // Edit: a deeper fall changes the result to the engine's
        robot.interact(() -> view.list().getSelectionModel().clearAndSelect(view.list().getItems().size() - 1));
        robot.clickOn("#editScenarioButton");
        ScenarioEditor edit = fx(view::editor);
        assertThat(edit).isNotSameAs(e);
        assertThat(fx(() -> edit.rows().get("BTC").price().getText())).isEqualTo("-25");
        assertThat(fx(() -> edit.okButton().isDisabled())).isFalse();
        type(robot, edit.rows().get("BTC").price(), "-40");
        StressResult deeper = engine(expected(NAME, -0.40));
        waitForPreview(edit, deeper);
        robot.clickOn("#scenarioOk");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !view.service().isRunning()
                && !view.table().getItems().isEmpty() && view.table().getItems().getFirst().pnl() == deeper.pnl()));
        assertThat(shownPnl(view, NAME)).isEqualTo(deeper.pnl()).isNotEqualTo(shown);
        assertThat(fx(() -> view.list().getItems().stream().filter(s -> s.name().equals(NAME)).count())).isEqualTo(1);
    }

    @Test
    void aLibraryEpisodeDuplicatesAsItsAggregateMove(FxRobot robot) throws Exception {
        StressView view = stressTab(robot);
        StressScenario episode = fx(() -> view.list().getItems().getFirst());
        robot.interact(() -> view.list().getSelectionModel().clearAndSelect(0));
        assertThat(fx(() -> robot.lookup("#editScenarioButton").queryButton().isDisabled())).isTrue();
        robot.clickOn("#duplicateScenarioButton");
        ScenarioEditor e = fx(view::editor);
        StressScenario copy = fx(e::valid);
        assertThat(copy.name()).isEqualTo(episode.name() + " (custom)");
        assertThat(copy.shocks()).isEqualTo(episode.shocks());
        assertThat(copy.horizonDays()).isEqualTo(episode.horizonDays());
        assertThat(copy.isPath()).isFalse();
        robot.clickOn("#scenarioOk");
        assertThat(shownPnl(view, copy.name())).isEqualTo(engine(copy).pnl());
    }
}

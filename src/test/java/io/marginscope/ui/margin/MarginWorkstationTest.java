package io.marginscope.ui.margin;

import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.margin.PolicyComparison;
import io.marginscope.io.PolicyPresets;
import javafx.scene.control.TableView;
import io.marginscope.io.ScenarioLibrary;
import io.marginscope.stress.StressEngine;
import io.marginscope.stress.StressResult;
import io.marginscope.stress.StressScenario;
import io.marginscope.risk.RiskEngine;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import io.marginscope.ui.backtest.BacktestView;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.app.MarginWorkspace;
import io.marginscope.ui.policies.PoliciesView;
import io.marginscope.ui.book.PositionsTable;
import io.marginscope.ui.stress.StressView;
import io.marginscope.ui.app.WorkstationTestBase;

/**
 * The margin part of the workstation, headless (Monocle), on the default sample book: every
 * number checked is compared with the engine called directly with the same inputs.
 */
class MarginWorkstationTest extends WorkstationTestBase {

    private static final String PREFS = "io/marginscope/test-margin-" + ProcessHandle.current().pid();

    private MarginWorkspace workspace;

    @Start
    void start(Stage stage) {
        open(stage, PREFS);
    }

    @Override
    protected void opened() {
        workspace = window.marginWorkspace();
    }

    private MarginRun settled(Predicate<MarginRun> done) throws Exception {
        MarginViewModel m = workspace.margin();
        return settled(120, m::run, m.service(), m.staleProperty(), done);
    }

    private MarginResult engine(String policy) throws Exception {
        LoadedBook b = model.current();
        return new MarginCalculator(new RiskEngine()).prepare(b.book(), b.market(), null, PolicyPresets.load(policy),
                fx(() -> workspace.margin().settings())).at(b.market());
    }

    @Test
    void switchingThePolicyShowsTheEnginesMaintenanceMargin(FxRobot robot) throws Exception {
        settled(r -> r.request().book().size() == 7);
        for (String name : List.of("span", "deribit-pm", "ramm")) {
            robot.interact(() -> workspace.chooser().presets().getSelectionModel().select(name));
            MarginRun run = settled(r -> r.request().policy().name().equals(name));
            MarginResult expected = engine(name);
            assertThat(fx(() -> workspace.tiles().mmBar().getValue())).as(name)
                    .isEqualTo(expected.maintenanceMargin());
            assertThat(fx(() -> workspace.tiles().imBar().getValue())).as(name)
                    .isEqualTo(expected.initialMargin());
            assertThat(run.margin().marginRatio()).isEqualTo(expected.marginRatio());
            double shown = fx(() -> workspace.tiles().ratioGauge().getValue());
            assertThat(shown).isEqualTo(Math.min(expected.marginRatio() * 100,
                    fx(() -> workspace.tiles().ratioGauge().getMaxValue())));
            assertThat(fx(() -> workspace.tiles().stressTileNode().getValue()))
                    .isEqualTo(expected.components().stress());
        }
    }

    @Test
    void thePositionsTableShowsEachPositionsIncrementalMarginAndBaseShareOfTheEngine(FxRobot robot)
            throws Exception {
        for (String name : List.of("ramm", "span")) {
            robot.interact(() -> workspace.chooser().presets().getSelectionModel().select(name));
            MarginRun run = settled(r -> r.request().policy().name().equals(name) && r.request().book().size() == 7);
            System.out.println("margin run under " + name + " with incremental margins: " + run.elapsedMillis() + " ms");
            LoadedBook b = model.current();
            io.marginscope.analysis.PositionMargins.Result expected = io.marginscope.analysis.PositionMargins.of(
                    b.book(), b.market(), null, PolicyPresets.load(name), fx(() -> workspace.margin().settings()));
            var byId = expected.byId();
            PositionsTable table = fx(() -> window.portfolio().table());
            int rows = fx(() -> table.getItems().size());
            assertThat(rows).isEqualTo(7);
            for (int row = 0; row < rows; row++) {
                int i = row;
                String id = fx(() -> table.getItems().get(i).position().id());
                Double incr = fx(() -> (Double) column(table, "col-incr-mm").getCellData(i));
                Double share = fx(() -> (Double) column(table, "col-mm-share").getCellData(i));
                assertThat(incr).as(name + " " + id).isEqualTo(byId.get(id).incrementalMargin());
                if (name.equals("span")) {
                    assertThat(share).as("span has no base: no share").isNull();
                } else {
                    assertThat(share).as(id).isEqualTo(byId.get(id).baseMarginShare());
                }
            }
        }
    }

    private static javafx.scene.control.TableColumn<?, ?> column(TableView<?> table, String id) {
        return table.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
    }

    @Test
    void thePoliciesTabRowsAreThoseOfPolicyComparison(FxRobot robot) throws Exception {
        settled(r -> r.request().book().size() == 7);
        robot.clickOn("#policiesTab");
        PoliciesView view = workspace.policies();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> !view.service().isRunning()
                && view.table().getItems().size() == PolicyPresets.available().size()));
        WaitForAsyncUtils.waitForFxEvents();
        LoadedBook b = model.current();
        List<Policy> presets = new java.util.ArrayList<>();
        for (String n : PolicyPresets.available()) {
            presets.add(PolicyPresets.load(n));
        }
        List<PolicyComparison.Row> expected = PolicyComparison.compare(b.book(), b.market(), null, presets,
                fx(() -> workspace.margin().settings()), false);
        TableView<PolicyComparison.Row> table = view.table();
        assertThat(fx(() -> table.getItems().size())).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            int row = i;
            PolicyComparison.Row want = expected.get(i);
            assertThat(fx(() -> table.getColumns().get(0).getCellData(row))).isEqualTo(want.policy());
            assertThat(fx(() -> cell(table, "mmColumn", row))).as(want.policy())
                    .isEqualTo(Double.valueOf(want.result().maintenanceMargin()));
            assertThat(fx(() -> cell(table, "imColumn", row))).isEqualTo(Double.valueOf(want.result().initialMargin()));
            assertThat(fx(() -> cell(table, "freeColumn", row))).isEqualTo(Double.valueOf(want.result().freeMargin()));
            Double ratio = fx(() -> cell(table, "ratioColumn", row));
            assertThat(ratio).isEqualTo(Double.valueOf(want.marginRatio()));
            assertThat(fx(() -> table.getColumns().get(6).getCellData(row)))
                    .isEqualTo(PoliciesView.components(want.result()));
            // coverage: the strangle's options are not margined by the linear exchange models
            String coverage = (String) fx(() -> table.getColumns().get(1).getCellData(row));
            assertThat(coverage).as(want.policy()).isEqualTo(want.policy().equals("binance-tiered")
                    || want.policy().equals("deribit-standard") ? "partial: 4 of 7 not margined" : "all 7");
        }
        // a bar for each policy with a finite MM and IM (a partial policy has none: a NaN bar empties the axis)
        assertThat(fx(() -> view.chart().getData().getFirst().getData().size())).isEqualTo((int) expected.stream()
                .filter(r -> Double.isFinite(r.result().maintenanceMargin()) && Double.isFinite(r.result().initialMargin()))
                .count()).isEqualTo(3);
    }

    @Test
    void runningAStressScenarioFillsTheTableWithTheEnginesPnl(FxRobot robot) throws Exception {
        settled(r -> r.request().book().size() == 7);
        robot.clickOn("#stressTab");
        StressView view = workspace.stress();
        String id = ScenarioLibrary.ids().getFirst();
        StressScenario scenario = ScenarioLibrary.load(id);
        robot.interact(() -> {
            var items = view.list().getItems();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).name().equals(scenario.name())) {
                    view.list().getSelectionModel().clearAndSelect(i);
                }
            }
        });
        robot.clickOn("#runSelectedButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !view.service().isRunning()
                && view.table().getItems().size() == 1));
        WaitForAsyncUtils.waitForFxEvents();
        LoadedBook b = model.current();
        StressResult expected = StressEngine.run(b.book(), b.market(), scenario);
        TableView<StressResult> table = view.table();
        assertThat(fx(() -> table.getColumns().get(0).getCellData(0))).isEqualTo(expected.scenario());
        assertThat(fx(() -> (Double) table.getColumns().get(1).getCellData(0))).isEqualTo(expected.pnl());
        assertThat(fx(() -> (Double) table.getColumns().get(3).getCellData(0))).isEqualTo(expected.weightedPnl());

        robot.clickOn("#runAllButton");
        int all = fx(() -> view.list().getItems().size());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !view.service().isRunning()
                && view.table().getItems().size() == all));
        double[][] heat = fx(() -> view.heatmap().values());
        assertThat(heat).hasNumberOfRows(StressView.VOL_MULTIPLES.length);
        // the centre cell moves nothing: no P&L
        assertThat(heat[2][StressView.PRICE_MOVES.length / 2]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void theSpotLadderMeetsTheMarginAtTodaysSpot(FxRobot robot) throws Exception {
        MarginRun run = settled(r -> r.request().book().size() == 7);
        SpotLadderChart ladder = workspace.ladder();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> !ladder.service().isRunning()
                && !ladder.chart().getData().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
        var equity = fx(() -> List.copyOf(ladder.chart().getData().get(0).getData()));
        var mm = fx(() -> List.copyOf(ladder.chart().getData().get(1).getData()));
        assertThat(equity).hasSize(SpotLadderService.RUNGS);
        int mid = SpotLadderService.RUNGS / 2;
        assertThat(equity.get(mid).getYValue().doubleValue())
                .isCloseTo(run.margin().adjustedEquity(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(mm.get(mid).getYValue().doubleValue())
                .isCloseTo(run.margin().maintenanceMargin(), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void theBacktestTabAsksForAHistoryThenMatchesTheEngine(FxRobot robot, @TempDir Path dir) throws Exception {
        settled(r -> r.request().book().size() == 7);
        robot.clickOn("#backtestTab");
        BacktestView view = workspace.backtest();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> view.notice().getText())).contains("needs a price history");
        assertThat(fx(() -> view.chart().isVisible())).as("no chart of 1970 without a history").isFalse();

        Path file = dir.resolve("BTC-USD.daily.csv");
        StringBuilder sb = new StringBuilder("date,close\n");
        java.util.Random rng = new java.util.Random(7);
        java.time.LocalDate d = java.time.LocalDate.of(2023, 5, 1);
        double close = 29_000;
        while (!d.isAfter(java.time.LocalDate.of(2024, 11, 20))) {
            sb.append(d).append(',').append(String.format(java.util.Locale.ROOT, "%.2f", close)).append('\n');
            close *= Math.exp(0.0005 + 0.03 * rng.nextGaussian());
            d = d.plusDays(1);
        }
        Files.writeString(file, sb);
        robot.interact(() -> window.openDropped(file));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> !view.service().isRunning()
                && view.service().getValue() != null));
        WaitForAsyncUtils.waitForFxEvents();
        var shown = fx(() -> view.service().getValue());
        LoadedBook b = model.current();
        var expected = io.marginscope.backtest.RollingBacktest.run(b.book(), b.market(),
                io.marginscope.io.PriceHistoryFiles.read(file),
                io.marginscope.backtest.BacktestSettings.DEFAULTS.parameters(fx(() -> window.risk().parameters())
                        .confidence()), io.marginscope.backtest.EsSimulation.defaults(),
                io.marginscope.risk.RiskProgress.NONE);
        assertThat(shown.report().exceptions()).isEqualTo(expected.report().exceptions());
        assertThat(shown.report().kupiec().pValue()).isEqualTo(expected.report().kupiec().pValue());
        // the tab shows what 'marginscope backtest' prints for the same book, market and history
        java.io.StringWriter out = new java.io.StringWriter();
        var cl = io.marginscope.cli.MarginScopeCommand.commandLine();
        cl.setOut(new java.io.PrintWriter(out));
        assertThat(cl.execute("backtest", "--portfolio", SAMPLES.resolve("btc-short-strangle.csv").toString(),
                "--market", SAMPLES.resolve("btc-short-strangle.market.json").toString(), "--history",
                file.toString())).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(shown.report().observations()).isEqualTo(json.get("observations").asInt());
        assertThat(shown.report().exceptions()).isEqualTo(json.get("exceptions").asInt());
        assertThat(fx(() -> view.chart().isVisible())).isTrue();
        assertThat(fx(() -> ((javafx.scene.control.Label) view.lookup("#backtestSettings")).getText()))
                .contains("parametric", "250-day window");
        assertThat(fx(() -> view.chart().getData().get(0).getData().size())).isEqualTo(expected.series().size());
        assertThat(fx(() -> view.chart().getData().get(2).getData().size()))
                .isEqualTo(expected.report().exceptions());
    }

    @Test
    void presentationModeIsFullScreenWithLargeType(FxRobot robot) throws Exception {
        settled(r -> r.request().book().size() == 7);
        Stage stage = this.stage;
        Supplier<Double> comboFont = () -> {
            stage.getScene().getRoot().applyCss();
            return ((javafx.scene.control.Button) stage.getScene().lookup("#openPolicyButton")).getFont().getSize();
        };
        double normal = fx(comboFont);
        robot.interact(() -> workspace.present(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> stage.getScene().getRoot().getStyleClass())).contains("presentation");
        assertThat(fx(stage::isFullScreen)).isTrue();
        assertThat(fx(comboFont)).isEqualTo(20.0).isGreaterThan(normal);
        robot.interact(() -> workspace.present(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> stage.getScene().getRoot().getStyleClass())).doesNotContain("presentation");
        assertThat(fx(stage::isFullScreen)).isFalse();
        assertThat(fx(comboFont)).isEqualTo(normal);
    }

    private static Double cell(TableView<PolicyComparison.Row> t, String id, int row) {
        return (Double) t.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow()
                .getCellData(row);
    }

    @Test
    void aMalformedPolicyFileShowsAnErrorAndKeepsThePolicy(FxRobot robot, @TempDir Path dir) throws Exception {
        settled(r -> r.request().book().size() == 7);
        robot.interact(() -> workspace.chooser().presets().getSelectionModel().select("span"));
        MarginRun before = settled(r -> r.request().policy().name().equals("span"));
        Path bad = dir.resolve("broken.json");
        Files.writeString(bad, "{ \"name\": \"broken\", \"thresholds\": ");
        robot.interact(() -> workspace.margin().openPolicyFile(bad));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> workspace.margin().policy().name())).isEqualTo("span");
        assertThat(fx(() -> workspace.chooser().presets().getValue())).isEqualTo("span");
        List<Window> dialogs = fx(() -> Window.getWindows().stream()
                .filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof DialogPane).toList());
        assertThat(dialogs).isNotEmpty();
        DialogPane pane = (DialogPane) dialogs.getFirst().getScene().getRoot();
        assertThat(pane.getHeaderText()).contains("previous policy is kept");
        assertThat(pane.getContentText()).contains("broken.json");
        robot.interact(() -> ((Stage) dialogs.getFirst()).close());
        assertThat(fx(workspace.margin()::run)).isSameAs(before);
    }
}

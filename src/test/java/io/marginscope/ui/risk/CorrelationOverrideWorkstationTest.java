package io.marginscope.ui.risk;

import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.MarketSnapshot.AssetPair;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.NearestCorrelation;
import io.marginscope.risk.RiskEngine;
import io.marginscope.risk.RiskFactors;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskProgress;
import io.marginscope.risk.RiskResult;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import io.marginscope.ui.workbook.BookRequest;
import io.marginscope.ui.margin.MarginRun;
import io.marginscope.ui.margin.MarginViewModel;
import io.marginscope.ui.app.WorkstationTestBase;
import io.marginscope.ui.control.NumberText;

/**
 * The correlation editor on btc-eth-basis (BTC, ETH, USDC; the snapshot gives BTC-ETH 0.82):
 * an override reaches the risk run, the margin run and the heat map with exactly the figures the
 * engine gives for that correlation matrix passed directly; reset brings back the first figures;
 * a bad value is refused naming the pair; pairs that are not jointly consistent are repaired with
 * the engine's nearest correlation matrix, and the editor says so.
 */
class CorrelationOverrideWorkstationTest extends WorkstationTestBase {

    private static final String PREFS = "io/marginscope/test-corr-" + ProcessHandle.current().pid();

    private RiskViewModel risk;
    private MarginViewModel margin;

    @Start
    void start(Stage stage) {
        open(stage, PREFS, new BookRequest.Sample("btc-eth-basis.csv"));
    }

    @Override
    protected void opened() {
        risk = window.risk();
        margin = window.marginWorkspace().margin();
    }

    /** Waits until both the risk and the margin run match and nothing is pending or running. */
    private void settled(Predicate<Map<AssetPair, Double>> overrides) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> {
            RiskRun r = risk.run();
            MarginRun m = margin.run();
            return r != null && m != null && r.request().book().name().equals("btc-eth-basis")
                    && overrides.test(r.request().correlationOverrides())
                    && m.request().market().equals(r.request().market())
                    && !risk.service().isRunning() && !risk.staleProperty().get()
                    && !margin.service().isRunning() && !margin.staleProperty().get();
        }));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private CorrelationOverrideTable editor() {
        return (CorrelationOverrideTable) fx(() -> stage.getScene()
                .lookup("#correlationOverrideTable").getParent());
    }

    private CorrelationRow row(String name) {
        return fx(() -> risk.correlations().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow());
    }

    /** VaR and ES from the engine with the book's snapshot vols and this correlation matrix, passed directly. */
    private RiskResult engineWith(double[][] correlation) {
        Portfolio book = model.current().book();
        MarketSnapshot m = model.current().market();
        List<String> assets = List.copyOf(book.underlyings());
        assertThat(assets).containsExactly("BTC", "ETH", "USDC");
        double[] vols = assets.stream().mapToDouble(a -> m.asset(a).vol()).toArray();
        RiskParameters p = fx(risk::parameters);
        return new RiskEngine().compute(book, m, new RiskFactors(assets, vols, correlation, null, List.of()), p,
                RiskProgress.NONE);
    }

    private MarginResult marginWith(MarketSnapshot m) {
        return new MarginCalculator(new RiskEngine()).prepare(model.current().book(), m, null, fx(margin::policy),
                fx(margin::settings)).at(m);
    }

    private double varTile() {
        return fx(window.tiles().varTileNode()::getValue);
    }

    private double esTile() {
        return fx(window.tiles().esTileNode()::getValue);
    }

    private double mmBar() {
        return fx(() -> window.marginWorkspace().tiles().mmBar().getValue());
    }

    @Test
    void overridingBtcEthReachesRiskMarginAndTheHeatMapAndResetRestoresTheFirstFigures(FxRobot robot)
            throws Exception {
        settled(Map::isEmpty);
        double[][] snapshot = {{1, 0.82, 0}, {0.82, 1, 0}, {0, 0, 1}};
        RiskResult first = engineWith(snapshot);
        double firstVar = varTile();
        double firstEs = esTile();
        double firstMm = mmBar();
        double firstBase = fx(margin::run).margin().components().base();
        assertThat(firstVar).isEqualTo(first.var());
        assertThat(firstEs).isEqualTo(first.es());
        assertThat(fx(() -> row("BTC-ETH").baseProperty().get())).isEqualTo(0.82);
        assertThat(fx(() -> risk.correlations().stream().map(CorrelationRow::name).toList()))
                .containsExactly("BTC-ETH", "BTC-USDC", "ETH-USDC");

        CorrelationOverrideTable editor = editor();
        robot.interact(() -> editor.commit(row("BTC-ETH"), CorrelationOverrideTable.input().fromString(NumberText.current().format(0.3))));
        settled(o -> o.equals(Map.of(new AssetPair("BTC", "ETH"), 0.3)));

        double[][] overridden = {{1, 0.3, 0}, {0.3, 1, 0}, {0, 0, 1}};
        RiskResult expected = engineWith(overridden);
        assertThat(varTile()).isEqualTo(expected.var()).isNotEqualTo(firstVar);
        assertThat(esTile()).isEqualTo(expected.es());
        assertThat(fx(risk::run).result().factors().correlation()).isEqualTo(overridden);
        assertThat(fx(() -> row("BTC-ETH").usedProperty().get())).isEqualTo(0.3);
        assertThat(fx(() -> row("BTC-ETH").baseProperty().get())).isEqualTo(0.82);

        // the margin run takes the same market: its MM is the engine's with the pair given (under ramm
        // the stress component binds on this book; the base (VaR) component moves with the correlation)
        MarketSnapshot m = model.current().market().withCorrelations(Map.of(new AssetPair("BTC", "ETH"), 0.3));
        MarginResult expectedMargin = marginWith(m);
        assertThat(mmBar()).isEqualTo(expectedMargin.maintenanceMargin());
        assertThat(fx(margin::run).margin().components().base())
                .isEqualTo(expectedMargin.components().base()).isNotEqualTo(firstBase);
        assertThat(fx(margin::run).margin().marginRatio()).isEqualTo(expectedMargin.marginRatio());

        // the heat map shows the matrix of the run, the overridden pair framed
        var heat = fx(() -> window.charts().correlation());
        assertThat(fx(() -> heat.value(0, 1))).isEqualTo(0.3);
        assertThat(fx(() -> heat.value(1, 0))).isEqualTo(0.3);
        assertThat(fx(() -> heat.isMarked(0, 1) && heat.isMarked(1, 0))).isTrue();
        assertThat(fx(() -> heat.isMarked(0, 2))).isFalse();

        // a value outside [-1, 1] or not a number is refused, naming the pair; nothing changes
        int runs = fx(risk::runsStarted);
        robot.interact(() -> editor.commit(row("BTC-ETH"), CorrelationOverrideTable.input().fromString(NumberText.current().format(1.5))));
        assertThat(fx(() -> editor.error().getText())).contains("BTC-ETH").contains(NumberText.current().format(1.5)).contains("[-1, 1]");
        assertThat(fx(() -> editor.error().isVisible())).isTrue();
        robot.interact(() -> editor.commit(row("ETH-USDC"), CorrelationOverrideTable.input().fromString("abc")));
        assertThat(fx(() -> editor.error().getText())).contains("ETH-USDC").contains("not a number");
        String refused = fx(() -> {
            try {
                risk.setCorrelationOverride("BTC", "ETH", -1.01);
                return "accepted";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
        assertThat(refused).contains("BTC-ETH").contains(NumberText.current().format(-1.01));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> row("BTC-ETH").overrideProperty().get())).isEqualTo(0.3);
        assertThat(fx(() -> row("ETH-USDC").overrideProperty().get())).isNull();
        assertThat(fx(risk::runsStarted)).isEqualTo(runs);
        assertThat(fx(risk::staleProperty).get()).isFalse();

        // reset the pair: the first figures again
        robot.interact(() -> editor.table().getSelectionModel().select(row("BTC-ETH")));
        robot.interact(() -> ((javafx.scene.control.Button) editor.lookup("#resetCorrelationPairButton")).fire());
        settled(Map::isEmpty);
        assertThat(varTile()).isEqualTo(firstVar);
        assertThat(esTile()).isEqualTo(firstEs);
        assertThat(mmBar()).isEqualTo(firstMm);
        assertThat(fx(margin::run).margin().components().base()).isEqualTo(firstBase);
        assertThat(fx(() -> editor.error().getText())).isEmpty();
        assertThat(fx(() -> heat.isMarked(0, 1))).isFalse();
    }

    @Test
    void inconsistentPairsAreRepairedToTheNearestCorrelationMatrixAndResetAllClearsThem(FxRobot robot)
            throws Exception {
        settled(Map::isEmpty);
        double firstVar = varTile();
        CorrelationOverrideTable editor = editor();
        assertThat(fx(() -> editor.repair().isVisible())).isFalse();
        robot.interact(() -> {
            risk.setCorrelationOverride("BTC", "ETH", 0.95);
            risk.setCorrelationOverride("USDC", "BTC", 0.9);
            risk.setCorrelationOverride("ETH", "USDC", -0.9);
        });
        settled(o -> o.size() == 3);
        double[][] asked = {{1, 0.95, 0.9}, {0.95, 1, -0.9}, {0.9, -0.9, 1}};
        NearestCorrelation.Result fix = NearestCorrelation.repair(asked);
        assertThat(fix.changed()).isTrue();
        double[][] used = fix.matrix();
        assertThat(fx(risk::run).result().factors().correlation()).isEqualTo(used);
        assertThat(varTile()).isEqualTo(engineWith(used).var());
        assertThat(fx(() -> row("BTC-ETH").usedProperty().get())).isEqualTo(used[0][1]).isNotEqualTo(0.95);
        assertThat(fx(() -> row("BTC-USDC").usedProperty().get())).isEqualTo(used[0][2]);
        assertThat(fx(() -> row("ETH-USDC").usedProperty().get())).isEqualTo(used[1][2]);
        assertThat(fx(() -> editor.repair().isVisible())).isTrue();
        assertThat(fx(() -> editor.repair().getText())).contains("not positive semi-definite")
                .contains("nearest correlation matrix");
        assertThat(fx(() -> window.charts().correlation().value(0, 1))).isEqualTo(used[0][1]);

        robot.interact(() -> ((javafx.scene.control.Button) editor.lookup("#resetCorrelationsButton")).fire());
        settled(Map::isEmpty);
        assertThat(varTile()).isEqualTo(firstVar);
        assertThat(fx(() -> editor.repair().isVisible())).isFalse();
        assertThat(fx(() -> risk.correlations().stream().allMatch(r -> r.overrideProperty().get() == null))).isTrue();
    }

    @Test
    void aWhatIfEditKeepsTheOverrideAndAnotherBookClearsIt(FxRobot robot) throws Exception {
        settled(Map::isEmpty);
        robot.interact(() -> risk.setCorrelationOverride("BTC", "ETH", 0.5));
        settled(o -> o.size() == 1);
        Portfolio book = model.current().book();
        Portfolio smaller = new Portfolio(book.name(), book.positions().subList(0, book.positions().size() - 1));
        robot.interact(() -> model.edit("Remove usdc-coll", smaller));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> model.current().book() == smaller));
        settled(o -> o.equals(Map.of(new AssetPair("BTC", "ETH"), 0.5)));
        assertThat(fx(() -> risk.correlations().stream().map(CorrelationRow::name).toList()))
                .containsExactly("BTC-ETH");
        assertThat(fx(() -> row("BTC-ETH").overrideProperty().get())).isEqualTo(0.5);

        robot.interact(() -> model.load(new BookRequest.Sample("btc-eth-basis.csv")));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> model.current().book() != smaller
                && model.current().book().size() == 6));
        settled(Map::isEmpty);
        assertThat(fx(() -> row("BTC-ETH").overrideProperty().get())).isNull();
    }
}

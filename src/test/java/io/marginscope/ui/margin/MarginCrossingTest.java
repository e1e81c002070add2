package io.marginscope.ui.margin;

import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.risk.RiskEngine;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.app.WorkstationTestBase;

/**
 * The margin-threshold alert, driven on the sample book btc-short-strangle under the default
 * policy (ramm: warning at a margin ratio of 0.8, liquidation at 1.0). A BTC vol override raises
 * the base (VaR) component of MM: at the snapshot's 55% the ratio is about 0.34 (OK), at 140% it is
 * in the WARNING band, at 200% past liquidation (LIQUIDATION); the figures are the engine's
 * ({@code compute --policy ramm} on a snapshot with that BTC vol prints the same). Each zone
 * change between two runs fires one crossing with the policy's thresholds and shows a ControlsFX
 * notification; the session sparkline draws exactly the runs' ratios.
 */
class MarginCrossingTest extends WorkstationTestBase {

    private static final String PREFS = "io/marginscope/test-crossing-" + ProcessHandle.current().pid();

    private MarginViewModel margin;
    private final List<MarginViewModel.Crossing> crossings = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        open(stage, PREFS);
    }

    @Override
    protected void opened() {
        margin = window.marginWorkspace().margin();
        margin.lastCrossingProperty().addListener((o, was, c) -> crossings.add(c));
    }

    private MarginRun settled(Predicate<MarginRun> done) throws Exception {
        return settled(120, margin::run, margin.service(), margin.staleProperty(), done);
    }

    /** The engine's margin of the book with BTC's vol replaced (NaN: the snapshot's). */
    private MarginResult engine(double btcVol) {
        MarketSnapshot m = model.current().market();
        if (!Double.isNaN(btcVol)) {
            m = m.withAsset("BTC", m.asset("BTC").withVol(btcVol));
        }
        return new MarginCalculator(new RiskEngine()).prepare(model.current().book(), m, null, fx(margin::policy),
                fx(margin::settings)).at(m);
    }

    private void overrideBtcVol(FxRobot robot, Double vol) {
        robot.interact(() -> window.risk().assetVols().stream().filter(r -> r.asset().equals("BTC")).findFirst()
                .orElseThrow().overrideProperty().set(vol));
    }

    private static boolean btcVolIs(MarginRun r, double vol) {
        return r.request().market().asset("BTC").vol() == vol;
    }

    /** Every text shown by the windows other than the main stage (the notification popups). */
    private List<String> popupTexts() {
        return fx(() -> {
            List<String> out = new ArrayList<>();
            Window main = stage;
            for (Window w : Window.getWindows()) {
                if (w != main && w.isShowing() && w.getScene() != null) {
                    collect(w.getScene().getRoot(), out);
                }
            }
            return out;
        });
    }

    private static void collect(Node n, List<String> out) {
        if (n instanceof Labeled l && l.getText() != null) {
            out.add(l.getText());
        }
        if (n instanceof Text t && t.getText() != null) {
            out.add(t.getText());
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    private void assertCrossing(MarginViewModel.Crossing c, MarginResult.Zone from, MarginResult.Zone to,
                                MarginResult expected, Policy.Thresholds thresholds) throws Exception {
        assertThat(c.from()).isEqualTo(from);
        assertThat(c.to()).isEqualTo(to);
        assertThat(c.thresholds()).isEqualTo(thresholds);
        assertThat(c.margin().marginRatio()).isEqualTo(expected.marginRatio());
        assertThat(c.margin().zone()).isEqualTo(to);
        String ratio = Formats.ratio(expected.marginRatio());
        String line = "Margin ratio " + ratio + " under ramm: " + from + " → " + to;
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> popupTexts().stream().anyMatch(t -> t.startsWith(line)));
        assertThat(popupTexts()).anySatisfy(t -> assertThat(t).startsWith(line)
                .contains("warning at " + Formats.ratio(thresholds.warning()))
                .contains("liquidation at " + Formats.ratio(thresholds.liquidation())));
    }

    @Test
    void aVolOverrideThatMovesTheRatioAcrossEachThresholdFiresOneCrossingAndANotification(FxRobot robot)
            throws Exception {
        // the Margin tab on show, as the analyst watching the tiles has it (tabs get their content when shown)
        fx(() -> {
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) stage.getScene().lookup("#workstationTabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "marginTab".equals(t.getId()))
                    .findFirst().orElseThrow());
            return null;
        });
        MarginRun first = settled(r -> r.request().book().size() == 7);
        Policy.Thresholds thresholds = first.request().policy().thresholds();
        assertThat(first.request().policy().name()).isEqualTo("ramm");
        assertThat(thresholds.warning()).isEqualTo(0.8);
        assertThat(thresholds.liquidation()).isEqualTo(1.0);
        MarginResult ok = engine(Double.NaN);
        assertThat(first.margin().marginRatio()).isEqualTo(ok.marginRatio());
        assertThat(ok.zone()).isEqualTo(MarginResult.Zone.OK);
        assertThat(crossings).isEmpty();

        // the equity vs IM vs MM tile prints its money grouped, as the rest of the workstation
        List<String> cover = fx(() -> {
            List<String> out = new ArrayList<>();
            collect(window.marginWorkspace().tiles().coverTileNode(), out);
            return out;
        });
        assertThat(cover).contains(Formats.money(ok.adjustedEquity()), Formats.money(ok.initialMargin()),
                Formats.money(ok.maintenanceMargin()), "Free margin " + Formats.money(ok.freeMargin()));
        assertThat(Formats.money(ok.maintenanceMargin())).isEqualTo(
                new DecimalFormat("#,##0").format(Math.round(ok.maintenanceMargin())));

        // OK -> WARNING
        overrideBtcVol(robot, 1.4);
        MarginRun warning = settled(r -> btcVolIs(r, 1.4));
        MarginResult expectedWarning = engine(1.4);
        assertThat(expectedWarning.marginRatio()).isBetween(thresholds.warning(), thresholds.liquidation());
        assertThat(warning.margin().marginRatio()).isEqualTo(expectedWarning.marginRatio());
        assertThat(crossings).hasSize(1);
        assertCrossing(crossings.get(0), MarginResult.Zone.OK, MarginResult.Zone.WARNING, expectedWarning, thresholds);

        // WARNING -> LIQUIDATION
        overrideBtcVol(robot, 2.0);
        settled(r -> btcVolIs(r, 2.0));
        MarginResult expectedLiquidation = engine(2.0);
        assertThat(expectedLiquidation.marginRatio()).isGreaterThan(thresholds.liquidation());
        assertThat(crossings).hasSize(2);
        assertCrossing(crossings.get(1), MarginResult.Zone.WARNING, MarginResult.Zone.LIQUIDATION,
                expectedLiquidation, thresholds);

        // the same zone again: no crossing
        overrideBtcVol(robot, 1.9);
        settled(r -> btcVolIs(r, 1.9));
        assertThat(crossings).hasSize(2);

        // back to the snapshot's vol: LIQUIDATION -> OK
        overrideBtcVol(robot, null);
        settled(r -> btcVolIs(r, 0.55));
        assertThat(crossings).hasSize(3);
        assertCrossing(crossings.get(2), MarginResult.Zone.LIQUIDATION, MarginResult.Zone.OK, ok, thresholds);

        // the session sparkline: exactly the runs' ratios, scaled to them (not from 0)
        List<Double> shown = fx(() -> window.marginWorkspace().tiles().sparkline().values());
        assertThat(shown).containsExactly(ok.marginRatio(), expectedWarning.marginRatio(),
                expectedLiquidation.marginRatio(), engine(1.9).marginRatio(), ok.marginRatio());
        double[] range = fx(() -> window.marginWorkspace().tiles().sparkline().range());
        assertThat(range[0]).isPositive().isLessThan(ok.marginRatio());
        assertThat(range[1]).isGreaterThan(engine(2.0).marginRatio());
    }
}

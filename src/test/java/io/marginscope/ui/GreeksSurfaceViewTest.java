package io.marginscope.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.analysis.GreeksByExpiry;
import io.marginscope.analysis.GreeksByExpiry.Greeks;
import io.marginscope.analysis.GreeksByExpiry.TenorBucket;
import io.marginscope.analysis.LiquidationSurface;
import io.marginscope.cli.MarginScopeCommand;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.Portfolio;
import io.marginscope.pricing.PortfolioValuation;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Greeks and Liquidation tabs, headless, against the engine called directly and against the command
 * line run in-process on the same sample files: the ladder is {@code compute}'s greeksByExpiry (its
 * subtotals the positions' Greeks summed), the bars its vegaByTenor, the surface table {@code surface}'s rows.
 */
class GreeksSurfaceViewTest extends WorkstationTestBase {

    private static final String PREFS = "io/marginscope/test-greeks-surface-" + ProcessHandle.current().pid();

    private MarginWorkspace workspace;

    @Start
    void start(Stage stage) {
        open(stage, PREFS);
    }

    @Override
    protected void opened() {
        workspace = window.marginWorkspace();
    }

    /** Runs the command line in-process, as the command tests do, and reads its JSON. */
    static JsonNode cli(String... args) throws Exception {
        CommandLine cl = MarginScopeCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        assertThat(status).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    private static String[] files(String sample) {
        String book = SAMPLES.resolve(sample + ".csv").toString();
        String market = SAMPLES.resolve(sample + ".market.json").toString();
        return new String[] {"--portfolio", book, "--market", market};
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private LoadedBook bookOnShow(String name, int positions) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> {
            LoadedBook b = model.current();
            return b != null && b.book().name().equals(name) && b.book().size() == positions;
        }));
        WaitForAsyncUtils.waitForFxEvents();
        return fx(model::current);
    }

    private static <S> Object cell(TableView<S> t, String id, int row) {
        return t.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow().getCellData(row);
    }

    private static double number(Object cell) {
        return cell == null ? Double.NaN : (Double) cell;
    }

    /** Every line of the ladder against greeksByExpiry of this valuation, and each subtotal against the positions. */
    private void assertLadderIs(LoadedBook b) {
        PortfolioValuation v = b.valuation();
        Map<String, Map<String, Greeks>> expected = GreeksByExpiry.greeksByExpiry(v);
        TableView<GreeksView.LadderRow> t = workspace.greeks().ladder();
        int size = expected.values().stream().mapToInt(m -> m.size() + 1).sum();
        assertThat(fx(() -> t.getItems().size())).isEqualTo(size);
        int row = 0;
        for (var u : expected.entrySet()) {
            double spot = b.market().asset(u.getKey()).spot();
            for (var e : u.getValue().entrySet()) {
                int i = row++;
                Greeks g = e.getValue();
                String label = e.getKey().equals(GreeksByExpiry.NO_EXPIRY) ? GreeksView.NO_EXPIRY_LABEL
                        : e.getKey().substring(0, 10);
                assertThat(fx(() -> cell(t, "underlyingColumn", i))).isEqualTo(u.getKey());
                assertThat(fx(() -> cell(t, "expiryColumn", i))).isEqualTo(label);
                assertThat(fx(() -> number(cell(t, "deltaColumn", i)))).as(u + " " + e.getKey()).isEqualTo(g.delta());
                assertThat(fx(() -> number(cell(t, "deltaUsdColumn", i)))).isEqualTo(g.delta() * spot);
                assertThat(fx(() -> number(cell(t, "gammaColumn", i)))).isEqualTo(g.gamma());
                assertThat(fx(() -> number(cell(t, "vegaColumn", i)))).isEqualTo(g.vega());
                assertThat(fx(() -> number(cell(t, "thetaColumn", i)))).isEqualTo(g.theta());
            }
            // the subtotal: the Greeks of the underlying's positions summed (greeksByUnderlying)
            int i = row++;
            PortfolioValuation.UnderlyingGreeks want = v.byUnderlying().get(u.getKey());
            assertThat(fx(() -> cell(t, "expiryColumn", i))).isEqualTo(GreeksView.SUBTOTAL_LABEL);
            assertThat(fx(() -> t.getItems().get(i).subtotal())).isTrue();
            assertThat(fx(() -> number(cell(t, "deltaColumn", i)))).as(u.getKey() + " total")
                    .isCloseTo(want.delta(), within(1e-9 * (1 + Math.abs(want.delta()))));
            assertThat(fx(() -> number(cell(t, "deltaUsdColumn", i))))
                    .isCloseTo(want.deltaUsd(), within(1e-9 * (1 + Math.abs(want.deltaUsd()))));
            assertThat(fx(() -> number(cell(t, "gammaColumn", i))))
                    .isCloseTo(want.gamma(), within(1e-12 + 1e-9 * Math.abs(want.gamma())));
            assertThat(fx(() -> number(cell(t, "vegaColumn", i))))
                    .isCloseTo(want.vega(), within(1e-9 * (1 + Math.abs(want.vega()))));
            assertThat(fx(() -> number(cell(t, "thetaColumn", i))))
                    .isCloseTo(want.theta(), within(1e-9 * (1 + Math.abs(want.theta()))));
        }
        // the bars: vegaByTenor, one series per underlying with options, a bar per bucket
        Map<String, Map<TenorBucket, Double>> tenor = GreeksByExpiry.vegaByTenor(v, b.market().daysPerYear());
        List<XYChart.Series<String, Number>> series = fx(() -> List.copyOf(workspace.greeks().bars().getData()));
        List<String> withVega = tenor.entrySet().stream()
                .filter(e -> e.getValue().values().stream().anyMatch(x -> x != 0)).map(Map.Entry::getKey).toList();
        assertThat(series.stream().map(XYChart.Series::getName).toList()).isEqualTo(withVega);
        for (XYChart.Series<String, Number> s : series) {
            Iterator<XYChart.Data<String, Number>> bars = s.getData().iterator();
            for (var bucket : tenor.get(s.getName()).entrySet()) {
                XYChart.Data<String, Number> bar = bars.next();
                assertThat(bar.getXValue()).isEqualTo(bucket.getKey().label());
                assertThat(bar.getYValue().doubleValue()).isEqualTo(bucket.getValue());
            }
        }
    }

    @Test
    void theLadderIsComputesGreeksByExpiryAndFollowsAWhatIfEdit(FxRobot robot) throws Exception {
        LoadedBook b = bookOnShow("btc-short-strangle", 7);
        robot.clickOn("#greeksTab");
        WaitForAsyncUtils.waitForFxEvents();
        assertLadderIs(b);

        // the command line on the same files prints the same numbers
        JsonNode json = cli(concat(new String[] {"compute"}, concat(files("btc-short-strangle"), "--json", "-")));
        TableView<GreeksView.LadderRow> t = workspace.greeks().ladder();
        List<GreeksView.LadderRow> rows = fx(() -> List.copyOf(t.getItems()));
        int checked = 0;
        for (GreeksView.LadderRow r : rows) {
            if (r.subtotal()) {
                JsonNode u = json.get("greeksByUnderlying").get(r.underlying());
                assertThat(r.greeks().vega()).isCloseTo(u.get("vega").asDouble(), within(1e-9 * (1 + Math.abs(r.greeks().vega()))));
                continue;
            }
            JsonNode g = json.get("greeksByExpiry").get(r.underlying()).get(r.expiry());
            assertThat(r.greeks().delta()).as(r.underlying() + " " + r.expiry()).isEqualTo(g.get("delta").asDouble());
            assertThat(r.greeks().gamma()).isEqualTo(g.get("gamma").asDouble());
            assertThat(r.greeks().vega()).isEqualTo(g.get("vega").asDouble());
            assertThat(r.greeks().theta()).isEqualTo(g.get("theta").asDouble());
            checked++;
        }
        assertThat(checked).isEqualTo(4);
        for (XYChart.Series<String, Number> s : fx(() -> List.copyOf(workspace.greeks().bars().getData()))) {
            for (XYChart.Data<String, Number> bar : s.getData()) {
                assertThat(bar.getYValue().doubleValue())
                        .isEqualTo(json.get("vegaByTenor").get(s.getName()).get(bar.getXValue()).asDouble());
            }
        }

        // a what-if edit (close the first position) re-sums the ladder on the edited book
        Portfolio book = b.book();
        Portfolio next = new Portfolio(book.name(), book.source(), book.positions().subList(1, book.size()), book.tier());
        robot.interact(() -> model.edit("Close " + book.positions().getFirst().id(), next));
        LoadedBook edited = bookOnShow("btc-short-strangle", 6);
        WaitForAsyncUtils.waitForFxEvents();
        assertLadderIs(edited);
        robot.interact(model::undo);
        assertLadderIs(bookOnShow("btc-short-strangle", 7));
    }

    private LiquidationService.Run surfaceOf(String book, String policy) throws Exception {
        LiquidationView view = workspace.liquidation();
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(() -> {
            LiquidationService.Run r = view.shown();
            return r != null && r.request().margin().book().name().equals(book)
                    && r.request().margin().policy().name().equals(policy) && !view.service().isRunning();
        }));
        WaitForAsyncUtils.waitForFxEvents();
        return fx(view::shown);
    }

    /** The table against a direct call of the engine (every shock at once) and the command's JSON. */
    private int assertSurfaceTableIs(String sample, String policy, LiquidationService.Run run) throws Exception {
        MarginRequest m = run.request().margin();
        LiquidationSurface.Surface expected = LiquidationSurface.compute(m.book(), m.market(), m.history(),
                PolicyPresets.load(policy), m.settings(), LiquidationSurface.DEFAULT_SHOCKS, false);
        assertThat(m.policy().name()).isEqualTo(policy);
        assertThat(m.settings().scenarios()).isEqualTo(10_000);
        assertThat(m.settings().seed()).isEqualTo(42L);
        JsonNode json = cli(concat(new String[] {"surface"}, concat(files(sample), "--policy", policy)));
        TableView<LiquidationView.SurfaceRow> t = workspace.liquidation().table();
        int row = 0;
        int crossings = 0;
        assertThat(json.get("rows")).hasSize(expected.rows().size());
        for (int r = 0; r < expected.rows().size(); r++) {
            LiquidationSurface.Row want = expected.rows().get(r);
            JsonNode jr = json.get("rows").get(r);
            assertThat(jr.get("underlying").asText()).isEqualTo(want.underlying());
            for (int j = 0; j < want.cells().size(); j++) {
                int i = row++;
                LiquidationSurface.Cell c = want.cells().get(j);
                JsonNode jc = jr.get("cells").get(j);
                String what = sample + " " + want.underlying() + " " + c.volShock();
                assertThat(fx(() -> cell(t, "surfaceUnderlyingColumn", i))).isEqualTo(want.underlying());
                assertThat(fx(() -> number(cell(t, "volShockColumn", i)))).isEqualTo(c.volShock())
                        .isEqualTo(jc.get("volShock").asDouble());
                assertThat(fx(() -> number(cell(t, "excessColumn", i)))).as(what).isEqualTo(c.excessAtSpot())
                        .isEqualTo(jc.get("excessAtSpot").asDouble());
                assertThat(fx(() -> t.getItems().get(i).cell().breached())).isEqualTo(c.breached())
                        .isEqualTo(jc.get("breached").asBoolean());
                for (String side : new String[] {"down", "up"}) {
                    LiquidationSurface.Crossing x = side.equals("down") ? c.down() : c.up();
                    Object pct = fx(() -> cell(t, side + "MoveColumn", i));
                    Object price = fx(() -> cell(t, side + "PriceColumn", i));
                    if (x == null) {
                        assertThat(jc.get(side).isNull()).as(what + " " + side).isTrue();
                        assertThat(pct).as(what + " " + side).isNull();
                        assertThat(price).isNull();
                        continue;
                    }
                    crossings++;
                    assertThat((Double) pct).as(what + " " + side).isEqualTo(x.move() * 100)
                            .isEqualTo(jc.get(side).get("movePct").asDouble());
                    if (want.underlying().equals(LiquidationSurface.ALL)) {
                        assertThat(price).isNull();
                        assertThat(jc.get(side).has("price")).isFalse();
                    } else {
                        assertThat((Double) price).isEqualTo(x.price()).isEqualTo(jc.get(side).get("price").asDouble());
                    }
                }
            }
        }
        assertThat(fx(() -> t.getItems().size())).isEqualTo(row);
        // the chart: for each row a down and an up series, the ALL row's first, its points the table's moves
        List<XYChart.Series<Number, Number>> series = fx(() -> List.copyOf(workspace.liquidation().chart().getData()));
        assertThat(series).hasSize(2 * expected.rows().size());
        assertThat(series.getFirst().getName()).isEqualTo("ALL down");
        LiquidationSurface.Row all = expected.rows().getLast();
        List<Double> allUp = new ArrayList<>();
        for (LiquidationSurface.Cell c : all.cells()) {
            if (c.up() != null) {
                allUp.add(c.up().move() * 100);
            }
        }
        assertThat(series.get(1).getData().stream().map(d -> d.getYValue().doubleValue()).toList()).isEqualTo(allUp);
        assertThat(fx(() -> workspace.liquidation().chartNote().isVisible())).isEqualTo(crossings == 0);
        return crossings;
    }

    @Test
    void theSurfaceTableIsTheEnginesAndTheCommandsOnTwoSamples(FxRobot robot) throws Exception {
        bookOnShow("btc-short-strangle", 7);
        robot.clickOn("#liquidationTab");
        assertThat(assertSurfaceTableIs("btc-short-strangle", "ramm", surfaceOf("btc-short-strangle", "ramm")))
                .isEqualTo(20);
        // the strangle at today's vols: the command's documented numbers (docs/cli.md)
        LiquidationService.Run run = fx(workspace.liquidation()::shown);
        LiquidationSurface.Cell atZero = run.surface().rows().getFirst().cells().get(1);
        assertThat(atZero.down().price()).isCloseTo(56_215.19, within(0.01));
        assertThat(atZero.up().price()).isCloseTo(142_171.64, within(0.01));

        // another book: the tab on show recomputes once the margin of the new book is in; under ramm the
        // leveraged book is breached at today's spot whatever the vols
        robot.interact(() -> model.load(new BookRequest.Sample("eth-perp-leveraged.csv")));
        assertThat(assertSurfaceTableIs("eth-perp-leveraged", "ramm", surfaceOf("eth-perp-leveraged", "ramm")))
                .isZero();
        assertThat(fx(() -> workspace.liquidation().chartNote().getText())).contains("Breached");
        // another policy: recomputed under it, with crossings down
        robot.interact(() -> workspace.chooser().presets().getSelectionModel().select("deribit-pm"));
        assertThat(assertSurfaceTableIs("eth-perp-leveraged", "deribit-pm",
                surfaceOf("eth-perp-leveraged", "deribit-pm"))).isEqualTo(15);
    }

    @Test
    void aBadVolShockIsNamedAndTheSurfaceOnShowKept(FxRobot robot) throws Exception {
        bookOnShow("btc-short-strangle", 7);
        robot.clickOn("#liquidationTab");
        LiquidationService.Run before = surfaceOf("btc-short-strangle", "ramm");
        LiquidationView view = workspace.liquidation();
        int rows = fx(() -> view.table().getItems().size());
        for (String bad : new String[] {"abc", "-1.5", "0.2x"}) {
            robot.interact(() -> {
                view.shocksField().setText("-0.3, " + bad + ", 0.5");
                view.shocksField().fireEvent(new javafx.event.ActionEvent());
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(fx(() -> view.error().isVisible())).isTrue();
            assertThat(fx(() -> view.error().getText())).as(bad).contains("Vol shocks").contains("'" + bad + "'");
            assertThat(fx(() -> view.shocksField().getStyleClass())).contains("field-error");
            assertThat(fx(view.service()::isRunning)).isFalse();
            assertThat(fx(view::shown)).isSameAs(before);
            assertThat(fx(view::shocks)).containsExactly(-0.3, 0.0, 0.3, 0.6, 1.0);
            assertThat(fx(() -> view.table().getItems().size())).isEqualTo(rows);
        }
        // a good list clears the error and recomputes with it; "together" keeps only the ALL row
        robot.interact(() -> {
            view.shocksField().setText("0, 50%");
            view.together().setSelected(true);
            view.apply();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> view.shown() != before
                && !view.service().isRunning()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> view.error().isVisible())).isFalse();
        assertThat(fx(() -> view.shocksField().getStyleClass())).doesNotContain("field-error");
        LiquidationService.Run after = fx(view::shown);
        assertThat(after.surface().volShocks()).containsExactly(0.0, 0.5);
        assertThat(after.surface().rows()).hasSize(1);
        JsonNode json = cli(concat(new String[] {"surface"}, concat(files("btc-short-strangle"), "--vol-shocks", "0,0.5",
                "--together")));
        JsonNode jc = json.get("rows").get(0).get("cells").get(1);
        assertThat(fx(() -> number(cell(view.table(), "downMoveColumn", 1))))
                .isEqualTo(jc.get("down").get("movePct").asDouble());
        assertThat(fx(() -> number(cell(view.table(), "upMoveColumn", 1))))
                .isEqualTo(jc.get("up").get("movePct").asDouble());
    }
}

package io.marginscope.analysis;

import io.marginscope.analysis.LiquidationSurface.Cell;
import io.marginscope.analysis.LiquidationSurface.Crossing;
import io.marginscope.analysis.LiquidationSurface.Row;
import io.marginscope.analysis.LiquidationSurface.Surface;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.LiquidationSolver;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.MarketSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LiquidationSurfaceTest {

    static final MarginCalculator.Settings FAST = new MarginCalculator.Settings(2_000, 42L);

    /** At every move reported, a fresh margin run on the shifted snapshot puts MM at the adjusted equity. */
    @Test
    void everyReportedMoveIsARootOfAFreshRecomputation() throws Exception {
        int checked = 0;
        for (String book : new String[] {"btc-short-strangle.csv", "btc-eth-basis.csv"}) {
            Samples.Sample s = Samples.load(book);
            Policy ramm = PolicyPresets.load("ramm");
            Surface surface = LiquidationSurface.compute(s.book(), s.market(), null, ramm, FAST,
                    LiquidationSurface.DEFAULT_SHOCKS, false);
            assertThat(surface.rows().get(surface.rows().size() - 1).underlying()).isEqualTo("ALL");
            for (Row r : surface.rows()) {
                assertThat(r.cells()).hasSize(5);
                List<String> moved = r.underlying().equals("ALL") ? surface.moved() : List.of(r.underlying());
                for (Cell c : r.cells()) {
                    MarketSnapshot shocked = LiquidationSurface.shockVols(s.market(), c.volShock());
                    for (Crossing x : new Crossing[] {c.down(), c.up()}) {
                        if (x == null) {
                            continue;
                        }
                        MarketSnapshot at = LiquidationSurface.moved(shocked, moved, x.move());
                        MarginResult fresh = new MarginCalculator().prepare(s.book(), at, null, ramm, FAST).at(at);
                        assertThat(fresh.maintenanceMargin()).as(book + " " + r.underlying() + " " + c.volShock())
                                .isCloseTo(fresh.adjustedEquity(), within(1e-6 * fresh.maintenanceMargin()));
                        assertThat(fresh.maintenanceMargin()).isCloseTo(x.maintenanceMargin(),
                                within(1e-9 * fresh.maintenanceMargin()));
                        if (!r.underlying().equals("ALL")) {
                            assertThat(x.price()).isCloseTo(s.market().asset(r.underlying()).spot() * (1 + x.move()),
                                    within(1e-6));
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void theZeroShockMatchesTheLiquidationPrice() throws Exception {
        Samples.Sample s = Samples.load("btc-short-strangle.csv");
        Policy ramm = PolicyPresets.load("ramm");
        Surface surface = LiquidationSurface.compute(s.book(), s.market(), null, ramm, FAST, new double[] {0}, false);
        Cell btc = surface.rows().get(0).cells().get(0);
        LiquidationPrice lp = LiquidationPrice.solve(new MarginCalculator().prepare(s.book(), s.market(), null, ramm,
                FAST), s.market(), "BTC");
        // one solver: the liquidation price is the zero-shock cell's nearest crossing, bit for bit
        double nearest = Math.abs(btc.down().move()) <= btc.up().move() ? btc.down().price() : btc.up().price();
        assertThat(lp.price()).isEqualTo(nearest);
        assertThat(lp.distancePct()).isEqualTo(100 * (nearest == btc.down().price() ? btc.down().move()
                : btc.up().move()));
        // one moved underlying: the ALL row is its row without prices
        Cell all = surface.rows().get(1).cells().get(0);
        assertThat(all.down().move()).isEqualTo(btc.down().move());
        assertThat(all.down().price()).isNaN();
    }

    @Test
    void higherVolsBringLiquidationCloserForAShortVolBook() throws Exception {
        Samples.Sample s = Samples.load("btc-short-strangle.csv");
        Surface surface = LiquidationSurface.compute(s.book(), s.market(), null, PolicyPresets.load("ramm"), FAST,
                new double[] {0, 1.0}, true);
        assertThat(surface.rows()).hasSize(1);
        List<Cell> cells = surface.rows().get(0).cells();
        assertThat(-cells.get(1).down().move()).isLessThan(-cells.get(0).down().move());
        assertThat(cells.get(1).up().move()).isLessThan(cells.get(0).up().move());
    }

    @Test
    void aBreachedBookHasNoCrossings() throws Exception {
        Samples.Sample s = Samples.load("eth-perp-leveraged.csv");
        Surface surface = LiquidationSurface.compute(s.book(), s.market(), null, PolicyPresets.load("ramm"), FAST,
                new double[] {0}, false);
        for (Row r : surface.rows()) {
            Cell c = r.cells().get(0);
            assertThat(c.breached()).isTrue();
            assertThat(c.excessAtSpot()).isNegative();
            assertThat(c.down()).isNull();
            assertThat(c.up()).isNull();
        }
    }

    @Test
    void theWalkFindsTheFirstCrossingNotAnyCrossing() {
        // f > 0 at 0, negative on (0.1, 0.2), positive again on (0.2, 0.5), negative beyond 0.5
        java.util.function.DoubleUnaryOperator f = x -> (x - 0.1) * (x - 0.2) * (x - 0.5) * -1;
        double root = LiquidationSolver.crossing(f, f.applyAsDouble(0), false);
        assertThat(root).isCloseTo(0.1, within(LiquidationSolver.MOVE_ACCURACY));
        // a bisection between 0 and the last point would have found 0.5 (or 0.1 or 0.2 at random)
        assertThat(LiquidationSolver.crossing(x -> 1 + x, 1, false)).isNaN();
        // down: f(x) = x + 0.37 crosses at -0.37, between the ladder's -0.35 and -0.4
        assertThat(LiquidationSolver.crossing(x -> x + 0.37, 0.37, true)).isCloseTo(-0.37,
                within(LiquidationSolver.MOVE_ACCURACY));
    }
}

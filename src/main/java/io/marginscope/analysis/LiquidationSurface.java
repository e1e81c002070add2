package io.marginscope.analysis;

import io.marginscope.model.Loaded;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.LiquidationSolver;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Liquidation surface (docs/methodology.md, "Beyond the exchanges' tools"): for each underlying (the
 * others fixed), and for all of them moved together ({@link #ALL}), and for each relative vol shock k
 * (every asset vol and every implied vol times 1 + k), the smallest down and up relative moves of spot
 * at which the maintenance margin reaches the adjusted equity. Each shock is its own prepared margin
 * (the risk factors see the shocked vols), all on one scenario set (a vol shock only rescales it). Each side is
 * found by {@link LiquidationSolver}, the search of the liquidation price: a walk of relative moves outward
 * from today's spot to the first sign change of adjusted equity - MM (no monotonicity assumed), refined by
 * Brent's method to about 1e-10 of the spot. So the zero-shock cell of an underlying's row holds its
 * liquidation price exactly. A cell already at or below MM at today's spot is breached and has no
 * crossings.
 */
public final class LiquidationSurface {

    /** The row of all underlyings moved together. */
    public static final String ALL = "ALL";

    /** The default vol shocks of the command. */
    public static final double[] DEFAULT_SHOCKS = {-0.3, 0, 0.3, 0.6, 1.0};

    /**
     * Where adjusted equity meets MM.
     *
     * @param move              relative spot move (-0.25 = 25% down)
     * @param price             the moved underlying's spot there, NaN on the ALL row
     * @param maintenanceMargin MM there, USD
     * @param adjustedEquity    adjusted equity there, USD
     */
    public record Crossing(double move, double price, double maintenanceMargin, double adjustedEquity) {
    }

    /**
     * One vol shock of one row.
     *
     * @param volShock       k: vols times 1 + k
     * @param excessAtSpot   adjusted equity - MM at today's spots under the shock, USD
     * @param breached       excessAtSpot <= 0: no crossings are searched
     * @param down           the nearest crossing below today's spot, null when none down to -99%
     * @param up             the nearest crossing above, null when none up to +900%
     */
    public record Cell(double volShock, double excessAtSpot, boolean breached, Crossing down, Crossing up) {
    }

    /** An underlying's row (spot NaN on the ALL row) with one cell per vol shock, in the order given. */
    public record Row(String underlying, double spot, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * @param volShocks    as given
     * @param moved        the underlyings moved (those with a non-zero vol)
     * @param rows         per underlying, then {@link #ALL}
     * @param evaluations  margin evaluations made
     * @param elapsedNanos wall time, set by the caller that timed the call ({@link #withElapsedNanos}); the
     *                     engine reads no clock and leaves 0
     */
    public record Surface(List<Double> volShocks, List<String> moved, List<Row> rows, int evaluations,
                          long elapsedNanos) {
        public Surface {
            volShocks = List.copyOf(volShocks);
            moved = List.copyOf(moved);
            rows = List.copyOf(rows);
        }

        /** The same surface with the wall time its caller measured. */
        public Surface withElapsedNanos(long nanos) {
            return new Surface(volShocks, moved, rows, evaluations, nanos);
        }
    }

    private LiquidationSurface() {
    }

    /**
     * @param volShocks    relative vol shocks, each above -1
     * @param togetherOnly only the {@link #ALL} row
     */
    public static Surface compute(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history, Policy policy,
                                  MarginCalculator.Settings settings, double[] volShocks, boolean togetherOnly) {
        for (double k : volShocks) {
            if (!(k > -1) || !Double.isFinite(k)) {
                throw new IllegalArgumentException("a vol shock must be above -1 (vols times 1 + shock), got " + k);
            }
        }
        List<String> moved = book.underlyings().stream().filter(u -> market.asset(u).vol() > 0).toList();
        List<String> rowNames = new ArrayList<>();
        if (!togetherOnly) {
            rowNames.addAll(moved);
        }
        rowNames.add(ALL);
        MarketSnapshot[] shocked = new MarketSnapshot[volShocks.length];
        MarginCalculator.Prepared[] prepared = new MarginCalculator.Prepared[volShocks.length];
        // one engine: a vol shock leaves the unit scenarios (correlations, count, seed) as they are
        MarginCalculator calculator = new MarginCalculator(new RiskEngine());
        for (int j = 0; j < volShocks.length; j++) {
            shocked[j] = shockVols(market, volShocks[j]);
            prepared[j] = calculator.prepare(book, shocked[j], history, policy, settings);
        }
        AtomicInteger evaluations = new AtomicInteger();
        int cells = rowNames.size() * volShocks.length;
        Cell[] out = new Cell[cells];
        // one underlying moved alone is the ALL row: computed once
        boolean allIsOne = moved.size() == 1 && !togetherOnly;
        IntStream.range(0, cells).parallel().forEach(c -> {
            int r = c / volShocks.length;
            int j = c % volShocks.length;
            String row = rowNames.get(r);
            if (allIsOne && row.equals(ALL)) {
                return;
            }
            List<String> assets = row.equals(ALL) ? moved : List.of(row);
            out[c] = cell(prepared[j], shocked[j], assets, row.equals(ALL) ? null : row, volShocks[j], evaluations);
        });
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < rowNames.size(); r++) {
            String name = rowNames.get(r);
            List<Cell> list = new ArrayList<>();
            for (int j = 0; j < volShocks.length; j++) {
                Cell cell = out[r * volShocks.length + j];
                if (cell == null) { // the ALL row of a single moved underlying: its row without prices
                    Cell one = out[j];
                    cell = new Cell(one.volShock(), one.excessAtSpot(), one.breached(), withoutPrice(one.down()),
                            withoutPrice(one.up()));
                }
                list.add(cell);
            }
            rows.add(new Row(name, name.equals(ALL) ? Double.NaN : market.asset(name).spot(), list));
        }
        List<Double> shocks = new ArrayList<>();
        for (double k : volShocks) {
            shocks.add(k);
        }
        return new Surface(shocks, moved, rows, evaluations.get(), 0);
    }

    private static Crossing withoutPrice(Crossing c) {
        return c == null ? null : new Crossing(c.move(), Double.NaN, c.maintenanceMargin(), c.adjustedEquity());
    }

    /** Every asset's vol and every implied vol times 1 + k. */
    public static MarketSnapshot shockVols(MarketSnapshot market, double k) {
        if (k == 0) {
            return market;
        }
        MarketSnapshot out = market;
        for (String a : market.assets().keySet()) {
            out = out.withVols(a, v -> v * (1 + k), (v, t) -> v * (1 + k));
        }
        return out;
    }

    /** The snapshot with the given underlyings' spots times 1 + move. */
    public static MarketSnapshot moved(MarketSnapshot market, List<String> assets, double move) {
        MarketSnapshot out = market;
        for (String a : assets) {
            out = out.withAsset(a, out.asset(a).withSpot(LiquidationPrice.at(market.asset(a).spot(), move)));
        }
        return out;
    }

    private static Cell cell(MarginCalculator.Prepared p, MarketSnapshot m, List<String> assets, String priced,
                             double shock, AtomicInteger evaluations) {
        MarginResult atSpot = p.at(m);
        evaluations.incrementAndGet();
        double g0 = atSpot.excessOverMaintenance();
        if (g0 <= 0) {
            return new Cell(shock, g0, true, null, null);
        }
        java.util.function.DoubleUnaryOperator excess = x -> {
            evaluations.incrementAndGet();
            return p.at(moved(m, assets, x)).excessOverMaintenance();
        };
        Crossing[] sides = new Crossing[2];
        for (int s = 0; s < 2; s++) {
            double x = LiquidationSolver.crossing(excess, g0, s == 0);
            if (!Double.isNaN(x)) {
                MarginResult r = p.at(moved(m, assets, x));
                evaluations.incrementAndGet();
                sides[s] = new Crossing(x, priced == null ? Double.NaN : LiquidationPrice.at(m.asset(priced).spot(), x),
                        r.maintenanceMargin(), r.adjustedEquity());
            }
        }
        return new Cell(shock, g0, false, sides[0], sides[1]);
    }
}

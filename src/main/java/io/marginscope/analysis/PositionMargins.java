package io.marginscope.analysis;

import io.marginscope.model.Loaded;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.risk.PositionRisk;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskEngine;
import io.marginscope.risk.RiskResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Each position's part of a book's maintenance margin under a policy:
 * <ul>
 * <li>{@code incrementalMargin} = MM(book) - MM(book without the position), USD, each side evaluated as
 * {@link MarginCalculator} does for a book (same policy, market, history and Monte Carlo settings). Removing
 * a collateral row can raise the margin ratio; the figure is MM itself. n + 1 margin evaluations: above
 * {@value #MAX_INCREMENTAL} positions they are skipped (NaN) with a warning.</li>
 * <li>{@code baseMarginShare} = the position's Euler component of the policy's base measure (component ES
 * when the base measure is ES, component VaR for VaR) / that measure: the shares add up to 1. NaN when the
 * policy has no base block or the measure is not positive.</li>
 * </ul>
 */
public final class PositionMargins {

    /** Above this many positions the incremental margins are not computed. */
    public static final int MAX_INCREMENTAL = 500;

    /**
     * @param id                the position id
     * @param incrementalMargin MM(book) - MM(book without it), USD (NaN when skipped)
     * @param baseMarginShare   its Euler share of the base risk measure, a fraction (NaN without a base)
     */
    public record PositionMargin(String id, double incrementalMargin, double baseMarginShare) {
    }

    /**
     * @param maintenanceMargin MM of the whole book, USD
     * @param positions         in book order
     * @param warnings          e.g. incremental margins skipped for a large book
     */
    public record Result(double maintenanceMargin, List<PositionMargin> positions, List<String> warnings) {

        public Result {
            positions = List.copyOf(positions);
            warnings = List.copyOf(warnings);
        }

        /** By position id. */
        public Map<String, PositionMargin> byId() {
            Map<String, PositionMargin> out = new LinkedHashMap<>();
            positions.forEach(p -> out.put(p.id(), p));
            return out;
        }
    }

    private PositionMargins() {
    }

    /** Prepares and evaluates the book under the policy with a calculator of its own, then each position. */
    public static Result of(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history, Policy policy,
                            MarginCalculator.Settings settings) {
        MarginCalculator calculator = new MarginCalculator(new RiskEngine());
        MarginCalculator.Prepared prepared = calculator.prepare(book, market, history, policy, settings);
        return of(calculator, prepared, prepared.evaluated(market), market, history, settings, () -> false);
    }

    /**
     * From a book already prepared and evaluated (with attribution) by {@code calculator}.
     *
     * @param cancelled polled between positions
     * @throws CancellationException when {@code cancelled} turns true
     */
    public static Result of(MarginCalculator calculator, MarginCalculator.Prepared prepared,
                            MarginCalculator.Evaluated full, MarketSnapshot market, Loaded<PriceHistory> history,
                            MarginCalculator.Settings settings, BooleanSupplier cancelled) {
        Portfolio book = prepared.book();
        Policy policy = prepared.policy();
        List<Position> positions = book.positions();
        double mm = full.margin().maintenanceMargin();
        List<String> warnings = new ArrayList<>();
        boolean incremental = positions.size() <= MAX_INCREMENTAL;
        if (!incremental) {
            warnings.add("incremental margin not computed: the book has " + positions.size()
                    + " positions (more than " + MAX_INCREMENTAL + "; it takes one margin evaluation per position)");
        }
        double[] shares = shares(policy, full.risk(), positions.size());
        List<PositionMargin> out = new ArrayList<>();
        for (int i = 0; i < positions.size(); i++) {
            double incr = Double.NaN;
            if (incremental) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("incremental margin cancelled");
                }
                List<Position> rest = new ArrayList<>(positions);
                rest.remove(i);
                incr = mm - marginOf(calculator, book.withPositions(rest), market, history, policy, settings);
            }
            out.add(new PositionMargin(positions.get(i).id(), incr, shares[i]));
        }
        return new Result(mm, out, warnings);
    }

    /** MM of a book evaluated directly; 0 for a book with no positions. */
    public static double marginOf(MarginCalculator calculator, Portfolio book, MarketSnapshot market,
                                  Loaded<PriceHistory> history, Policy policy, MarginCalculator.Settings settings) {
        if (book.size() == 0) {
            return 0;
        }
        return calculator.prepare(book, market, history, policy, settings).at(market).maintenanceMargin();
    }

    private static double[] shares(Policy policy, RiskResult risk, int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, Double.NaN);
        if (policy.base() == null || risk == null || risk.positions().size() != n) {
            return out;
        }
        boolean es = policy.base().measure() == Policy.Measure.ES;
        double measure = es ? risk.es() : risk.var();
        if (!(measure > 0) || !Double.isFinite(measure)) {
            return out;
        }
        for (int i = 0; i < n; i++) {
            PositionRisk r = risk.positions().get(i);
            out[i] = (es ? r.componentEs() : r.componentVar()) / measure;
        }
        return out;
    }
}

package io.marginscope.margin.exchange;

import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.pricing.PositionPricer;
import io.marginscope.pricing.PositionValuation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Preset {@code binance-tiered}: Binance USDⓈ-M maintenance margin, position by position.
 *
 * <p>Entry point: {@link #compute(Portfolio, MarketSnapshot, Map)}. For each LINEAR PERP or FUTURE
 * position of an underlying with a bracket table,
 * <pre>  N = |quantity| * mark,   MM = N * MMR_n - amount_n   (bracket n holds N)</pre>
 * with the mark the snapshot's spot for a perpetual and the model forward for a future
 * (docs/methodology.md section 2). Components are keyed by position id. Initial margin is
 * notional / the leverage the trader chose, which a book does not record: {@code initialUsd} is NaN.
 * Not covered, reported in {@code errors}: INVERSE positions (Binance COIN-M uses other tables),
 * options, underlyings without a table and notionals above a table's last bracket. SPOT rows are
 * collateral and carry no margin.
 */
public final class BinanceTieredMargin {

    public static final String PRESET = "binance-tiered";

    private BinanceTieredMargin() {
    }

    /**
     * @param book     the positions
     * @param market   spot, rates and vols (marks)
     * @param brackets bracket table per underlying (e.g. {@link BinanceBrackets#byUnderlying()})
     */
    public static MarginBreakdown compute(Portfolio book, MarketSnapshot market, Map<String, Brackets> brackets) {
        Map<String, Double> components = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        double total = 0.0;
        for (Position p : book.positions()) {
            if (p.type() == InstrumentType.SPOT) {
                continue;
            }
            if (p.type().isOption()) {
                errors.add(p.id() + ": options are not covered by " + PRESET);
                continue;
            }
            if (p.instrument().settlement() != Settlement.LINEAR) {
                errors.add(p.id() + ": INVERSE (COIN-M) contracts are not covered by " + PRESET);
                continue;
            }
            Brackets table = brackets.get(p.underlying());
            if (table == null) {
                errors.add(p.id() + ": no bracket table for " + p.underlying());
                continue;
            }
            PositionValuation v = PositionPricer.value(p, market);
            if (!v.ok()) {
                errors.add(p.id() + ": " + v.error());
                continue;
            }
            double notional = Math.abs(p.quantity()) * v.price();
            if (!table.covers(notional)) {
                errors.add(p.id() + ": notional " + notional + " USD is above the last bracket of the "
                        + p.underlying() + " table (" + table.cap() + ")");
                continue;
            }
            double mm = table.maintenance(notional);
            components.put(p.id(), mm);
            total += mm;
        }
        warnings.add("initial margin is notional / the leverage chosen per position; not computed (NaN)");
        return new MarginBreakdown(PRESET, total, Double.NaN, components, warnings, errors);
    }
}

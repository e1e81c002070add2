package io.marginscope.analysis;

import io.marginscope.model.Loaded;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.PriceHistory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a trade does to a book's margin: the book before and after the trade (netted by
 * {@link TradeNetting}) on the same market under the same policy, each evaluated as
 * {@code compute --policy} would, and the difference. The marginal margin is MM(after) - MM(before):
 * negative for a hedge.
 */
public final class WhatIf {

    /** Liquidation price and distance after - before; NaN when either side has none. */
    public record LiquidationChange(double price, double distancePct) {
    }

    /** after - before of every figure (margin ratio NaN when either side has none). */
    public record Change(double equity, double adjustedEquity, double var, double es, double maintenanceMargin,
                         double initialMargin, double marginRatio, double freeMargin,
                         Map<String, LiquidationChange> liquidation,
                         Map<String, Map<String, GreeksByExpiry.Greeks>> greeksByExpiry) {
    }

    /**
     * @param netting the book after the trade and what each trade row did
     * @param before  the book as it is
     * @param after   the book with the trade
     */
    public record Result(TradeNetting.Result netting, BookFigures before, BookFigures after) {

        /** MM(after) - MM(before), USD. */
        public double marginalMargin() {
            return after.maintenanceMargin() - before.maintenanceMargin();
        }

        public Change change() {
            var b = before.margin();
            var a = after.margin();
            Map<String, LiquidationChange> liq = new LinkedHashMap<>();
            for (String u : GreeksByExpiry.union(before.liquidation().keySet(), after.liquidation().keySet())) {
                LiquidationPrice lb = before.liquidation().get(u);
                LiquidationPrice la = after.liquidation().get(u);
                boolean both = lb != null && la != null && lb.exists() && la.exists();
                liq.put(u, both ? new LiquidationChange(la.price() - lb.price(), la.distancePct() - lb.distancePct())
                        : new LiquidationChange(Double.NaN, Double.NaN));
            }
            return new Change(a.equity() - b.equity(), a.adjustedEquity() - b.adjustedEquity(),
                    after.var() - before.var(), after.es() - before.es(), marginalMargin(),
                    a.initialMargin() - b.initialMargin(), a.marginRatio() - b.marginRatio(),
                    a.freeMargin() - b.freeMargin(), liq,
                    GreeksByExpiry.change(before.greeksByExpiry(), after.greeksByExpiry()));
        }
    }

    private WhatIf() {
    }

    /**
     * @throws IllegalArgumentException when the policy cannot apply (its base needs a missing history), or a
     *                                  traded underlying is not in the snapshot
     */
    public static Result run(Portfolio book, Portfolio trade, MarketSnapshot market, Loaded<PriceHistory> history,
                             Policy policy, MarginCalculator.Settings settings) {
        for (String u : trade.underlyings()) {
            if (!market.has(u)) {
                throw new IllegalArgumentException("the trade holds " + u + ", which the snapshot lacks");
            }
        }
        TradeNetting.Result netted = TradeNetting.apply(book, trade);
        if (!market.has(TradeNetting.CASH) && netted.book().underlyings().contains(TradeNetting.CASH)
                && !book.underlyings().contains(TradeNetting.CASH)) {
            throw new IllegalArgumentException("the trade closes a position whose P&L is settled in "
                    + TradeNetting.CASH + ", which the snapshot lacks");
        }
        BookFigures before = BookFigures.of(book, market, history, policy, settings);
        BookFigures after = BookFigures.of(netted.book(), market, history, policy, settings);
        return new Result(netted, before, after);
    }
}

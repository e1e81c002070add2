package io.marginscope.margin;

import io.marginscope.model.InstrumentType;
import io.marginscope.model.Position;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.pricing.PositionValuation;
import io.marginscope.risk.TailMeasure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wrong-way collateral (FORMATS.md section 6, {@code counterparty.wrongWay}): each collateral asset's
 * haircut measured in the book's tail. The tail is the k = ceil(n (1 - c)) scenarios where the
 * positions' loss (every row but the collateral: positive SPOT balances) is at or beyond its VaR at
 * confidence c, the ES tail of the positions alone. An asset's tail haircut is its average loss over
 * those scenarios as a fraction of its value (negative when it gains there); the add-on is
 * value * max(0, tail haircut - ordinary haircut), the total haircut capped at 1.
 */
final class WrongWay {

    private WrongWay() {
    }

    static boolean isCollateral(Position p) {
        return p.type() == InstrumentType.SPOT && p.quantity() > 0;
    }

    /**
     * @param pnl [position][scenario] over the horizon, in book order
     * @return per collateral asset, its mean P&L (USD) over the positions' tail scenarios; empty when the
     *         book has no collateral or its positions' P&L is zero in every scenario
     */
    static Map<String, Double> tailPnl(List<Position> positions, double[][] pnl, double confidence) {
        int n = positions.size();
        int m = n == 0 ? 0 : pnl[0].length;
        double[] book = new double[m];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            if (isCollateral(positions.get(i))) {
                continue;
            }
            for (int s = 0; s < m; s++) {
                book[s] += pnl[i][s];
                any |= pnl[i][s] != 0;
            }
        }
        if (!any || m == 0) {
            return Map.of();
        }
        TailMeasure tail = TailMeasure.of(book, confidence);
        Map<String, Double> tailPnl = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Position p = positions.get(i);
            if (!isCollateral(p)) {
                continue;
            }
            double sum = 0;
            for (int j = 0; j < tail.k(); j++) {
                sum += pnl[i][tail.order()[j]];
            }
            tailPnl.merge(p.underlying(), sum / tail.k(), Double::sum);
        }
        return tailPnl;
    }

    /** The collateral value per asset (positive SPOT balances) at this valuation. */
    static Map<String, Double> collateralValues(PortfolioValuation valuation) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (PositionValuation v : valuation.positions()) {
            if (isCollateral(v.position())) {
                out.merge(v.position().underlying(), v.value(), Double::sum);
            }
        }
        return out;
    }
}

package io.marginscope.margin;

import io.marginscope.model.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskEngine;

import java.util.ArrayList;
import java.util.List;

/** One book under many policies: the call behind {@code compare} and the workstation's Policies tab. */
public final class PolicyComparison {

    /**
     * A policy's margin and which positions it covers, or why it was skipped (null result and
     * coverage); {@code definition} is the policy compared.
     */
    public record Row(String policy, MarginResult result, String note, PolicyCoverage coverage, Policy definition) {

        /** The margin ratio when it exists: NaN when equity is not positive or nothing is covered. */
        public double marginRatio() {
            return result == null || coverage != null && coverage.none() ? Double.NaN : result.marginRatio();
        }
    }

    private PolicyComparison() {
    }

    /**
     * @param strict when true a policy that cannot apply (its base needs a missing history) is an
     *               error; otherwise it is skipped with the reason
     */
    public static List<Row> compare(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history,
                                    List<Policy> policies, MarginCalculator.Settings settings, boolean strict) {
        MarginCalculator calc = new MarginCalculator(new RiskEngine());
        List<Row> rows = new ArrayList<>();
        for (Policy p : policies) {
            try {
                MarginResult m = calc.prepare(book, market, history, p, settings).at(market);
                rows.add(new Row(p.name(), m, null, PolicyCoverage.of(book, m), p));
            } catch (IllegalArgumentException e) {
                if (strict) {
                    throw e;
                }
                rows.add(new Row(p.name(), null, e.getMessage(), null, p));
            }
        }
        return rows;
    }
}

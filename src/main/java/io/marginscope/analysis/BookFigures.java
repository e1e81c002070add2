package io.marginscope.analysis;

import io.marginscope.margin.MarginComponents;
import io.marginscope.model.Loaded;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.risk.FactorModel;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskEngine;
import io.marginscope.risk.RiskFactors;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskProgress;
import io.marginscope.risk.RiskResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A book's headline figures under a policy, as {@code compute --policy} gives them: equity, VaR and ES
 * (of the policy's base run; the default parametric 99% 2-day run when the policy has no base), the
 * margin, the liquidation price per underlying and the Greeks by expiry.
 *
 * @param book           the book
 * @param market         the snapshot it was valued on
 * @param valuation      the book marked to market
 * @param margin         the margin under the policy
 * @param risk           the VaR/ES run (with attribution)
 * @param liquidation    per underlying with a non-zero vol
 * @param greeksByExpiry per underlying and expiry
 * @param warnings       from the risk run and the margin, without repeats
 */
public record BookFigures(Portfolio book, MarketSnapshot market, PortfolioValuation valuation, MarginResult margin,
                          RiskResult risk, Map<String, LiquidationPrice> liquidation,
                          Map<String, Map<String, GreeksByExpiry.Greeks>> greeksByExpiry, List<String> warnings) {

    public BookFigures {
        liquidation = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(liquidation));
        warnings = List.copyOf(warnings);
    }

    /** Evaluates the book with a calculator of its own (its own scenario cache). */
    public static BookFigures of(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history, Policy policy,
                                 MarginCalculator.Settings settings) {
        if (book.size() == 0) {
            return empty(book, market, policy, settings);
        }
        RiskEngine engine = new RiskEngine();
        MarginCalculator.Prepared prepared = new MarginCalculator(engine).prepare(book, market, history, policy,
                settings);
        MarginCalculator.Evaluated ev = prepared.evaluated(market);
        RiskResult risk = ev.risk();
        if (risk == null) {
            RiskParameters p = RiskParameters.defaults().withScenarios(settings.scenarios(), settings.seed());
            risk = engine.compute(book, market, FactorModel.build(book, market, history, p), p, RiskProgress.NONE);
        }
        List<String> warnings = new ArrayList<>(risk.warnings());
        ev.margin().warnings().stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
        PortfolioValuation valuation = PortfolioValuation.of(book, market);
        return new BookFigures(book, market, valuation, ev.margin(), risk, LiquidationPrice.solve(prepared, market),
                GreeksByExpiry.greeksByExpiry(valuation), warnings);
    }

    /** A book with no positions (a trade that closed everything): every figure 0, no liquidation price. */
    static BookFigures empty(Portfolio book, MarketSnapshot market, Policy policy, MarginCalculator.Settings settings) {
        RiskParameters p = RiskParameters.defaults().withScenarios(settings.scenarios(), settings.seed());
        RiskResult risk = new RiskResult(p, 0, 0, new RiskFactors(List.of(), new double[0], new double[0][0], null,
                List.of()), List.of(), null, null, null, List.of());
        MarginResult m = new MarginResult(policy.name(), 0, 0, 0, 0, Double.NaN, 0, MarginComponents.zero(), Map.of(),
                MarginResult.Zone.OK, List.of());
        return new BookFigures(book, market, PortfolioValuation.of(book, market), m, risk, Map.of(), Map.of(),
                List.of());
    }

    public double equity() {
        return margin.equity();
    }

    public double var() {
        return risk.var();
    }

    public double es() {
        return risk.es();
    }

    public double maintenanceMargin() {
        return margin.maintenanceMargin();
    }
}

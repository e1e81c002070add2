package io.marginscope.ui;

import io.marginscope.io.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskParameters;

import java.time.Instant;
import java.util.Map;

/**
 * The inputs of one risk run, fixed when the run starts.
 *
 * @param book          the book
 * @param market        its snapshot with the analyst's vol overrides applied
 * @param parameters    the risk settings
 * @param history       the price history, or null when none is open
 * @param volOverrides  asset -> annual vol that replaced the snapshot's vol (empty when none)
 */
public record RiskRequest(Portfolio book, MarketSnapshot market, RiskParameters parameters,
                          Loaded<PriceHistory> history, Map<String, Double> volOverrides) {

    public RiskRequest {
        volOverrides = Map.copyOf(volOverrides);
    }

    /** The book against its snapshot with each override applied ({@code AssetMarket.withVol}). */
    static MarketSnapshot withOverrides(MarketSnapshot market, Map<String, Double> overrides) {
        MarketSnapshot out = market;
        for (Map.Entry<String, Double> o : overrides.entrySet()) {
            if (out.has(o.getKey())) {
                out = out.withAsset(o.getKey(), out.asset(o.getKey()).withVol(o.getValue()));
            }
        }
        return out;
    }

    public Instant asOf() {
        return market.asOf();
    }
}

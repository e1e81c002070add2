package io.marginscope.ui;

import io.marginscope.model.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.MarketSnapshot.AssetPair;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskParameters;

import java.time.Instant;
import java.util.Map;

/**
 * The inputs of one risk run, fixed when the run starts.
 *
 * @param book                 the book
 * @param market               its snapshot with the analyst's vol and correlation overrides applied
 * @param parameters           the risk settings
 * @param history              the price history, or null when none is open
 * @param volOverrides         asset -> annual vol that replaced the snapshot's vol (empty when none)
 * @param correlationOverrides pair -> correlation that replaced the snapshot's or the estimated one (empty when none)
 * @param snapshot             the snapshot as loaded, without any override
 */
public record RiskRequest(Portfolio book, MarketSnapshot market, RiskParameters parameters,
                          Loaded<PriceHistory> history, Map<String, Double> volOverrides,
                          Map<AssetPair, Double> correlationOverrides, MarketSnapshot snapshot) {

    public RiskRequest {
        volOverrides = Map.copyOf(volOverrides);
        correlationOverrides = Map.copyOf(correlationOverrides);
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

    /**
     * The snapshot with the vol overrides and the correlation overrides applied
     * ({@code MarketSnapshot.withCorrelations}: an overridden pair is given, so it wins over the
     * estimate from the price history).
     */
    static MarketSnapshot withOverrides(MarketSnapshot market, Map<String, Double> vols,
                                        Map<AssetPair, Double> correlations) {
        MarketSnapshot out = withOverrides(market, vols);
        return correlations.isEmpty() ? out : out.withCorrelations(correlations);
    }

    public Instant asOf() {
        return market.asOf();
    }
}

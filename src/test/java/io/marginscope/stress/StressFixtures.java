package io.marginscope.stress;

import io.marginscope.model.AssetMarket;
import io.marginscope.model.Instrument;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.model.VolSurface;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small books and a market with implied vol surfaces for the stress tests. */
final class StressFixtures {

    static final Instant AS_OF = Instant.parse("2024-11-20T08:00:00Z");
    static final Instant DEC27 = Instant.parse("2024-12-27T08:00:00Z");
    static final Instant JAN31 = Instant.parse("2025-01-31T08:00:00Z");

    private StressFixtures() {
    }

    /** BTC 92,000 (vol 0.55, rate 0.05) with smiles on two expiries, ETH 3,100 (vol 0.65), USDC. */
    static MarketSnapshot market() {
        Map<String, AssetMarket> assets = new LinkedHashMap<>();
        assets.put("BTC", new AssetMarket(92_000, 0.55, 0.05, 0.0, Double.NaN));
        assets.put("ETH", new AssetMarket(3_100, 0.65, 0.0, 0.0, Double.NaN));
        assets.put("USDC", new AssetMarket(1.0, 0.0, 0.0, 0.0, Double.NaN));
        VolSurface btc = new VolSurface(Map.of(
                DEC27, VolSurface.Smile.of(Map.of(80_000.0, 0.60, 100_000.0, 0.54, 120_000.0, 0.58)),
                JAN31, VolSurface.Smile.of(Map.of(80_000.0, 0.62, 100_000.0, 0.57))));
        return new MarketSnapshot(AS_OF, 365, assets, Map.of("BTC", btc),
                Map.of(new MarketSnapshot.AssetPair("BTC", "ETH"), 0.8), Map.of());
    }

    static Position perp(String id, String u, double q, double entry) {
        return new Position(id, Instrument.perp(u, Settlement.LINEAR), q, entry);
    }

    static Position spot(String id, String u, double q) {
        return new Position(id, Instrument.spot(u), q, 0);
    }

    static Position option(String id, InstrumentType t, Instant expiry, double strike, double q) {
        return new Position(id, Instrument.option("BTC", t, expiry, strike, Settlement.LINEAR), q, Double.NaN);
    }

    static Portfolio book(Position... ps) {
        return new Portfolio("test", List.of(ps));
    }
}

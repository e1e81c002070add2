package io.marginscope.risk;

import io.marginscope.model.AssetMarket;
import io.marginscope.model.Instrument;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small books and markets for the risk tests. */
final class RiskFixtures {

    static final Instant AS_OF = Instant.parse("2024-11-20T08:00:00Z");
    static final Instant DEC27 = Instant.parse("2024-12-27T08:00:00Z");

    private RiskFixtures() {
    }

    static MarketSnapshot market(double btc, double btcVol, double eth, double ethVol, double rho) {
        Map<String, AssetMarket> assets = new LinkedHashMap<>();
        assets.put("BTC", new AssetMarket(btc, btcVol, 0.0, 0.0, Double.NaN));
        assets.put("ETH", new AssetMarket(eth, ethVol, 0.0, 0.0, Double.NaN));
        assets.put("USDC", new AssetMarket(1.0, 0.0, 0.0, 0.0, Double.NaN));
        return new MarketSnapshot(AS_OF, 365, assets, Map.of(),
                Map.of(new MarketSnapshot.AssetPair("BTC", "ETH"), rho), Map.of());
    }

    static MarketSnapshot market() {
        return market(92_000, 0.55, 3_100, 0.65, 0.82);
    }

    static Position perp(String id, String u, double q, double entry) {
        return new Position(id, Instrument.perp(u, Settlement.LINEAR), q, entry);
    }

    static Position spot(String id, String u, double q) {
        return new Position(id, Instrument.spot(u), q, 0);
    }

    static Position option(String id, String u, InstrumentType t, double strike, double q) {
        return new Position(id, Instrument.option(u, t, DEC27, strike, Settlement.LINEAR), q, Double.NaN);
    }

    static Portfolio book(Position... ps) {
        return new Portfolio("test", List.of(ps));
    }

    /** Factors straight from the snapshot: its vols and pairs. */
    static RiskFactors snapshotFactors(Portfolio book, MarketSnapshot m) {
        List<String> assets = List.copyOf(book.underlyings());
        int n = assets.size();
        double[] vols = new double[n];
        double[][] corr = new double[n][n];
        for (int a = 0; a < n; a++) {
            vols[a] = m.asset(assets.get(a)).vol();
            for (int b = 0; b < n; b++) {
                corr[a][b] = m.correlation(assets.get(a), assets.get(b));
            }
        }
        return new RiskFactors(assets, vols, corr, null, List.of());
    }

    static RiskResult compute(Portfolio book, MarketSnapshot m, RiskParameters p) {
        return new RiskEngine().compute(book, m, snapshotFactors(book, m), p, RiskProgress.NONE);
    }
}

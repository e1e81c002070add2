package io.marginscope.analysis;

import io.marginscope.analysis.GreeksByExpiry.Greeks;
import io.marginscope.analysis.GreeksByExpiry.TenorBucket;
import io.marginscope.model.AssetMarket;
import io.marginscope.model.Instrument;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.pricing.PositionValuation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GreeksByExpiryTest {

    @Test
    void bucketsAndExpiriesSumToThePositionsGreeksOnEverySample() throws Exception {
        for (String b : Samples.BOOKS) {
            Samples.Sample s = Samples.load(b);
            PortfolioValuation v = PortfolioValuation.of(s.book(), s.market());
            Map<String, Map<String, Greeks>> byExpiry = GreeksByExpiry.greeksByExpiry(v);
            Map<String, Map<TenorBucket, Double>> tenor = GreeksByExpiry.vegaByTenor(v, s.market().daysPerYear());
            assertThat(byExpiry.keySet()).containsExactlyElementsOf(v.byUnderlying().keySet());
            assertThat(tenor.keySet()).containsExactlyElementsOf(v.byUnderlying().keySet());
            v.byUnderlying().forEach((u, g) -> {
                Greeks sum = GreeksByExpiry.totals(byExpiry).get(u);
                double tol = 1e-9 * (1 + Math.abs(g.vega()));
                assertThat(sum.delta()).as(b + " " + u).isCloseTo(g.delta(), within(1e-9 * (1 + Math.abs(g.delta()))));
                assertThat(sum.gamma()).isCloseTo(g.gamma(), within(1e-12 + 1e-9 * Math.abs(g.gamma())));
                assertThat(sum.vega()).isCloseTo(g.vega(), within(tol));
                assertThat(sum.theta()).isCloseTo(g.theta(), within(1e-9 * (1 + Math.abs(g.theta()))));
                double buckets = tenor.get(u).values().stream().mapToDouble(Double::doubleValue).sum();
                assertThat(buckets).as(b + " " + u + " vega buckets").isCloseTo(g.vega(), within(tol));
                assertThat(tenor.get(u)).hasSize(5);
            });
        }
    }

    @Test
    void strangleExpiriesAndBuckets() throws Exception {
        Samples.Sample s = Samples.load("btc-short-strangle.csv");
        PortfolioValuation v = PortfolioValuation.of(s.book(), s.market());
        Map<String, Greeks> btc = GreeksByExpiry.greeksByExpiry(v).get("BTC");
        assertThat(btc.keySet()).containsExactly("none", "2024-12-27T08:00:00Z", "2025-01-31T08:00:00Z");
        // perp and BTC collateral: delta 1.4 + 2.5, no vega
        assertThat(btc.get("none").delta()).isCloseTo(3.9, within(1e-12));
        assertThat(btc.get("none").vega()).isZero();
        Map<TenorBucket, Double> t = GreeksByExpiry.vegaByTenor(v, 365).get("BTC");
        // 37 days to 27DEC24 and 72 to 31JAN25: both in 30-90d
        assertThat(t.get(TenorBucket.D30_90)).isCloseTo(v.byUnderlying().get("BTC").vega(), within(1e-9));
        assertThat(t.get(TenorBucket.D0_7)).isZero();
    }

    @Test
    void bucketEdgesAreHalfOpen() {
        Instant now = Instant.parse("2024-11-20T08:00:00Z");
        MarketSnapshot m = new MarketSnapshot(now, 365, Map.of("BTC", new AssetMarket(90_000, 0.6, 0, 0, Double.NaN)),
                Map.of(), Map.of(), Map.of());
        double[] days = {3, 7, 29.9, 30, 90, 179, 180, 400};
        List<Position> ps = new ArrayList<>();
        for (int i = 0; i < days.length; i++) {
            Instant e = now.plus(Duration.ofMinutes(Math.round(days[i] * 1440)));
            ps.add(new Position("c" + i, Instrument.option("BTC", InstrumentType.CALL, e, 90_000, Settlement.LINEAR),
                    1, Double.NaN));
        }
        PortfolioValuation v = PortfolioValuation.of(new Portfolio("t", ps), m);
        Map<TenorBucket, Double> t = GreeksByExpiry.vegaByTenor(v, 365).get("BTC");
        List<PositionValuation> pv = v.positions();
        assertThat(t.get(TenorBucket.D0_7)).isEqualTo(pv.get(0).vega());
        assertThat(t.get(TenorBucket.D7_30)).isCloseTo(pv.get(1).vega() + pv.get(2).vega(), within(1e-9));
        assertThat(t.get(TenorBucket.D30_90)).isEqualTo(pv.get(3).vega());
        assertThat(t.get(TenorBucket.D90_180)).isCloseTo(pv.get(4).vega() + pv.get(5).vega(), within(1e-9));
        assertThat(t.get(TenorBucket.D180_PLUS)).isCloseTo(pv.get(6).vega() + pv.get(7).vega(), within(1e-9));
        assertThat(TenorBucket.of(-1)).isEqualTo(TenorBucket.D0_7);
    }
}

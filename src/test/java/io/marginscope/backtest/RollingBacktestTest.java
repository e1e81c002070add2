package io.marginscope.backtest;

import io.marginscope.model.Loaded;
import io.marginscope.model.AssetMarket;
import io.marginscope.model.Instrument;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.risk.AssetPrices;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskProgress;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RollingBacktestTest {

    static final LocalDate END = LocalDate.of(2024, 11, 20);

    static MarketSnapshot market(double vol) {
        return new MarketSnapshot(Instant.parse("2024-11-20T08:00:00Z"), 365,
                Map.of("BTC", new AssetMarket(50_000, vol, 0, 0, Double.NaN),
                        "USDC", new AssetMarket(1, 0, 0, 0, Double.NaN)), Map.of(), Map.of(), Map.of());
    }

    /** Geometric Brownian closes with a known daily vol, ending on the snapshot's date. */
    static Loaded<PriceHistory> gbm(int days, double annualVol, long seed) {
        Random rng = new Random(seed);
        double daily = annualVol / Math.sqrt(365);
        List<LocalDate> dates = new ArrayList<>();
        double[] closes = new double[days];
        double px = 20_000;
        for (int t = 0; t < days; t++) {
            dates.add(END.minusDays(days - 1 - t));
            px *= Math.exp(daily * rng.nextGaussian() - 0.5 * daily * daily);
            closes[t] = px;
        }
        return new Loaded<>(new PriceHistory(List.of(new AssetPrices("BTC", dates, closes))), List.of());
    }

    static Portfolio longBtc() {
        return new Portfolio("b", List.of(new Position("btc", Instrument.spot("BTC"), 1, 0),
                new Position("usdc", Instrument.spot("USDC"), 10_000, 1)));
    }

    static RiskParameters params(RiskMethod m, String volModel) {
        return RiskParameters.defaults().withMethod(m).withVolModel(volModel).withHorizon(1).withWindow(250);
    }

    @Test
    void aCorrectModelPassesAndRealisedPnlIsTheActualReturn() {
        Loaded<PriceHistory> h = gbm(2000, 0.6, 5);
        RollingBacktest.Result r = RollingBacktest.run(longBtc(), market(0.6), h,
                params(RiskMethod.PARAMETRIC, "snapshot"), EsSimulation.defaults(), RiskProgress.NONE);
        int n = r.series().size();
        assertThat(n).isEqualTo(1999 - 250);
        // realised P&L of 1 BTC at today's spot: S (exp(r) - 1), r the return of the date
        double[] closes = h.value().of("BTC").closes();
        double lastReturn = Math.log(closes[1999] / closes[1998]);
        assertThat(r.series().pnl()[n - 1]).isCloseTo(50_000 * (Math.exp(lastReturn) - 1), within(1e-6));
        // VaR is the true one: the snapshot vol equals the simulated vol
        double var = 50_000 * 0.6 / Math.sqrt(365) * 2.3263478740408408;
        assertThat(r.series().var()[0]).isCloseTo(var, within(1e-6 * var));
        assertThat(r.report().kupiec().pValue()).isGreaterThan(0.01);
        assertThat(r.report().trafficLight().zone()).isNotEqualTo(TrafficLight.Zone.RED);
    }

    @Test
    void forecastsUseOnlyEarlierData() {
        Loaded<PriceHistory> h = gbm(600, 0.8, 9);
        RiskParameters p = params(RiskMethod.FHS, "ewma");
        RollingBacktest.Result a = RollingBacktest.run(longBtc(), market(0.6), h, p, EsSimulation.defaults(),
                RiskProgress.NONE);
        // a crash on the last day changes the last realised P&L, never an earlier forecast
        double[] closes = h.value().of("BTC").closes().clone();
        closes[599] = closes[598] * 0.5;
        Loaded<PriceHistory> crashed = new Loaded<>(new PriceHistory(List.of(new AssetPrices("BTC",
                h.value().of("BTC").dates(), closes))), List.of());
        RollingBacktest.Result b = RollingBacktest.run(longBtc(), market(0.6), crashed, p, EsSimulation.defaults(),
                RiskProgress.NONE);
        assertThat(b.series().var()).isEqualTo(a.series().var());
        assertThat(b.series().es()).isEqualTo(a.series().es());
        int last = a.series().size() - 1;
        assertThat(b.series().pnl()[last]).isCloseTo(-25_000, within(1e-6));
    }

    @Test
    void underestimatedVolIsRejectedAndGarchRuns() {
        Loaded<PriceHistory> h = gbm(1500, 0.9, 3);
        RollingBacktest.Result low = RollingBacktest.run(longBtc(), market(0.3), h,
                params(RiskMethod.PARAMETRIC, "snapshot"), EsSimulation.defaults(), RiskProgress.NONE);
        assertThat(low.report().trafficLight().zone()).isEqualTo(TrafficLight.Zone.RED);
        assertThat(low.report().kupiec().pValue()).isLessThan(1e-6);
        RollingBacktest.Result garch = RollingBacktest.run(longBtc(), market(0.3), h,
                params(RiskMethod.PARAMETRIC, "garch").withHorizon(2), EsSimulation.defaults(), RiskProgress.NONE);
        assertThat(garch.series().size()).isEqualTo((1499 - 250) / 2);
        // the GARCH forecast tracks the true 90% vol, not the snapshot's 30%
        double impliedVol = garch.series().var()[garch.series().size() - 1]
                / (50_000 * 2.3263478740408408 * Math.sqrt(2 / 365.0));
        assertThat(impliedVol).isBetween(0.6, 1.2);
    }

    @Test
    void aMissingRiskyAssetIsAnError() {
        Portfolio eth = new Portfolio("e", List.of(new Position("eth", Instrument.spot("ETH"), 1, 0)));
        MarketSnapshot m = new MarketSnapshot(Instant.parse("2024-11-20T08:00:00Z"), 365,
                Map.of("ETH", new AssetMarket(3000, 0.7, 0, 0, Double.NaN)), Map.of(), Map.of(), Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RollingBacktest.run(eth, m, gbm(400, 0.5, 1),
                        params(RiskMethod.PARAMETRIC, "ewma"), EsSimulation.defaults(), RiskProgress.NONE))
                .hasMessageContaining("lacks ETH");
    }
}

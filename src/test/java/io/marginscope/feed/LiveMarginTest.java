package io.marginscope.feed;

import io.marginscope.io.PolicyJson;
import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.SnapshotJson;
import io.marginscope.io.TextSource;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.MarginResult.Zone;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.AssetMarket;
import io.marginscope.model.Instrument;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.model.VolSurface;
import io.marginscope.pricing.PortfolioValuation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The engine side of the live gauges: tick updates, coalesced full recomputes, timeline and alerts. */
@Timeout(300)
class LiveMarginTest {

    static final Path SAMPLES = Path.of(System.getProperty("marginscope.projectDir", ".")).resolve("sample-portfolios");
    static final Instant T0 = Instant.parse("2024-11-20T08:00:00Z");

    /** ES by the parametric method, a perp floor and haircuts: fast and deterministic. */
    static Policy simplePolicy() throws Exception {
        return PolicyJson.read(new TextSource("t.json", """
                {"name": "t", "base": {"measure": "ES", "confidence": 0.99, "horizonDays": 2, "method": "parametric"},
                 "tiers": {"BTC": [[0, 0.005, 0]]},
                 "haircuts": {"confidence": 0.99, "horizonDays": 2, "floor": {"BTC": 0.02, "USDC": 0.0}},
                 "imToMm": 1.5, "thresholds": {"warning": 0.8, "liquidation": 1.0}}"""), "t");
    }

    static MarketSnapshot market() {
        Map<String, AssetMarket> a = new LinkedHashMap<>();
        a.put("BTC", new AssetMarket(90_000, 0.6, 0, 0, 2e10));
        a.put("USDC", new AssetMarket(1, 0, 0, 0, 1e10));
        return new MarketSnapshot(T0, 365, a, Map.of(), Map.of(), Map.of());
    }

    /** 3 BTC long perp on 60,000 USDC and 0.5 BTC collateral: about 3x. */
    static Portfolio book() {
        return new Portfolio("levered", List.of(new Position("perp", Instrument.perp("BTC", Settlement.LINEAR), 3, 90_000),
                new Position("usdc", Instrument.spot("USDC"), 60_000, 1),
                new Position("coll", Instrument.spot("BTC"), 0.5, 0)));
    }

    static MarginCalculator.Prepared prepared(Policy p) {
        return new MarginCalculator().prepare(book(), market(), null, p, MarginCalculator.Settings.defaults());
    }

    static Tick btc(int second, double price) {
        return Tick.price(T0.plusSeconds(second), "BTC", price);
    }

    @Test
    void startsFromTheFullMarginAtTheStartMarket() throws Exception {
        MarginCalculator.Prepared p = prepared(simplePolicy());
        MarginResult expected = p.at(market());
        try (LiveMargin live = new LiveMargin(p, market(), LiveMargin.Options.defaults())) {
            LiveState s = live.state();
            assertThat(s.maintenanceMargin()).isEqualTo(expected.maintenanceMargin());
            assertThat(s.equity()).isEqualTo(expected.equity());
            assertThat(s.adjustedEquity()).isCloseTo(expected.adjustedEquity(), within(1e-9));
            assertThat(s.marginRatio()).isCloseTo(expected.marginRatio(), within(1e-12));
            assertThat(s.zone()).isEqualTo(expected.zone());
            assertThat(s.full()).isTrue();
            assertThat(s.tickCount()).isZero();
            assertThat(live.timeline()).isEmpty();
            assertThat(live.stats().fullRecomputes()).isEqualTo(1);
        }
    }

    @Test
    void aTickRevaluesAtOnceWithTheHeldMarginAndTheFullRecomputeCatchesUp() throws Exception {
        MarginCalculator.Prepared p = prepared(simplePolicy());
        MarginResult atStart = p.at(market());
        List<LiveState> updates = new CopyOnWriteArrayList<>();
        List<MarginResult> fulls = new CopyOnWriteArrayList<>();
        try (LiveMargin live = new LiveMargin(p, market(), LiveMargin.Options.defaults())) {
            live.addListener(new LiveMarginListener() {
                @Override
                public void onUpdate(LiveState state) {
                    updates.add(state);
                }

                @Override
                public void onFullRecompute(MarginResult result, LiveState state) {
                    fulls.add(result);
                }
            });
            live.onTick(btc(60, 85_000));
            LiveState cheap = updates.getFirst();
            MarketSnapshot moved = market().withAsset("BTC", market().asset("BTC").withSpot(85_000))
                    .withAsOf(T0);
            double equity = PortfolioValuation.of(book(), moved).equity();
            assertThat(cheap.full()).isFalse();
            assertThat(cheap.instant()).isEqualTo(T0.plusSeconds(60));
            assertThat(cheap.equity()).isCloseTo(equity, within(1e-6));
            assertThat(cheap.maintenanceMargin()).isEqualTo(atStart.maintenanceMargin());
            double btcHaircut = atStart.haircuts().get("BTC");
            assertThat(cheap.adjustedEquity()).isCloseTo(equity - 0.5 * 85_000 * btcHaircut, within(1e-6));
            assertThat(cheap.marginRatio()).isCloseTo(atStart.maintenanceMargin() / cheap.adjustedEquity(), within(1e-12));
            assertThat(cheap.marginAsOf()).isEqualTo(T0);

            assertThat(live.awaitIdle(Duration.ofSeconds(30))).isTrue();
            MarginResult full = p.at(live.market());
            LiveState after = live.state();
            assertThat(fulls).hasSize(1);
            assertThat(after.full()).isTrue();
            assertThat(after.maintenanceMargin()).isEqualTo(full.maintenanceMargin());
            assertThat(after.marginRatio()).isCloseTo(full.marginRatio(), within(1e-12));
            assertThat(after.zone()).isEqualTo(full.zone());
            assertThat(after.marginAsOf()).isEqualTo(T0.plusSeconds(60));
            // the book's clock moved by the feed time elapsed since the first tick: none yet
            assertThat(live.market().asOf()).isEqualTo(T0);
            assertThat(live.stats().fullRecomputes()).isEqualTo(2);
        }
    }

    @Test
    void burstsAreCoalescedAndTheLatestMarketWins() throws Exception {
        MarketSnapshot m = SnapshotJson.read(SAMPLES.resolve("btc-short-strangle.market.json")).value();
        Portfolio book = PortfolioFiles.read(SAMPLES.resolve("btc-short-strangle.csv"), m).value();
        MarginCalculator.Prepared p = new MarginCalculator().prepare(book, m, null, PolicyPresets.load("ramm"),
                new MarginCalculator.Settings(20_000, 42));
        try (LiveMargin live = new LiveMargin(p, m, LiveMargin.Options.defaults())) {
            int n = 3_000;
            for (int i = 1; i <= n; i++) {
                live.onTick(Tick.price(m.asOf().plusSeconds(i), "BTC", 92_300 * (1 - 0.15 * i / n)));
            }
            assertThat(live.awaitIdle(Duration.ofMinutes(2))).isTrue();
            LiveMargin.Stats st = live.stats();
            assertThat(st.updates()).isEqualTo(n);
            // a full recompute takes milliseconds, a tick update microseconds: most ticks shared one
            assertThat(st.fullRecomputes()).isBetween(2L, (long) n / 10);
            MarginResult last = p.at(live.market());
            assertThat(live.state().full()).isTrue();
            assertThat(live.state().maintenanceMargin()).isCloseTo(last.maintenanceMargin(),
                    within(1e-9 * last.maintenanceMargin()));
            assertThat(live.state().marginAsOf()).isEqualTo(m.asOf().plusSeconds(n));
            assertThat(live.market().asset("BTC").spot()).isCloseTo(92_300 * 0.85, within(1e-6));
            // the book's clock: n - 1 seconds after the first tick
            assertThat(live.market().asOf()).isEqualTo(m.asOf().plusSeconds(n - 1));
        }
    }

    @Test
    void alertsFireWhenTheRatioCrossesTheWarningAndLiquidationThresholds() throws Exception {
        MarginCalculator.Prepared p = prepared(simplePolicy());
        List<MarginAlert> alerts = new CopyOnWriteArrayList<>();
        List<LiveState> states = new CopyOnWriteArrayList<>();
        LiveMargin.Options exact = LiveMargin.Options.defaults().withRecompute(LiveMargin.Recompute.EVERY_TICK);
        try (LiveMargin live = new LiveMargin(p, market(), exact)) {
            assertThat(live.state().zone()).isEqualTo(Zone.OK);
            live.addListener(new LiveMarginListener() {
                @Override
                public void onUpdate(LiveState state) {
                    states.add(state);
                }

                @Override
                public void onAlert(MarginAlert alert) {
                    alerts.add(alert);
                }
            });
            List<Double> path = new ArrayList<>();
            for (int i = 0; i <= 40; i++) {
                path.add(90_000 * (1 - 0.01 * i));
            }
            for (int i = 40; i >= 0; i--) {
                path.add(90_000 * (1 - 0.01 * i));
            }
            for (int i = 0; i < path.size(); i++) {
                live.onTick(btc(i, path.get(i)));
                // exact mode: every state is the full margin at its market
                MarginResult full = p.at(live.market());
                assertThat(live.state().zone()).isEqualTo(full.zone());
                assertThat(live.state().full()).isTrue();
            }
            assertThat(alerts).extracting(a -> a.from() + ">" + a.to())
                    .containsExactly("OK>WARNING", "WARNING>LIQUIDATION", "LIQUIDATION>WARNING", "WARNING>OK");
            assertThat(alerts).extracting(MarginAlert::worsening).containsExactly(true, true, false, false);
            assertThat(alerts).extracting(MarginAlert::threshold).containsExactly(0.8, 1.0, 1.0, 0.8);
            MarginAlert warn = alerts.get(0);
            assertThat(warn.marginRatio()).isGreaterThanOrEqualTo(0.8).isLessThan(1.0);
            assertThat(alerts.get(1).marginRatio()).isGreaterThanOrEqualTo(1.0);
            // each alert is at the instant of the tick whose state crossed, and the state before was below
            int at = states.indexOf(states.stream().filter(s -> s.instant().equals(warn.instant())).findFirst().orElseThrow());
            assertThat(states.get(at - 1).marginRatio()).isLessThan(0.8);
            assertThat(live.alerts()).isEqualTo(alerts);
        }
    }

    @Test
    void theTimelineKeepsTheLastPointsInOrder() throws Exception {
        LiveMargin.Options o = LiveMargin.Options.defaults().withRecompute(LiveMargin.Recompute.EVERY_TICK)
                .withTimelineCapacity(16);
        try (LiveMargin live = new LiveMargin(prepared(simplePolicy()), market(), o)) {
            for (int i = 1; i <= 100; i++) {
                live.onTick(btc(i, 90_000 + 10 * i));
            }
            List<MarginTimeline.Point> pts = live.timeline();
            assertThat(pts).hasSize(16);
            assertThat(live.timelineAppended()).isEqualTo(100);
            for (int k = 0; k < 16; k++) {
                assertThat(pts.get(k).instant()).isEqualTo(T0.plusSeconds(85 + k));
            }
            MarginTimeline.Point last = pts.getLast();
            assertThat(last.equity()).isEqualTo(live.state().equity());
            assertThat(last.marginRatio()).isEqualTo(live.state().marginRatio());
            assertThat(last.zone()).isEqualTo(live.state().zone());
        }
    }

    @Test
    void relativePricesMoveSpotsByTheTicksReturnAndTheClockByItsElapsedTime() throws Exception {
        LiveMargin.Options o = LiveMargin.Options.defaults().withPrices(LiveMargin.PriceMode.RELATIVE)
                .withRecompute(LiveMargin.Recompute.EVERY_TICK);
        try (LiveMargin live = new LiveMargin(prepared(simplePolicy()), market(), o)) {
            Instant replayed = Instant.parse("2020-03-10T00:00:00Z");
            live.onTick(Tick.price(replayed, "BTC", 8_000));
            assertThat(live.market().asset("BTC").spot()).isEqualTo(90_000);
            assertThat(live.market().asOf()).isEqualTo(T0);
            live.onTick(Tick.price(replayed.plus(Duration.ofDays(2)), "BTC", 4_000));
            assertThat(live.market().asset("BTC").spot()).isCloseTo(45_000, within(1e-9));
            assertThat(live.market().asOf()).isEqualTo(T0.plus(Duration.ofDays(2)));
            assertThat(live.state().instant()).isEqualTo(replayed.plus(Duration.ofDays(2)));
        }
    }

    @Test
    void aVolTickSetsTheAssetVolAndShiftsItsSmilesInParallel() throws Exception {
        MarketSnapshot m = SnapshotJson.read(SAMPLES.resolve("btc-short-strangle.market.json")).value();
        Portfolio book = PortfolioFiles.read(SAMPLES.resolve("btc-short-strangle.csv"), m).value();
        MarginCalculator.Prepared p = new MarginCalculator().prepare(book, m, null, simplePolicy(),
                MarginCalculator.Settings.defaults());
        try (LiveMargin live = new LiveMargin(p, m, LiveMargin.Options.defaults())) {
            double v0 = m.asset("BTC").vol();
            live.onTick(new Tick(m.asOf(), "BTC", 92_300, v0 + 0.10, Double.NaN));
            MarketSnapshot now = live.market();
            assertThat(now.asset("BTC").vol()).isCloseTo(v0 + 0.10, within(1e-12));
            VolSurface before = m.impliedVols().get("BTC");
            VolSurface after = now.impliedVols().get("BTC");
            before.smiles().forEach((expiry, smile) -> {
                double[] k = smile.strikes();
                for (double strike : k) {
                    assertThat(after.lookup(expiry, strike).vol())
                            .isCloseTo(before.lookup(expiry, strike).vol() + 0.10, within(1e-12));
                }
            });
            assertThat(live.state().equity()).isCloseTo(PortfolioValuation.of(book, now).equity(), within(1e-6));
            // a vol index moves the same way; a lower one shifts down
            live.onTick(new Tick(m.asOf(), "BTC", 92_300, Double.NaN, v0));
            assertThat(live.market().asset("BTC").vol()).isCloseTo(v0, within(1e-12));
            assertThat(live.awaitIdle(Duration.ofSeconds(30))).isTrue();
        }
    }

    @Test
    void ticksOfAssetsOutsideTheMarketAreIgnored() throws Exception {
        try (LiveMargin live = new LiveMargin(prepared(simplePolicy()), market(), LiveMargin.Options.defaults())) {
            LiveState before = live.state();
            live.onTick(Tick.price(T0, "DOGE", 0.4));
            assertThat(live.state()).isEqualTo(before);
            assertThat(live.stats().ignoredQuotes()).isEqualTo(1);
            assertThat(live.stats().updates()).isZero();
            live.onTicks(List.of(Tick.price(T0, "DOGE", 0.4), btc(1, 91_000)));
            assertThat(live.stats().ignoredQuotes()).isEqualTo(2);
            assertThat(live.stats().updates()).isEqualTo(1);
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheSession() throws Exception {
        try (LiveMargin live = new LiveMargin(prepared(simplePolicy()), market(), LiveMargin.Options.defaults())) {
            List<LiveState> seen = new CopyOnWriteArrayList<>();
            live.addListener(s -> {
                throw new IllegalStateException("boom");
            });
            live.addListener(seen::add);
            live.onTick(btc(1, 91_000));
            assertThat(seen).isNotEmpty();
            assertThat(live.stats().failedUpdates()).isZero();
        }
    }

    /**
     * The tick update (apply the tick, revalue the book, ratio, timeline) on each sample book under
     * ramm, while the full recomputes run beside it: well under a millisecond (docs/live.md).
     */
    @ParameterizedTest
    @ValueSource(strings = {"btc-short-strangle.csv", "eth-perp-leveraged.csv", "btc-eth-basis.csv",
            "deribit-options-book.json"})
    void theTickUpdateTakesWellUnderAMillisecondOnTheSampleBooks(String name) throws Exception {
        MarketSnapshot m = SnapshotJson.read(SAMPLES.resolve(name.substring(0, name.lastIndexOf('.')) + ".market.json"))
                .value();
        Portfolio book = PortfolioFiles.read(SAMPLES.resolve(name), m).value();
        MarginCalculator.Prepared p = new MarginCalculator().prepare(book, m, null, PolicyPresets.load("ramm"),
                new MarginCalculator.Settings(2_000, 42));
        SimulatedMarket sim = new SimulatedMarket(SimulationSpec.fromSnapshot(m, Duration.ofSeconds(1), 2.5,
                SimulationSpec.DEFAULT_REGIME, SimulationSpec.DEFAULT_JUMPS, List.of(), 42));
        LiveMargin.Options o = LiveMargin.Options.defaults();
        try (LiveMargin warm = new LiveMargin(p, m, o)) {
            for (int i = 0; i < 3_000; i++) {
                warm.onTicks(sim.next());
            }
            warm.awaitIdle(Duration.ofMinutes(1));
        }
        try (LiveMargin live = new LiveMargin(p, m, o)) {
            for (int i = 0; i < 5_000; i++) {
                live.onTicks(sim.next());
            }
            live.awaitIdle(Duration.ofMinutes(1));
            LatencyStats.Summary s = live.stats().tickUpdate();
            System.out.printf(java.util.Locale.ROOT, "tick update %s (%d positions): mean %.1f us, p50 %.1f us, "
                    + "p99 %.1f us, max %.1f us over %d updates; full recompute mean %.1f ms%n", name, book.size(),
                    s.meanMicros(), s.p50Micros(), s.p99Micros(), s.maxMicros(), s.count(),
                    live.stats().fullRecompute().meanMicros() / 1000);
            assertThat(s.count()).isEqualTo(5_000);
            assertThat(s.p50Micros()).isLessThan(1_000);
            assertThat(live.stats().failedUpdates()).isZero();
        }
    }
}

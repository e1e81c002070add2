package io.marginscope.stress;

import io.marginscope.model.AssetMarket;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.VolSurface;
import io.marginscope.pricing.PositionPricer;
import io.marginscope.stress.StressScenario.PathStep;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.marginscope.stress.StressFixtures.AS_OF;
import static io.marginscope.stress.StressFixtures.DEC27;
import static io.marginscope.stress.StressFixtures.JAN31;
import static io.marginscope.stress.StressFixtures.book;
import static io.marginscope.stress.StressFixtures.market;
import static io.marginscope.stress.StressFixtures.option;
import static io.marginscope.stress.StressFixtures.perp;
import static io.marginscope.stress.StressFixtures.spot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StressEngineTest {

    @Test
    void longCallMatchesThePricerOnAHandShockedSnapshot() {
        MarketSnapshot m = market();
        Position call = option("c100k", InstrumentType.CALL, DEC27, 100_000, 3);
        AssetShock shock = new AssetShock(-0.20, 0.30, 5);
        StressScenario s = new StressScenario("crash", "", "", ShockSet.of(Map.of("BTC", shock)), 2, 1, Map.of(),
                List.of());

        // by hand: spot * 0.8, the quoted vol 0.54 -> 0.54 * 1.3 + 0.05, two days later
        Map<String, AssetMarket> assets = new LinkedHashMap<>(m.assets());
        assets.put("BTC", new AssetMarket(92_000 * 0.8, 0.55 * 1.3 + 0.05, 0.05, 0.0, Double.NaN));
        VolSurface surface = new VolSurface(Map.of(
                DEC27, VolSurface.Smile.of(Map.of(80_000.0, 0.60 * 1.3 + 0.05, 100_000.0, 0.54 * 1.3 + 0.05,
                        120_000.0, 0.58 * 1.3 + 0.05)),
                JAN31, VolSurface.Smile.of(Map.of(80_000.0, 0.62 * 1.3 + 0.05, 100_000.0, 0.57 * 1.3 + 0.05))));
        MarketSnapshot hand = new MarketSnapshot(AS_OF.plus(Duration.ofDays(2)), 365, assets, Map.of("BTC", surface),
                m.correlations(), Map.of());
        double expected = PositionPricer.value(call, hand).value() - PositionPricer.value(call, m).value();

        StressResult r = StressEngine.run(book(call), m, s);
        assertThat(r.pnl()).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
        assertThat(r.positionPnl()).containsOnlyKeys("c100k");
        assertThat(r.positionPnl().get("c100k")).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
        assertThat(r.pnl()).isNegative();
        assertThat(r.weightedPnl()).isEqualTo(r.pnl());
        assertThat(r.path()).isEmpty();
        assertThat(StressEngine.shockedMarket(m, s).asset("BTC").spot()).isCloseTo(73_600, within(1e-9));
    }

    @Test
    void volShockReachesEveryExpiryAndTheAssetVolButNotOtherAssets() {
        MarketSnapshot m = market();
        MarketSnapshot shocked = StressEngine.shockedMarket(m, ShockSet.of(Map.of("BTC", AssetShock.points(0, 10))), 0);
        assertThat(shocked.asset("BTC").vol()).isCloseTo(0.65, within(1e-12));
        VolSurface before = m.impliedVols().get("BTC");
        VolSurface after = shocked.impliedVols().get("BTC");
        assertThat(after.smiles().keySet()).containsExactly(DEC27, JAN31);
        before.smiles().forEach((expiry, smile) -> {
            double[] vols = after.smiles().get(expiry).vols();
            assertThat(after.smiles().get(expiry).strikes()).containsExactly(smile.strikes());
            for (int i = 0; i < vols.length; i++) {
                assertThat(vols[i]).isCloseTo(smile.vols()[i] + 0.10, within(1e-12));
            }
        });
        assertThat(shocked.asset("ETH")).isEqualTo(m.asset("ETH"));
        assertThat(shocked.asOf()).isEqualTo(m.asOf());
        // the original snapshot is unchanged
        assertThat(m.impliedVols().get("BTC")).isEqualTo(before);
        assertThat(m.asset("BTC").vol()).isEqualTo(0.55);
    }

    @Test
    void relativeVolShockIsFlooredAndAZeroVolShockLeavesAZeroVol() {
        MarketSnapshot m = market();
        MarketSnapshot down = StressEngine.shockedMarket(m, ShockSet.all(new AssetShock(0, -1, 0)), 0);
        assertThat(down.asset("BTC").vol()).isEqualTo(AssetShock.MIN_VOL);
        assertThat(down.impliedVols().get("BTC").lookup(DEC27, 100_000).vol()).isEqualTo(AssetShock.MIN_VOL);
        MarketSnapshot priceOnly = StressEngine.shockedMarket(m, ShockSet.all(AssetShock.price(-0.1)), 0);
        assertThat(priceOnly.asset("USDC").vol()).isZero();
        assertThat(priceOnly.asset("USDC").spot()).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void defaultShockAppliesToAssetsNotNamedAndUnknownAssetsAreIgnored() {
        ShockSet shocks = new ShockSet(Map.of("btc", AssetShock.price(-0.1), "DOGE", AssetShock.price(-0.9)),
                AssetShock.price(-0.3));
        MarketSnapshot shocked = StressEngine.shockedMarket(market(), shocks, 0);
        assertThat(shocked.asset("BTC").spot()).isCloseTo(82_800, within(1e-9));
        assertThat(shocked.asset("ETH").spot()).isCloseTo(2_170, within(1e-9));
        assertThat(shocked.has("DOGE")).isFalse();
    }

    @Test
    void linearBookPnlIsQuantityTimesMoveAndWeightScales() {
        Portfolio b = book(perp("p", "BTC", 2, 90_000), spot("e", "ETH", 10), spot("u", "USDC", 1000));
        StressScenario s = StressScenario.of("down", ShockSet.of(Map.of("BTC", AssetShock.price(-0.25),
                "ETH", AssetShock.price(0.10)))).withWeight(0.35);
        StressResult r = StressEngine.run(b, market(), s);
        assertThat(r.positionPnl().get("p")).isCloseTo(2 * -23_000, within(1e-6));
        assertThat(r.positionPnl().get("e")).isCloseTo(10 * 310, within(1e-6));
        assertThat(r.positionPnl().get("u")).isZero();
        assertThat(r.pnl()).isCloseTo(-46_000 + 3_100, within(1e-6));
        assertThat(r.weightedPnl()).isCloseTo(0.35 * r.pnl(), within(1e-9));
        assertThat(r.weight()).isEqualTo(0.35);
    }

    @Test
    void horizonLetsAnOptionExpireToItsIntrinsicValue() {
        Position put = option("p", InstrumentType.PUT, DEC27, 100_000, 1);
        // 40 days pass: past the 2024-12-27 expiry; spot 92,000 -> intrinsic 8,000
        StressScenario s = StressScenario.of("time", ShockSet.of(Map.of())).withHorizonDays(40);
        StressResult r = StressEngine.run(book(put), market(), s);
        double before = PositionPricer.value(put, market()).value();
        assertThat(r.pnl()).isCloseTo(8_000 - before, within(1e-6));
    }

    @Test
    void pathReplayReportsTheWorstCumulativePnlAndItsPositions() {
        Portfolio b = book(perp("p", "BTC", 1, 92_000));
        List<PathStep> path = List.of(
                new PathStep(LocalDate.parse("2020-03-12"), 1, ShockSet.of(Map.of("BTC", AssetShock.price(-0.30)))),
                new PathStep(LocalDate.parse("2020-03-13"), 2, ShockSet.of(Map.of("BTC", AssetShock.price(-0.10)))),
                new PathStep(LocalDate.parse("2020-03-16"), 5, ShockSet.of(Map.of("BTC", AssetShock.price(-0.40)))),
                new PathStep(LocalDate.parse("2020-03-17"), 6, ShockSet.of(Map.of("BTC", AssetShock.price(-0.35)))));
        StressScenario s = new StressScenario("replay", "", "", ShockSet.of(Map.of("BTC", AssetShock.price(-0.30))),
                1, 1, Map.of(), path);
        StressResult r = StressEngine.run(b, market(), s);
        assertThat(r.path()).extracting(StressResult.StepPnl::date).containsExactly(LocalDate.parse("2020-03-12"),
                LocalDate.parse("2020-03-13"), LocalDate.parse("2020-03-16"), LocalDate.parse("2020-03-17"));
        double[] expected = {-27_600, -9_200, -36_800, -32_200};
        for (int i = 0; i < expected.length; i++) {
            assertThat(r.path().get(i).pnl()).isCloseTo(expected[i], within(1e-6));
        }
        assertThat(r.pnl()).isCloseTo(-36_800, within(1e-6));
        assertThat(r.worstDate()).isEqualTo(LocalDate.parse("2020-03-16"));
        assertThat(r.positionPnl().get("p")).isCloseTo(-36_800, within(1e-6));
        // the aggregate alone is the single move
        assertThat(StressEngine.run(b, market(), s.aggregate()).pnl()).isCloseTo(-27_600, within(1e-6));
    }

    @Test
    void worstIsTheLowestWeightedPnl() {
        Portfolio b = book(perp("p", "BTC", 1, 92_000));
        List<StressResult> rs = StressEngine.runAll(b, market(), List.of(
                StressScenario.of("a", ShockSet.all(AssetShock.price(-0.1))),
                StressScenario.of("b", ShockSet.all(AssetShock.price(-0.5))).withWeight(0.1),
                StressScenario.of("c", ShockSet.all(AssetShock.price(-0.2)))));
        assertThat(StressResult.worst(rs)).get().extracting(StressResult::scenario).isEqualTo("c");
        assertThat(StressResult.worst(List.of())).isEmpty();
    }

    @Test
    void positionsWithoutMarketDataAreNamedAndLeftOut() {
        Portfolio b = book(perp("p", "BTC", 1, 92_000), perp("s", "SOL", 10, 200));
        StressResult r = StressEngine.run(b, market(), StressScenario.of("x", ShockSet.all(AssetShock.price(-0.1))));
        assertThat(r.pnl()).isCloseTo(-9_200, within(1e-9));
        assertThat(r.positionPnl().get("s")).isNaN();
        assertThat(r.errors()).singleElement().asString().startsWith("s: ");
    }

    @Test
    void termVolMapSeesEachSmilesTimeToExpiry() {
        MarketSnapshot m = market();
        MarketSnapshot shocked = m.withVols("BTC", v -> v, (vol, years) -> years);
        assertThat(shocked.impliedVols().get("BTC").smiles().get(DEC27).vols()[0])
                .isCloseTo(37.0 / 365, within(1e-12));
        assertThat(shocked.impliedVols().get("BTC").smiles().get(JAN31).vols()[0])
                .isCloseTo(72.0 / 365, within(1e-12));
        assertThat(shocked.asset("BTC").vol()).isEqualTo(0.55);
        VolSurface doubled = m.impliedVols().get("BTC").map(v -> 2 * v);
        assertThat(doubled.lookup(JAN31, 80_000).vol()).isCloseTo(1.24, within(1e-12));
        assertThat(m.withAsOf(Instant.parse("2024-11-21T08:00:00Z")).yearsTo(DEC27)).isCloseTo(36.0 / 365, within(1e-12));
    }

    @Test
    void invalidValuesAreRefused() {
        assertThatThrownBy(() -> AssetShock.price(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AssetShock(0, -1.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StressScenario.of("w", ShockSet.all(AssetShock.NONE)).withWeight(-0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StressScenario.of("h", ShockSet.all(AssetShock.NONE)).withHorizonDays(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShockSet(Map.of("btc", AssetShock.NONE, "BTC", AssetShock.NONE), AssetShock.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

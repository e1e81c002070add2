package io.marginscope.risk;

import io.marginscope.model.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.MarketSnapshot.AssetPair;
import io.marginscope.model.Portfolio;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The correlation a run uses ({@link FactorModel#correlation}) and an analyst's override given as
 * snapshot pairs ({@link MarketSnapshot#withCorrelations}).
 */
class CorrelationOverrideTest {

    private static final Portfolio BOOK = RiskFixtures.book(
            RiskFixtures.perp("btc", "BTC", 2, 90_000),
            RiskFixtures.perp("eth", "ETH", -30, 3_000),
            RiskFixtures.spot("usdc", "USDC", 100_000));

    /** 400 days of correlated BTC and ETH closes to the snapshot's date (no USDC: it gets 0, with a warning). */
    private static Loaded<PriceHistory> history() {
        Random rng = new Random(11);
        List<LocalDate> dates = new ArrayList<>();
        double[] btc = new double[400];
        double[] eth = new double[400];
        LocalDate d = LocalDate.of(2024, 11, 19).minusDays(399);
        double b = 60_000;
        double e = 2_500;
        for (int i = 0; i < 400; i++) {
            dates.add(d.plusDays(i));
            double z1 = rng.nextGaussian();
            double z2 = 0.6 * z1 + 0.8 * rng.nextGaussian();
            b *= Math.exp(0.03 * z1);
            e *= Math.exp(0.04 * z2);
            btc[i] = b;
            eth[i] = e;
        }
        return new Loaded<>(new PriceHistory(List.of(new AssetPrices("BTC", dates, btc),
                new AssetPrices("ETH", dates, eth))), List.of());
    }

    private static RiskParameters params(String volModel) {
        RiskParameters d = RiskParameters.defaults();
        return new RiskParameters(d.confidence(), d.horizonDays(), d.method(), volModel, d.ewmaLambda(),
                d.windowDays(), d.scenarios(), d.seed(), 0, 0);
    }

    @Test
    void theCorrelationIsTheFactorModelsOwnWithAndWithoutAHistory() {
        MarketSnapshot m = RiskFixtures.market();
        Correlations.BookCorrelation plain = FactorModel.correlation(BOOK, m, null, RiskParameters.defaults());
        assertThat(plain.matrix().values()).isEqualTo(
                FactorModel.build(BOOK, m, null, RiskParameters.defaults()).correlation());
        assertThat(plain.matrix().get("BTC", "ETH")).isEqualTo(0.82);
        assertThat(plain.repaired()).isFalse();

        // a history: the snapshot's BTC-ETH pair still wins; without it the estimate is used
        MarketSnapshot bare = new MarketSnapshot(m.asOf(), 365, m.assets(), Map.of(), Map.of(), Map.of());
        for (String model : List.of(VolModels.SNAPSHOT, VolModels.HISTORICAL, VolModels.EWMA)) {
            RiskParameters p = params(model);
            Loaded<PriceHistory> h = history();
            Correlations.BookCorrelation given = FactorModel.correlation(BOOK, m, h, p);
            assertThat(given.matrix().values()).isEqualTo(FactorModel.build(BOOK, m, h, p).correlation());
            assertThat(given.matrix().get("BTC", "ETH")).isEqualTo(0.82);
            Correlations.BookCorrelation estimated = FactorModel.correlation(BOOK, bare, h, p);
            assertThat(estimated.matrix().values()).isEqualTo(FactorModel.build(BOOK, bare, h, p).correlation());
            ReturnSeries all = h.value().returnsUpTo(List.of("BTC", "ETH"), LocalDate.of(2024, 11, 20)).returns();
            double expected = model.equals(VolModels.EWMA)
                    ? Correlations.ewma(all, p.ewmaLambda()).get("BTC", "ETH")
                    : Correlations.sample(all.last(p.windowDays())).get("BTC", "ETH");
            assertThat(estimated.matrix().get("BTC", "ETH")).as(model).isEqualTo(expected);
            assertThat(estimated.matrix().get("BTC", "ETH")).as(model).isBetween(0.3, 0.9);
            assertThat(estimated.matrix().get("ETH", "USDC")).isZero();
        }
    }

    @Test
    void anOverriddenPairWinsOverTheSnapshotAndTheEstimate() {
        MarketSnapshot m = RiskFixtures.market();
        MarketSnapshot over = m.withCorrelations(Map.of(new AssetPair("ETH", "BTC"), 0.25));
        assertThat(over.correlation("BTC", "ETH")).isEqualTo(0.25);
        assertThat(m.correlation("BTC", "ETH")).isEqualTo(0.82);
        Loaded<PriceHistory> h = history();
        for (Loaded<PriceHistory> history : java.util.Arrays.asList(null, h)) {
            double[][] c = FactorModel.build(BOOK, over, history, params(VolModels.SNAPSHOT)).correlation();
            assertThat(c[0][1]).isEqualTo(0.25);
            assertThat(c[1][0]).isEqualTo(0.25);
        }
    }

    @Test
    void pairsThatAreNotJointlyConsistentAreRepairedToTheNearestCorrelationMatrix() {
        MarketSnapshot m = RiskFixtures.market().withCorrelations(Map.of(
                new AssetPair("BTC", "ETH"), 0.95, new AssetPair("BTC", "USDC"), 0.9,
                new AssetPair("ETH", "USDC"), -0.9));
        Correlations.BookCorrelation c = FactorModel.correlation(BOOK, m, null, RiskParameters.defaults());
        assertThat(c.repaired()).isTrue();
        assertThat(c.minEigenvalueBefore()).isNegative();
        double[][] asked = {{1, 0.95, 0.9}, {0.95, 1, -0.9}, {0.9, -0.9, 1}};
        assertThat(c.matrix().values()).isEqualTo(NearestCorrelation.repair(asked).matrix());
        assertThat(NearestCorrelation.minEigenvalue(c.matrix().values())).isGreaterThan(-1e-10);
        assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("not positive semi-definite"));
        assertThat(FactorModel.build(BOOK, m, null, RiskParameters.defaults()).correlation())
                .isEqualTo(c.matrix().values());
    }

    @Test
    void anOverrideOutsideMinusOneToOneIsRefusedNamingThePair() {
        MarketSnapshot m = RiskFixtures.market();
        assertThatThrownBy(() -> m.withCorrelations(Map.of(new AssetPair("ETH", "BTC"), 1.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BTC-ETH")
                .hasMessageContaining("[-1, 1]");
        assertThatThrownBy(() -> m.withCorrelations(Map.of(new AssetPair("BTC", "ETH"), Double.NaN)))
                .hasMessageContaining("BTC-ETH");
        assertThatThrownBy(() -> m.withCorrelations(Map.of(new AssetPair("BTC", "BTC"), 0.5)))
                .hasMessageContaining("BTC-BTC");
    }
}

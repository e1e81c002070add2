package io.marginscope.margin.exchange;

import io.marginscope.margin.exchange.DeribitPmBook.Future;
import io.marginscope.margin.exchange.DeribitPmBook.Option;
import io.marginscope.margin.exchange.DeribitPmResult.RiskVector;
import io.marginscope.model.InstrumentType;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.marginscope.model.InstrumentType.CALL;
import static io.marginscope.model.InstrumentType.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Deribit portfolio margin of USDC-settled (linear) positions, {@link DeribitPmLinear}. Deribit
 * publishes no USDC-settled {@code private/pme/simulate} example, so every expected number here is a
 * hand computation of the published rules, written out in the test.
 */
class DeribitPmLinearTest {

    private static final double[] EXT = {-0.66, -0.33, 0.5, 1, 2, 3, 4, 5};

    /** Black-76 written out with commons-math's normal distribution, independent of the project's pricer. */
    private static double b76(InstrumentType right, double f, double k, double t, double vol, double r) {
        NormalDistribution n = new NormalDistribution();
        double sd = vol * Math.sqrt(t);
        double d1 = (Math.log(f / k) + 0.5 * sd * sd) / sd;
        double d2 = d1 - sd;
        double df = Math.exp(-r * t);
        return right == CALL ? df * (f * n.cumulativeProbability(d1) - k * n.cumulativeProbability(d2))
                : df * (k * n.cumulativeProbability(-d2) - f * n.cumulativeProbability(-d1));
    }

    /**
     * Long 2 BTC of BTC_USDC-PERPETUAL, index = mark = 65,000, default BTC linear parameters (range 16%,
     * usd block: pnl_offset 0.4, max_offsetable_pnl 1,000,000, dampener 25,000, min_annualised_move 0.01).
     * <pre>
     *   bucket b (0..8): P&L = 2 * 65,000 * 0.16 (b - 4) / 4 = 5,200 (b - 4) USD: -20,800 ... +20,800
     *   aggregated: losses in full, gains * 0.4 (+20,800 counts 8,320)
     *   extended: clamped to +-16%: -20,800 (falls), +20,800 (rises); counted loss
     *             (0.16 / 0.66) * 20,800 - 25,000 = 5,042.4 - 25,000 < 0, so 0
     *   worst case 20,800 (bucket 1, vol unchanged first: index 1)
     *   roll shock 0.01 * 2 * 65,000 = 1,300;  delta 2 * 65,000 = 130,000 USD <= 20m: no delta shock
     *   risk matrix margin 22,100;  MM 0.8 * 22,100 = 17,680;  IM 22,100
     * </pre>
     */
    @Test
    void linearPerpetualByHand() {
        DeribitPmBook book = new DeribitPmBook("BTC", 65_000, 365,
                List.of(new Future("BTC_USDC-PERPETUAL", 2, 65_000)));
        DeribitPmLinearResult r = DeribitPmLinear.simulate(book, DeribitPmLinearParameters.BTC);
        RiskVector v = r.initialRiskVectors().get("BTC_USDC-PERPETUAL");
        for (int i = 0; i < 27; i++) {
            double pnl = 5_200.0 * (i / 3 - 4);
            assertThat(v.standard(i)).as("entry %d", i).isCloseTo(pnl, within(1e-9));
            assertThat(r.aggregated().standard(i)).isCloseTo(pnl < 0 ? pnl : 0.4 * pnl, within(1e-9));
        }
        assertThat(v.extended()).containsExactly(new double[] {-20_800, -20_800, 20_800, 20_800, 20_800, 20_800,
                20_800, 20_800}, within(1e-9));
        assertThat(r.aggregated().extended()).containsOnly(0.0);
        assertThat(r.worstCase().loss()).isCloseTo(20_800, within(1e-9));
        assertThat(r.worstCase().index()).isEqualTo(1);
        assertThat(r.worstCase().bucket()).isEqualTo(1);
        assertThat(r.worstCase().side()).isEqualTo("left");
        assertThat(r.rollShockUsd()).isCloseTo(1_300, within(1e-9));
        assertThat(r.deltaShockUsd()).isZero();
        assertThat(r.netDelta()).isEqualTo(2);
        assertThat(r.riskMatrixMarginUsd()).isCloseTo(22_100, within(1e-9));
        assertThat(r.maintenanceMarginUsd()).isCloseTo(17_680, within(1e-9));
        assertThat(r.initialMarginUsd()).isCloseTo(22_100, within(1e-9));
        assertThat(r.warnings()).isEmpty();
    }

    /**
     * A short dated USDC future moves with its own mark (the forward 66,000, index 65,000):
     * -3 * 66,000 * m; the worst case is the +16% bucket, 3 * 66,000 * 0.16 = 31,680; the roll shock
     * is taken at the index: 0.01 * 3 * 65,000 = 1,950.
     */
    @Test
    void datedFutureMovesWithItsMark() {
        DeribitPmBook book = new DeribitPmBook("BTC", 65_000, 365, List.of(new Future("BTC_USDC-27DEC24", -3, 66_000)));
        DeribitPmLinearResult r = DeribitPmLinear.simulate(book, DeribitPmLinearParameters.BTC);
        assertThat(r.preAggregated().standard(0)).isCloseTo(-3 * 66_000 * -0.16, within(1e-9));
        assertThat(r.worstCase().loss()).isCloseTo(31_680, within(1e-9));
        assertThat(r.worstCase().index()).isEqualTo(25);
        assertThat(r.worstCase().side()).isEqualTo("right");
        assertThat(r.rollShockUsd()).isCloseTo(1_950, within(1e-9));
        assertThat(r.maintenanceMarginUsd()).isCloseTo(0.8 * (31_680 + 1_950), within(1e-9));
    }

    /** The cap max_offsetable_pnl: a counted gain is min(0.4 g, cap); with a cap of 1,000 USD. */
    @Test
    void gainsAreCappedByMaxOffsetablePnl() {
        DeribitPmParameters p = DeribitPmLinearParameters.linear("BTC", DeribitPmParameters.BTC,
                new DeribitPmLinearParameters.UsdSettlement(0.01, new DeribitPmParameters.Offsets(0.4, 1_000), 25_000));
        DeribitPmBook book = new DeribitPmBook("BTC", 65_000, 365, List.of(new Future("perp", 2, 65_000)));
        DeribitPmLinearResult r = DeribitPmLinear.simulate(book, p);
        assertThat(r.aggregated().standard(15)).isCloseTo(Math.min(0.4 * 5_200, 1_000), within(1e-9)); // 1,000
        assertThat(r.aggregated().standard(26)).isCloseTo(1_000, within(1e-9));
        assertThat(r.aggregated().standard(0)).isCloseTo(-20_800, within(1e-9));
    }

    /**
     * A linear contract of n coins and an inverse one of the same n coins have the same USD P&L in
     * each price scenario, taken at the moved index: inverse n m / (1 + m) coin * S (1 + m) = n S m.
     * An independent check of the linear futures formula against the reproduced inverse one.
     */
    @Test
    void linearAndInverseFuturesAgreeInUsd() {
        double s = 65_000;
        DeribitPmBook linear = new DeribitPmBook("BTC", s, 365, List.of(new Future("lin", -1.7, s)));
        DeribitPmBook inverse = new DeribitPmBook("BTC", s, 365, List.of(new Future("inv", -1.7, s)));
        RiskVector l = DeribitPmLinear.simulate(linear, DeribitPmLinearParameters.BTC).preAggregated();
        RiskVector i = DeribitPortfolioMargin.simulate(inverse, DeribitPmParameters.BTC).preAggregated();
        for (int k = 0; k < 27; k++) {
            double m = DeribitPmScenarios.standardMove(DeribitPmParameters.BTC.grid(), k);
            assertThat(l.standard(k)).as("entry %d", k).isCloseTo(i.standard(k) * s * (1 + m), within(1e-9));
        }
    }

    /**
     * Short 2 BTC calls K 70,000 (USDC-settled), 15 days, F 65,200, index 65,000, vol 0.55, r 0.
     * Every entry is recomputed with a Black-76 written out in this test and the vol shocks by hand:
     * up = 0.55 + 0.55 * 0.5 * 2^0.3, down = 0.55 (1 - 0.25 * 2^0.3) (30 / 15 = 2, power 0.30 below
     * 30 days); P&L = -2 (B76(F (1 + m), vol') - B76(F, 0.55)) USD.
     */
    @Test
    void shortLinearCallByHand() {
        double s = 65_000;
        double f = 65_200;
        double t = 15.0 / 365;
        Option call = new Option("BTC_USDC-C", CALL, -2, 70_000, t, f, 0.55, 0.0);
        DeribitPmLinearResult r = DeribitPmLinear.simulate(new DeribitPmBook("BTC", s, 365, List.of(call)),
                DeribitPmLinearParameters.BTC);
        double v0 = b76(CALL, f, 70_000, t, 0.55, 0);
        double up = 0.55 + 0.55 * 0.5 * Math.pow(2.0, 0.3);
        double down = 0.55 * (1 - 0.25 * Math.pow(2.0, 0.3));
        double[] vols = {up, 0.55, down};
        RiskVector v = r.initialRiskVectors().get("BTC_USDC-C");
        for (int i = 0; i < 27; i++) {
            double m = 0.16 * (i / 3 - 4) / 4.0;
            double pnl = -2 * (b76(CALL, f * (1 + m), 70_000, t, vols[i % 3], 0) - v0);
            assertThat(v.standard(i)).as("entry %d", i).isCloseTo(pnl, within(1e-6));
        }
        for (int e = 0; e < 8; e++) {
            double pnl = -2 * (b76(CALL, f * (1 + EXT[e]), 70_000, t, up, 0) - v0);
            assertThat(v.extended(e)).as("extended %d", e).isCloseTo(pnl, within(1e-6));
        }
        // worst: +16% with vol up (index 24); every extended loss counted at 0.16 / |m| stays below the
        // 25,000 USD dampener (largest: +500%, about 2 * 321,000 * 0.032 = 20,500 USD)
        assertThat(r.worstCase().index()).isEqualTo(24);
        assertThat(r.worstCase().loss()).isCloseTo(-v.standard(24), within(1e-9));
        assertThat(r.aggregated().extended()).containsOnly(0.0);
        assertThat(r.rollShockUsd()).isZero();
        // net delta = n * BS delta (spot delta, r = 0: N(d1) F / S); no premium term for a USDC option
        double sd = 0.55 * Math.sqrt(t);
        double d1 = (Math.log(f / 70_000) + 0.5 * sd * sd) / sd;
        assertThat(r.netDelta()).isCloseTo(-2 * new NormalDistribution().cumulativeProbability(d1) * f / s,
                within(1e-9));
        assertThat(r.maintenanceMarginUsd()).isCloseTo(0.8 * DeribitPortfolioMargin.round(-v.standard(24)),
                within(1e-9));
    }

    /**
     * Enough far out-of-the-money puts for the extended table to pass the 25,000 USD dampener: short
     * 2,000 puts K 30,000, long 2,000 puts K 29,000, index and forward 65,000, 40 days, vol 0.6. The
     * -66% entry counts (0.16 / 0.66) * loss - 25,000 USD; rises count 0.
     */
    @Test
    void extendedLossAboveTheUsdDampener() {
        double s = 65_000;
        double t = 40.0 / 365;
        DeribitPmBook book = new DeribitPmBook("BTC", s, 365, List.of(
                new Option("short", PUT, -2_000, 30_000, t, s, 0.6, 0.0),
                new Option("long", PUT, 2_000, 29_000, t, s, 0.6, 0.0)));
        DeribitPmLinearResult r = DeribitPmLinear.simulate(book, DeribitPmLinearParameters.BTC);
        double loss = -r.preAggregated().extended(0);
        assertThat(loss).isGreaterThan(0);
        double counted = (0.16 / 0.66) * loss - 25_000;
        assertThat(counted).isPositive();
        assertThat(r.aggregated().extended(0)).isCloseTo(-counted, within(1e-6));
        assertThat(r.aggregated().extended(2)).isZero();
        assertThat(r.worstCase().loss()).isGreaterThanOrEqualTo(counted);
    }

    /**
     * 1,000 BTC of USDC perpetual at 65,000 (65m USD of delta, above the 20m threshold): delta shock
     * 1,000 * min(0.1, 0.00005 * 1,000) = 50 BTC = 3,250,000 USD, flagged as an unpublished formula.
     */
    @Test
    void deltaShockInUsd() {
        DeribitPmBook book = new DeribitPmBook("BTC", 65_000, 365, List.of(new Future("perp", 1_000, 65_000)));
        DeribitPmLinearResult r = DeribitPmLinear.simulate(book, DeribitPmLinearParameters.BTC);
        assertThat(r.deltaShockUsd()).isCloseTo(3_250_000, within(1e-6));
        assertThat(r.warnings()).singleElement().asString().contains("unpublished");
        assertThat(r.riskMatrixMarginUsd()).isCloseTo(1_000 * 65_000 * 0.16 + 0.01 * 1_000 * 65_000 + 3_250_000,
                within(1e-6));
    }

    /**
     * Parameters: BTC and ETH combine their published currency_pair block with the usd block; an
     * underlying without published parameters takes ETH's with a warning naming ETH; without ETH in
     * the map there is nothing to fall back on.
     */
    @Test
    void parametersAndTheirFallback() {
        DeribitPmParameters btc = DeribitPmLinearParameters.BTC;
        assertThat(btc.grid()).isEqualTo(DeribitPmParameters.BTC.grid());
        assertThat(btc.extended().dampenerUsd()).isEqualTo(25_000);
        assertThat(btc.offsets()).isEqualTo(new DeribitPmParameters.Offsets(0.4, 1_000_000));
        assertThat(btc.addOns()).isEqualTo(new DeribitPmParameters.AddOns(0.01, 0.1, 20_000_000, 0.00005));
        assertThat(DeribitPmLinearParameters.ETH.grid().priceRange()).isEqualTo(0.18);
        assertThat(DeribitPmLinearParameters.ETH.addOns().minAnnualisedMove()).isEqualTo(0.01);

        DeribitPmLinearParameters.Resolved own = DeribitPmLinearParameters.resolve("BTC",
                DeribitPmLinearParameters.defaults());
        assertThat(own.params()).isSameAs(btc);
        assertThat(own.warning()).isNull();

        DeribitPmLinearParameters.Resolved sol = DeribitPmLinearParameters.resolve("SOL",
                DeribitPmLinearParameters.defaults());
        assertThat(sol.params().currency()).isEqualTo("SOL");
        assertThat(sol.params().grid()).isEqualTo(DeribitPmLinearParameters.ETH.grid());
        assertThat(sol.params().offsets()).isEqualTo(DeribitPmLinearParameters.ETH.offsets());
        assertThat(sol.warning()).contains("sol_usd").contains("ETH");

        assertThat(DeribitPmLinearParameters.resolve("SOL", Map.of("BTC", btc))).isNull();
    }
}

package io.marginscope.margin.exchange;

import io.marginscope.margin.exchange.DeribitPmBook.Future;
import io.marginscope.margin.exchange.DeribitPmBook.Option;
import io.marginscope.margin.exchange.DeribitPmResult.RiskVector;
import io.marginscope.margin.exchange.DeribitPmScenarios.VolScenario;
import io.marginscope.pricing.Black76;
import io.marginscope.pricing.BlackInputs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.marginscope.model.InstrumentType.CALL;
import static io.marginscope.model.InstrumentType.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DeribitPortfolioMarginTest {

    /** Tolerance for published numbers: the task asks for 1e-9 coin; the match is at the last digits of a double. */
    private static final double PUBLISHED = 1e-15;

    /** Nine bucket values, each repeated for the three vol scenarios (futures do not depend on vol). */
    private static double[] perBucket(double... nine) {
        double[] out = new double[27];
        for (int i = 0; i < 27; i++) {
            out[i] = nine[i / 3];
        }
        return out;
    }

    private static void assertVector(double[] actual, double[] published) {
        assertThat(actual).hasSameSizeAs(published);
        for (int i = 0; i < published.length; i++) {
            assertThat(actual[i]).as("entry %d", i).isCloseTo(published[i], within(PUBLISHED));
        }
    }

    /**
     * Deribit API documentation, {@code private/pme/simulate}, response example
     * (https://docs.deribit.com/api-reference/account-management/private-simulate; model_params timestamp
     * 1718619740501 = 2024-06-17). Inputs from the response: portfolio.position BTC-PERPETUAL 0.314538364,
     * BTC-28JUN24 -0.001187534 (sizes in BTC), ticker mark prices 65910.57 and 67371.75, index_price
     * btc_usd 65666.19. Every number below is as published in that example.
     */
    @Test
    void reproducesTheDocumentationExample() {
        DeribitPmBook book = new DeribitPmBook("BTC", 65_666.19, 365, List.of(
                new Future("BTC-PERPETUAL", 0.314538364, 65_910.57),
                new Future("BTC-28JUN24", -0.001187534, 67_371.75)));
        DeribitPmResult r = DeribitPortfolioMargin.simulate(book, DeribitPmParameters.BTC);

        RiskVector perp = r.initialRiskVectors().get("BTC-PERPETUAL");
        assertVector(perp.standard(), perBucket(-0.05991206933333334, -0.04289159509090909, -0.027351162086956524,
                -0.013105765166666668, 0, 0.012097629384615385, 0.023299138074074074, 0.033700538999999995,
                0.043384601931034494));
        assertVector(perp.extended(), new double[] {-0.05991206933333334, -0.05991206933333334,
                0.04338460193103449, 0.04338460193103449, 0.04338460193103449, 0.04338460193103449,
                0.04338460193103449, 0.04338460193103449});
        RiskVector fut = r.initialRiskVectors().get("BTC-28JUN24");
        assertVector(fut.standard(), perBucket(0.0002261969523809524, 0.00016193645454545456,
                0.00010326382608695652, 0.00004948058333333334, 0, -0.00004567438461538462, -0.00008796548148148148,
                -0.0001272357857142857, -0.00016379779310344832));
        assertVector(fut.extended(), new double[] {0.0002261969523809524, 0.0002261969523809524,
                -0.0001637977931034483, -0.0001637977931034483, -0.0001637977931034483, -0.0001637977931034483,
                -0.0001637977931034483, -0.0001637977931034483});

        assertVector(r.aggregated().standard(), perBucket(-0.05968587238095239, -0.04272965863636364,
                -0.02724789826086957, -0.013056284583333334, 0, 0, 0, 0, 0));
        assertVector(r.aggregated().extended(), new double[8]);

        // risk_matrix_margin_details
        assertThat(r.worstCase().loss()).isCloseTo(0.05968587238095239, within(PUBLISHED));
        assertThat(r.worstCase().source()).isEqualTo("standard");
        assertThat(r.worstCase().index()).isEqualTo(1);
        assertThat(r.worstCase().bucket()).isEqualTo(1);
        assertThat(r.worstCase().side()).isEqualTo("left");
        assertThat(r.rollShock()).isCloseTo(0.00315725898, within(PUBLISHED));
        assertThat(r.deltaShock()).isZero();
        assertThat(r.riskMatrixMargin()).isCloseTo(0.06284313098, within(PUBLISHED));
        assertThat(r.maintenanceMargin()).isCloseTo(0.050274504784, within(PUBLISHED));
        // Deribit's initial_margin 0.122861343 = round(risk matrix 0.06284313098 + mmp_margin 0.06
        // + open_orders_margin 0.000018212, 9); the last two belong to the account, not the book
        assertThat(r.initialMargin()).isCloseTo(0.062843131, within(PUBLISHED));
        assertThat(DeribitPortfolioMargin.round(r.riskMatrixMargin() + 0.06 + 0.000018212))
                .isCloseTo(0.122861343, within(PUBLISHED));
        assertThat(r.warnings()).isEmpty();
    }

    /**
     * A live {@code private/pme/simulate} response for ETH (2026-02-15, model_params timestamp
     * 1771197609587) stored in a public GitHub repository, found by content search (the index did not
     * return the repository's name); not Deribit documentation. It adds pnl_offset 0.6 and shows the
     * half-up rounding (0.15246412672881357 to 0.152464127). Inputs: position ETH-PERPETUAL -0.999487053,
     * mark 1949.49, index 1949.34.
     */
    @Test
    void reproducesALiveEthResponse() {
        DeribitPmBook book = new DeribitPmBook("ETH", 1_949.34, 365,
                List.of(new Future("ETH-PERPETUAL", -0.999487053, 1_949.49)));
        DeribitPmResult r = DeribitPortfolioMargin.simulate(book, DeribitPmParameters.ETH);
        assertVector(r.preAggregated().standard(), perBucket(0.21939959699999997, 0.155989308849711,
                0.09885036787912087, 0.04709624857068063, 0, -0.04304011233014354, -0.08252645391743119,
                -0.11888171996035243, -0.15246412672881357));
        assertVector(r.preAggregated().extended(), new double[] {0.21939959699999997, 0.21939959699999997,
                -0.15246412672881357, -0.15246412672881357, -0.15246412672881357, -0.15246412672881357,
                -0.15246412672881357, -0.15246412672881357});
        assertVector(r.aggregated().standard(), perBucket(0.13163975819999998, 0.09359358530982659,
                0.05931022072747252, 0.028257749142408375, 0, -0.04304011233014354, -0.08252645391743119,
                -0.11888171996035243, -0.15246412672881357));
        assertVector(r.aggregated().extended(), new double[8]);
        assertThat(r.worstCase().loss()).isCloseTo(0.15246412672881357, within(PUBLISHED));
        assertThat(r.worstCase().index()).isEqualTo(25);
        assertThat(r.worstCase().bucket()).isEqualTo(9);
        assertThat(r.worstCase().side()).isEqualTo("right");
        assertThat(r.rollShock()).isCloseTo(0.004997435265, within(PUBLISHED));
        assertThat(r.riskMatrixMargin()).isCloseTo(0.157461562265, within(PUBLISHED));
        assertThat(r.maintenanceMargin()).isCloseTo(0.125969249812, within(PUBLISHED));
        assertThat(r.initialMargin()).isCloseTo(0.157461562, within(PUBLISHED));
    }

    /** Vol shocks by hand: BTC grid, vol 0.6 and 0.3, 15 and 60 days. */
    @Test
    void volShocksByHand() {
        var g = DeribitPmParameters.BTC.grid();
        double s15 = Math.pow(30.0 / 15, 0.30);
        double s60 = Math.pow(30.0 / 60, 0.13);
        assertThat(DeribitPmScenarios.shockedVol(g, 0.6, 15, VolScenario.UP)).isCloseTo(0.6 + 0.6 * 0.5 * s15, within(1e-15));
        assertThat(DeribitPmScenarios.shockedVol(g, 0.6, 15, VolScenario.DOWN)).isCloseTo(0.6 * (1 - 0.25 * s15), within(1e-15));
        assertThat(DeribitPmScenarios.shockedVol(g, 0.6, 60, VolScenario.UP)).isCloseTo(0.6 + 0.6 * 0.5 * s60, within(1e-15));
        // below min_volatility_for_shock_up the up shock is scaled from 0.5
        assertThat(DeribitPmScenarios.shockedVol(g, 0.3, 30, VolScenario.UP)).isCloseTo(0.3 + 0.5 * 0.5, within(1e-15));
        assertThat(DeribitPmScenarios.shockedVol(g, 0.3, 30, VolScenario.DOWN)).isCloseTo(0.3 * 0.75, within(1e-15));
        assertThat(DeribitPmScenarios.shockedVol(g, 0.3, 30, VolScenario.UNCHANGED)).isEqualTo(0.3);
        assertThat(DeribitPmScenarios.shockedVol(g, 0.6, 0.001, VolScenario.DOWN)).isZero(); // floored
        assertThat(DeribitPmScenarios.standardMove(g, 0)).isEqualTo(-0.16);
        assertThat(DeribitPmScenarios.standardMove(g, 14)).isEqualTo(0.0);
        assertThat(DeribitPmScenarios.standardMove(g, 26)).isEqualTo(0.16);
        assertThat(DeribitPmScenarios.extendedFraction(DeribitPmParameters.BTC, -0.66)).isCloseTo(0.16 / 0.66, within(1e-15));
    }

    /**
     * Hand computation of the published rules for options (no published example holds options): short
     * 2 BTC calls K 70,000, 15 days, F 65,200, index 65,000, vol 0.55, r 0. Each entry is recomputed
     * here from Black-76 and the vol shock formulas, independently of the engine's loops.
     */
    @Test
    void shortCallByHand() {
        double s = 65_000;
        double f = 65_200;
        double t = 15.0 / 365;
        Option call = new Option("BTC-C", CALL, -2, 70_000, t, f, 0.55, 0.0);
        DeribitPmResult r = DeribitPortfolioMargin.simulate(new DeribitPmBook("BTC", s, 365, List.of(call)),
                DeribitPmParameters.BTC);
        double v0 = Black76.price(CALL, new BlackInputs(f, 70_000, t, 0.55, 0)) / s;
        double up = 0.55 + 0.55 * 0.5 * Math.pow(2.0, 0.3);
        double down = 0.55 * (1 - 0.25 * Math.pow(2.0, 0.3));
        double[] vols = {up, 0.55, down};
        RiskVector v = r.initialRiskVectors().get("BTC-C");
        for (int i = 0; i < 27; i++) {
            double m = 0.16 * (i / 3 - 4) / 4.0;
            double value = Black76.price(CALL, new BlackInputs(f * (1 + m), 70_000, t, vols[i % 3], 0)) / (s * (1 + m));
            assertThat(v.standard(i)).as("entry %d", i).isCloseTo(-2 * (value - v0), within(1e-15));
        }
        double[] moves = {-0.66, -0.33, 0.5, 1, 2, 3, 4, 5};
        for (int e = 0; e < 8; e++) {
            double value = Black76.price(CALL, new BlackInputs(f * (1 + moves[e]), 70_000, t, up, 0)) / (s * (1 + moves[e]));
            assertThat(v.extended(e)).isCloseTo(-2 * (value - v0), within(1e-15));
        }
        // worst standard entry: +16% with vol up (index 24); 2 options are far below the 100,000 USD dampener
        assertThat(r.worstCase().index()).isEqualTo(24);
        assertThat(r.worstCase().loss()).isCloseTo(-v.standard(24), within(1e-15));
        assertThat(r.aggregated().extended()).containsOnly(0.0);
        assertThat(r.rollShock()).isZero();
        // net delta = n (BS delta - value in coin)
        double d1 = (Math.log(f / 70_000) + 0.5 * 0.55 * 0.55 * t) / (0.55 * Math.sqrt(t));
        double bsDelta = io.marginscope.pricing.NormalDist.cdf(d1) * f / s;
        assertThat(r.netDelta()).isCloseTo(-2 * (bsDelta - v0), within(1e-12));
    }

    /**
     * A book large enough for the extended table to pass the dampener: short 2,000 puts K 30,000
     * (far out of the money), long 2,000 puts K 29,000. The -66% entry counts
     * (0.16 / 0.66) * loss * S - 100,000 USD, converted back to coin.
     */
    @Test
    void extendedLossAboveTheDampener() {
        double s = 65_000;
        double t = 40.0 / 365;
        DeribitPmBook book = new DeribitPmBook("BTC", s, 365, List.of(
                new Option("short", PUT, -2_000, 30_000, t, s, 0.6, 0.0),
                new Option("long", PUT, 2_000, 29_000, t, s, 0.6, 0.0)));
        DeribitPmResult r = DeribitPortfolioMargin.simulate(book, DeribitPmParameters.BTC);
        double loss = -r.preAggregated().extended(0);
        assertThat(loss).isGreaterThan(0);
        double counted = (0.16 / 0.66) * loss * s - 100_000;
        assertThat(counted).isPositive();
        assertThat(r.aggregated().extended(0)).isCloseTo(-counted / s, within(1e-12));
        assertThat(r.aggregated().extended(2)).isZero(); // a gain in the rise scenarios counts 0
        assertThat(r.worstCase().loss()).isGreaterThanOrEqualTo(counted / s);
    }

    /** Delta shock above the 20m USD threshold: 1,000 BTC of perpetual at 65,000 = 65m USD. */
    @Test
    void deltaShockAboveTheThresholdIsFlagged() {
        DeribitPmBook book = new DeribitPmBook("BTC", 65_000, 365,
                List.of(new Future("BTC-PERPETUAL", 1_000, 65_000)));
        DeribitPmResult r = DeribitPortfolioMargin.simulate(book, DeribitPmParameters.BTC);
        assertThat(r.netDelta()).isEqualTo(1_000);
        assertThat(r.deltaShock()).isCloseTo(1_000 * Math.min(0.1, 0.00005 * 1_000), within(1e-9));
        assertThat(r.warnings()).singleElement().asString().contains("unpublished");
        assertThat(r.riskMatrixMargin()).isCloseTo(DeribitPortfolioMargin.round(r.worstCase().loss())
                + 1_000 * 0.01 + 50, within(1e-9));
        DeribitPmBook small = new DeribitPmBook("BTC", 65_000, 365, List.of(new Future("BTC-PERPETUAL", 300, 65_000)));
        assertThat(DeribitPortfolioMargin.simulate(small, DeribitPmParameters.BTC).deltaShock()).isZero();
    }
}

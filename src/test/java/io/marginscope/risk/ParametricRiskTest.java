package io.marginscope.risk;

import io.marginscope.model.InstrumentType;
import io.marginscope.model.Portfolio;
import io.marginscope.pricing.NormalDist;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import static io.marginscope.risk.RiskFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ParametricRiskTest {

    static final double Z99 = new NormalDistribution().inverseCumulativeProbability(0.99);

    @Test
    void singleLinearPositionEqualsTheClosedForms() {
        Portfolio b = book(perp("p", "BTC", -2.5, 90_000));
        RiskParameters p = RiskParameters.defaults().withHorizon(2);
        RiskResult r = compute(b, market(), p);
        double sd = 2.5 * 92_000 * 0.55 * Math.sqrt(2 / 365.0);
        assertThat(r.var()).isCloseTo(sd * Z99, within(1e-9 * sd));
        assertThat(r.es()).isCloseTo(sd * NormalDist.pdf(Z99) / 0.01, within(1e-9 * sd));
        assertThat(r.positions().get(0).componentEs()).isCloseTo(r.es(), within(1e-6 * r.es()));
        assertThat(r.positions().get(0).incrementalVar()).isCloseTo(r.var(), within(1e-9 * r.var()));
        assertThat(r.positions().get(0).marginalVar()).isCloseTo(r.var() / -2.5, within(1e-6 * r.var()));
    }

    @Test
    void twoAssetBookEqualsSqrtWSigmaW() {
        Portfolio b = book(perp("btc", "BTC", 3, 90_000), perp("eth", "ETH", -50, 3_000),
                spot("usdc", "USDC", 100_000));
        RiskParameters p = RiskParameters.defaults().withHorizon(1).withConfidence(0.975);
        RiskResult r = compute(b, market(), p);
        double w1 = 3 * 92_000 * 0.55;
        double w2 = -50 * 3_100 * 0.65;
        double sigma = Math.sqrt((w1 * w1 + w2 * w2 + 2 * 0.82 * w1 * w2) / 365);
        double z = new NormalDistribution().inverseCumulativeProbability(0.975);
        assertThat(r.var()).isCloseTo(sigma * z, within(1e-9 * sigma));
        assertThat(r.es()).isCloseTo(sigma * NormalDist.pdf(z) / 0.025, within(1e-9 * sigma));
        assertThat(r.componentEsSum()).isCloseTo(r.es(), within(1e-7 * r.es()));
        double cVarSum = r.positions().stream().mapToDouble(PositionRisk::componentVar).sum();
        assertThat(cVarSum).isCloseTo(r.var(), within(1e-7 * r.var()));
        // analytic Euler component: w_i (Sigma w)_i / sigma * z
        double c1 = w1 * (w1 + 0.82 * w2) / 365 / sigma * z;
        assertThat(r.positions().get(0).componentVar()).isCloseTo(c1, within(1e-6 * Math.abs(c1)));
        assertThat(r.positions().get(2).componentEs()).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void deltaGammaHasTheRightSkewAndEulerStillAddsUp() {
        Portfolio shortGamma = book(option("c", "BTC", InstrumentType.CALL, 100_000, -10),
                option("p", "BTC", InstrumentType.PUT, 85_000, -10), perp("h", "BTC", 2, 92_000),
                option("e", "ETH", InstrumentType.CALL, 3_500, 40));
        RiskResult r = compute(shortGamma, market(), RiskParameters.defaults());
        assertThat(r.moments().skewness()).isNegative();
        assertThat(r.es()).isGreaterThan(r.var());
        assertThat(r.componentEsSum()).isCloseTo(r.es(), within(1e-6 * r.es()));
        double cVarSum = r.positions().stream().mapToDouble(PositionRisk::componentVar).sum();
        assertThat(cVarSum).isCloseTo(r.var(), within(1e-6 * r.var()));
        // long gamma mirrors it: positive skew
        Portfolio longGamma = book(option("c", "BTC", InstrumentType.CALL, 100_000, 10));
        assertThat(compute(longGamma, market(), RiskParameters.defaults()).moments().skewness()).isPositive();
    }

    @Test
    void deltaGammaIsCloseToFullRevaluationMonteCarloForASmallHorizon() {
        Portfolio b = book(option("c", "BTC", InstrumentType.CALL, 95_000, -10), perp("h", "BTC", 4, 92_000));
        RiskParameters p = RiskParameters.defaults().withHorizon(1);
        RiskResult dg = compute(b, market(), p);
        RiskResult mc = compute(b, market(), p.withMethod(RiskMethod.MONTECARLO).withScenarios(200_000, 7));
        // delta-gamma with Cornish-Fisher is an approximation: agreement within 5%.
        // full revaluation lets the day pass (the short call earns its theta); delta-gamma has no time term
        double theta = io.marginscope.pricing.PortfolioValuation.of(b, market()).byUnderlying().get("BTC").theta();
        assertThat(theta).isPositive();
        assertThat(dg.var()).isCloseTo(mc.var() + theta, within(0.05 * mc.var()));
        assertThat(dg.es()).isCloseTo(mc.es() + theta, within(0.05 * mc.es()));
    }
}

package io.marginscope.pricing;

import io.marginscope.model.InstrumentType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import static io.marginscope.model.InstrumentType.CALL;
import static io.marginscope.model.InstrumentType.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class Black76Test {

    /** Hull, Options, Futures and Other Derivatives, Example 15.6: S=42, K=40, r=10%, vol=20%, T=0.5. */
    @Test
    void textbookValues() {
        OptionInputs in = new OptionInputs(42, 40, 0.5, 0.20, 0.10, 0.0);
        assertThat(Black76.greeks(CALL, in).price()).isCloseTo(4.76, within(0.005));
        assertThat(Black76.greeks(PUT, in).price()).isCloseTo(0.81, within(0.005));
        // the same through Black-76 directly on the forward
        assertThat(Black76.price(CALL, in.toBlack())).isCloseTo(4.7594, within(1e-4));
        assertThat(Black76.price(PUT, in.toBlack())).isCloseTo(0.8086, within(1e-4));
    }

    /** Hull's Black-76 example (futures option): F=20, K=20, r=9%, vol=25%, T=4/12, put 1.12. */
    @Test
    void black76TextbookPut() {
        assertThat(Black76.price(PUT, new BlackInputs(20, 20, 4.0 / 12, 0.25, 0.09))).isCloseTo(1.12, within(0.005));
    }

    @Property(tries = 300)
    void putCallParity(@ForAll @DoubleRange(min = 100, max = 200_000) double spot,
                       @ForAll @DoubleRange(min = 0.3, max = 3) double moneyness,
                       @ForAll @DoubleRange(min = 0.0, max = 3) double years,
                       @ForAll @DoubleRange(min = 0.0, max = 3) double vol,
                       @ForAll @DoubleRange(min = -0.05, max = 0.3) double rate,
                       @ForAll @DoubleRange(min = 0.0, max = 0.1) double yield) {
        double k = spot * moneyness;
        OptionInputs in = new OptionInputs(spot, k, years, vol, rate, yield);
        double c = Black76.greeks(CALL, in).price();
        double p = Black76.greeks(PUT, in).price();
        double parity = spot * Math.exp(-yield * years) - k * Math.exp(-rate * years);
        assertThat(c - p).isCloseTo(parity, within(1e-9 * Math.max(spot, k)));
        assertThat(c).isGreaterThanOrEqualTo(0);
        assertThat(p).isGreaterThanOrEqualTo(0);
        // delta parity: call delta - put delta = e^{-qT}
        double dc = Black76.greeks(CALL, in).delta();
        double dp = Black76.greeks(PUT, in).delta();
        if (years > 0) {
            assertThat(dc - dp).isCloseTo(Math.exp(-yield * years), within(1e-9));
        }
    }

    @Property(tries = 200)
    void greeksMatchFiniteDifferences(@ForAll("rights") InstrumentType right,
                                      @ForAll @DoubleRange(min = 1000, max = 100_000) double spot,
                                      @ForAll @DoubleRange(min = 0.6, max = 1.6) double moneyness,
                                      @ForAll @DoubleRange(min = 0.02, max = 2) double years,
                                      @ForAll @DoubleRange(min = 0.1, max = 1.5) double vol,
                                      @ForAll @DoubleRange(min = 0.0, max = 0.15) double rate,
                                      @ForAll @DoubleRange(min = 0.0, max = 0.05) double yield) {
        double k = spot * moneyness;
        OptionInputs in = new OptionInputs(spot, k, years, vol, rate, yield);
        OptionGreeks g = Black76.greeks(right, in);

        // central differences with Richardson extrapolation: D = (4 D(h/2) - D(h)) / 3, error O(h^4)
        double h = spot * 1e-3;
        double mid = price(right, spot, k, years, vol, rate, yield);
        assertThat(g.price()).isEqualTo(mid);
        double delta = richardson(x -> (price(right, spot + x, k, years, vol, rate, yield)
                - price(right, spot - x, k, years, vol, rate, yield)) / (2 * x), h);
        double gamma = richardson(x -> (price(right, spot + x, k, years, vol, rate, yield) - 2 * mid
                + price(right, spot - x, k, years, vol, rate, yield)) / (x * x), h);
        assertThat(g.delta()).isCloseTo(delta, within(1e-7));
        double noise = 64 * Math.ulp(mid) / (h * h / 4);
        assertThat(g.gamma()).isCloseTo(gamma, within(1e-5 * Math.abs(g.gamma()) + noise + 1e-14));

        double dv = 1e-5;
        double vegaFd = (price(right, spot, k, years, vol + dv, rate, yield)
                - price(right, spot, k, years, vol - dv, rate, yield)) / (2 * dv) / 100;
        assertThat(g.vega()).isCloseTo(vegaFd, within(1e-6 * spot));

        double dt = 1e-6;
        double thetaFd = -(price(right, spot, k, years + dt, vol, rate, yield)
                - price(right, spot, k, years - dt, vol, rate, yield)) / (2 * dt);
        assertThat(g.thetaPerYear()).isCloseTo(thetaFd, within(1e-4 * spot));
    }

    private static double richardson(java.util.function.DoubleUnaryOperator d, double h) {
        return (4 * d.applyAsDouble(h / 2) - d.applyAsDouble(h)) / 3;
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<InstrumentType> rights() {
        return net.jqwik.api.Arbitraries.of(CALL, PUT);
    }

    @Test
    void expiredOptionsAreWorthIntrinsic() {
        OptionGreeks c = Black76.greeks(CALL, new OptionInputs(110, 100, 0.0, 0.5, 0.05, 0));
        assertThat(c.price()).isEqualTo(10.0);
        assertThat(c.delta()).isEqualTo(1.0);
        assertThat(c.gamma()).isZero();
        assertThat(c.vega()).isZero();
        assertThat(c.thetaPerYear()).isZero();
        OptionGreeks p = Black76.greeks(PUT, new OptionInputs(110, 100, -0.01, 0.5, 0.05, 0));
        assertThat(p.price()).isZero();
        assertThat(p.delta()).isZero();
        OptionGreeks atm = Black76.greeks(PUT, new OptionInputs(100, 100, 0.0, 0.5, 0.05, 0));
        assertThat(atm.delta()).isEqualTo(-0.5);
    }

    @Test
    void zeroVolIsDiscountedIntrinsicOnTheForwardWithoutNaN() {
        for (double k : new double[] {80, 100, 100 * Math.exp(0.05), 130}) {
            for (InstrumentType right : new InstrumentType[] {CALL, PUT}) {
                OptionInputs in = new OptionInputs(100, k, 1.0, 0.0, 0.05, 0);
                OptionGreeks g = Black76.greeks(right, in);
                double f = in.forward();
                double intrinsic = Math.exp(-0.05) * Math.max(right == CALL ? f - k : k - f, 0);
                assertThat(g.price()).isCloseTo(intrinsic, within(1e-9));
                assertThat(new double[] {g.delta(), g.gamma(), g.vega(), g.thetaPerYear()}).doesNotContain(Double.NaN);
                assertThat(Double.isFinite(g.gamma())).isTrue();
            }
        }
    }

    @Test
    void tinyTimeApproachesIntrinsicSmoothly() {
        for (double t : new double[] {1e-6, 1e-10, 1e-14, 1e-300}) {
            OptionGreeks g = Black76.greeks(CALL, new OptionInputs(100, 100, t, 0.8, 0.0, 0));
            assertThat(g.price()).isBetween(0.0, 0.1);
            assertThat(g.delta()).isCloseTo(0.5, within(1e-3));
            assertThat(new double[] {g.price(), g.delta(), g.gamma(), g.vega(), g.thetaPerYear()})
                    .doesNotContain(Double.NaN);
            OptionGreeks itm = Black76.greeks(CALL, new OptionInputs(100, 90, t, 0.8, 0.0, 0));
            assertThat(itm.price()).isCloseTo(10.0, within(1e-6));
            assertThat(itm.delta()).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void rejectsLinearInstruments() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Black76.price(InstrumentType.PERP,
                new BlackInputs(100, 100, 1, 0.5, 0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normalCdfAgainstKnownValues() {
        assertThat(NormalDist.cdf(0)).isEqualTo(0.5);
        assertThat(NormalDist.cdf(1.959963984540054)).isCloseTo(0.975, within(1e-15));
        assertThat(NormalDist.cdf(-2.3263478740408408)).isCloseTo(0.01, within(1e-16));
        // deep lower tail keeps relative accuracy: N(-10) = 7.619853024160527e-24
        assertThat(NormalDist.cdf(-10) / 7.619853024160527e-24).isCloseTo(1.0, within(1e-12));
    }

    private static double price(InstrumentType right, double s, double k, double t, double vol, double r, double q) {
        return Black76.greeks(right, new OptionInputs(s, k, t, vol, r, q)).price();
    }
}

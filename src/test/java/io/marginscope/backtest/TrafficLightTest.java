package io.marginscope.backtest;

import io.marginscope.backtest.TrafficLight.Zone;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrafficLightTest {

    /** The Basel table: 250 days at 99%, cumulative probabilities as published (4 decimals). */
    @ParameterizedTest
    @CsvSource({
            "0, GREEN, 0.0811, 0.00", "4, GREEN, 0.8922, 0.00",
            "5, YELLOW, 0.9588, 0.40", "6, YELLOW, 0.9863, 0.50", "7, YELLOW, 0.9960, 0.65",
            "8, YELLOW, 0.9989, 0.75", "9, YELLOW, 0.9997, 0.85",
            "10, RED, 0.9999, 1.00", "25, RED, 1.0000, 1.00"})
    void baselZonesAt250DaysAnd99(int exceptions, Zone zone, double cumulative, double plus) {
        TrafficLight light = TrafficLight.of(250, exceptions, 0.99);
        assertThat(light.zone()).isEqualTo(zone);
        assertThat(light.cumulativeProbability()).isCloseTo(cumulative, within(0.00006));
        assertThat(light.plusFactor()).isEqualTo(plus);
        assertThat(light.plusFactorInterpolated()).isFalse();
    }

    @Test
    void boundariesAt250Days() {
        assertThat(TrafficLight.of(250, 4, 0.99).zoneName()).isEqualTo("GREEN");
        assertThat(TrafficLight.of(250, 5, 0.99).zoneName()).isEqualTo("YELLOW");
        assertThat(TrafficLight.of(250, 9, 0.99).zoneName()).isEqualTo("YELLOW");
        assertThat(TrafficLight.of(250, 10, 0.99).zoneName()).isEqualTo("RED");
    }

    /**
     * Other samples, zones from the binomial CDF (checked with scipy.stats.binom.cdf):
     * n = 500 at 99%: F(8) = 0.9329 &lt; 95% &le; F(9) = 0.9689; F(14) = 0.99979 &lt; 99.99% &le; F(15) = 0.999939.
     * n = 100 at 99%: F(2) = 0.9206, F(3) = 0.9816; F(5) = 0.99947, F(6) = 0.999929.
     * n = 250 at 97.5%: F(10) = 0.9485, F(11) = 0.9753; F(16) = 0.99978, F(17) = 0.999928.
     */
    @ParameterizedTest
    @CsvSource({"500, 0.99, 8, 15", "100, 0.99, 2, 6", "250, 0.975, 10, 17", "1000, 0.99, 14, 24"})
    void zonesForOtherSamples(int n, double confidence, int lastGreen, int firstRed) {
        assertThat(TrafficLight.of(n, lastGreen, confidence).zone()).isEqualTo(Zone.GREEN);
        assertThat(TrafficLight.of(n, lastGreen + 1, confidence).zone()).isEqualTo(Zone.YELLOW);
        assertThat(TrafficLight.of(n, firstRed - 1, confidence).zone()).isEqualTo(Zone.YELLOW);
        assertThat(TrafficLight.of(n, firstRed, confidence).zone()).isEqualTo(Zone.RED);
        double previous = 0;
        for (int x = lastGreen + 1; x < firstRed; x++) {
            TrafficLight light = TrafficLight.of(n, x, confidence);
            assertThat(light.plusFactorInterpolated()).isTrue();
            assertThat(light.plusFactor()).isBetween(0.40, 0.85).isGreaterThanOrEqualTo(previous);
            previous = light.plusFactor();
        }
        assertThat(TrafficLight.of(n, firstRed, confidence).plusFactor()).isEqualTo(1.0);
        assertThat(TrafficLight.of(n, lastGreen, confidence).plusFactor()).isZero();
    }

    @Test
    void interpolationReproducesTheBaselRowsAtTheirProbabilities() {
        double[] table = {0.40, 0.50, 0.65, 0.75, 0.85};
        for (int k = 0; k < 5; k++) {
            double cdf = TrafficLight.cumulative(250, 5 + k, 0.99);
            assertThat(TrafficLight.interpolate(cdf)).isCloseTo(table[k], within(1e-12));
        }
        // 500 days at 99%, 10 exceptions: F = 0.98676, between the rows 6 (F = 0.98630) and 7 (0.99597)
        // of 250 days, just above row 6 -> slightly above 0.50
        assertThat(TrafficLight.of(500, 10, 0.99).plusFactor()).isBetween(0.50, 0.52);
    }

    @Property(tries = 200)
    void zoneNeverImprovesWithMoreExceptions(@ForAll @IntRange(min = 1, max = 2000) int n,
                                              @ForAll @DoubleRange(min = 0.9, max = 0.999) @Scale(6) double confidence) {
        Zone previous = Zone.GREEN;
        double previousFactor = 0;
        for (int x = 0; x <= Math.min(n, 60); x++) {
            TrafficLight light = TrafficLight.of(n, x, confidence);
            assertThat(light.zone().compareTo(previous)).isGreaterThanOrEqualTo(0);
            assertThat(light.plusFactor()).isGreaterThanOrEqualTo(previousFactor);
            assertThat(light.cumulativeProbability()).isBetween(0.0, 1.0);
            previous = light.zone();
            previousFactor = light.plusFactor();
        }
    }
}

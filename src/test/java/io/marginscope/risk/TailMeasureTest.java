package io.marginscope.risk;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TailMeasureTest {

    @Test
    void totalsAreBitForBitThoseOfTheFullSort() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 100 + rng.nextInt(20_000);
            double[] pnl = new double[n];
            for (int i = 0; i < n; i++) {
                // ties and signed zeros on purpose
                pnl[i] = trial % 3 == 0 ? Math.rint(rng.nextGaussian() * 5) * 1000 : rng.nextGaussian() * 1e5;
                if (i % 97 == 0) {
                    pnl[i] = i % 2 == 0 ? 0.0 : -0.0;
                }
            }
            for (double c : new double[] {0.95, 0.975, 0.99, 0.999}) {
                TailMeasure full = TailMeasure.of(pnl, c);
                TailMeasure fast = TailMeasure.totals(pnl, c);
                assertThat(fast.var()).isEqualTo(full.var());
                assertThat(fast.es()).isEqualTo(full.es());
                assertThat(fast.k()).isEqualTo(full.k());
                assertThat(fast.order()).isNull();
            }
        }
    }
}

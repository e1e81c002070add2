package io.marginscope.stress;

import io.marginscope.model.Portfolio;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.marginscope.stress.StressFixtures.book;
import static io.marginscope.stress.StressFixtures.market;
import static io.marginscope.stress.StressFixtures.perp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StressSpanGridTest {

    static final ScanRanges RANGES = new ScanRanges(Map.of("BTC", 0.16, "ETH", 0.20), 0.25);

    @Test
    void theSixteenScenariosAreThoseOfTheFormat() {
        List<StressScenario> span = SpanArray.of(List.of("BTC", "ETH", "SOL"), RANGES, 0.25, 3, 0.35);
        assertThat(span).hasSize(16);
        // {multiple of the range, relative vol move, weight} in the order of FORMATS.md / CME SPAN
        double t = 1.0 / 3;
        double[][] expected = {
                {0, 0.25, 1}, {0, -0.25, 1}, {t, 0.25, 1}, {t, -0.25, 1}, {-t, 0.25, 1}, {-t, -0.25, 1},
                {2 * t, 0.25, 1}, {2 * t, -0.25, 1}, {-2 * t, 0.25, 1}, {-2 * t, -0.25, 1},
                {1, 0.25, 1}, {1, -0.25, 1}, {-1, 0.25, 1}, {-1, -0.25, 1}, {3, 0, 0.35}, {-3, 0, 0.35}};
        for (int i = 0; i < 16; i++) {
            StressScenario s = span.get(i);
            assertThat(s.name()).startsWith("SPAN " + (i + 1) + ":");
            assertThat(s.weight()).isEqualTo(expected[i][2]);
            assertThat(s.horizonDays()).isZero();
            assertThat(s.isPath()).isFalse();
            assertThat(s.shocks().hasDefault()).isFalse();
            assertThat(s.shocks().byAsset()).containsOnlyKeys("BTC", "ETH", "SOL");
            // underlyings move together, each by the same multiple of its own range
            for (var e : Map.of("BTC", 0.16, "ETH", 0.20, "SOL", 0.25).entrySet()) {
                AssetShock a = s.shockFor(e.getKey());
                assertThat(a.price()).isCloseTo(expected[i][0] * e.getValue(), within(1e-15));
                assertThat(a.volRelative()).isEqualTo(expected[i][1]);
                assertThat(a.volPoints()).isZero();
            }
        }
        assertThat(span).extracting(StressScenario::name).doesNotHaveDuplicates();
        assertThat(span.get(0).shockFor("USDC")).isEqualTo(AssetShock.NONE);
    }

    @Property(tries = 200)
    void spanIsSymmetricForAPerp(@ForAll @DoubleRange(min = 0.01, max = 0.3) double range,
                                 @ForAll @DoubleRange(min = -50, max = 50) double quantity) {
        Portfolio b = book(perp("p", "BTC", quantity, 90_000));
        List<StressScenario> span = SpanArray.of(List.of("BTC"), new ScanRanges(Map.of("BTC", range), 0.25),
                0.25, 3, 0.35);
        List<StressResult> r = StressEngine.runAll(b, market(), span);
        double tol = 1e-9 * Math.max(1, Math.abs(quantity) * 92_000);
        assertThat(r.get(0).pnl()).isCloseTo(0, within(tol));
        assertThat(r.get(1).pnl()).isCloseTo(0, within(tol));
        for (int k = 1; k <= 3; k++) {
            int up = 4 * k - 2;   // scenario 4k-1 (1-based): +k/3, vol up
            int down = 4 * k;     // scenario 4k+1: -k/3, vol up
            double plus = r.get(up).pnl();
            assertThat(r.get(down).pnl()).isCloseTo(-plus, within(tol));
            assertThat(r.get(down + 1).pnl()).isCloseTo(-plus, within(tol)); // vol down: same for a perp
            assertThat(plus).isCloseTo(quantity * 92_000 * range * k / 3.0, within(tol));
        }
        assertThat(r.get(14).pnl()).isCloseTo(-r.get(15).pnl(), within(tol));
        assertThat(r.get(14).weightedPnl()).isCloseTo(0.35 * quantity * 92_000 * 3 * range, within(tol));
    }

    @Test
    void spanParametersAreChecked() {
        assertThatThrownBy(() -> SpanArray.of(List.of("XRP"), RANGES, 0.25, 4, 0.35))
                .hasMessageContaining("XRP").hasMessageContaining("zero");
        assertThatThrownBy(() -> SpanArray.of(List.of("BTC"), RANGES, 1.0, 3, 0.35)).hasMessageContaining("volScanRange");
        assertThatThrownBy(() -> SpanArray.of(List.of("BTC"), RANGES, 0.25, 3, 1.5)).hasMessageContaining("extremeCover");
        assertThatThrownBy(() -> new ScanRanges(Map.of("BTC", 1.2), 0.2)).hasMessageContaining("BTC");
    }

    @Test
    void gridHasThreeVolsPerEvenlySpacedPriceStepWithZeroIncluded() {
        ScanRanges ranges = new ScanRanges(Map.of("BTC", 0.16), 0.20);
        List<StressScenario> grid = StressGrid.of(ranges, 9, 0.45, 0.30);
        assertThat(grid).hasSize(27);
        for (int i = 0; i < 9; i++) {
            double fraction = (i - 4) / 4.0;
            for (int v = 0; v < 3; v++) {
                StressScenario s = grid.get(3 * i + v);
                assertThat(s.shockFor("BTC").price()).isCloseTo(0.16 * fraction, within(1e-15));
                assertThat(s.shockFor("ETH").price()).isCloseTo(0.20 * fraction, within(1e-15)); // default
                assertThat(s.shockFor("BTC").volRelative()).isEqualTo(new double[] {0.45, 0, -0.30}[v]);
                assertThat(s.weight()).isEqualTo(1);
            }
        }
        assertThat(grid.get(12).shockFor("BTC").price()).isZero();
        assertThat(grid.get(13).shockFor("BTC").isNone()).isTrue();
        assertThat(grid.get(0).shockFor("BTC").price()).isEqualTo(-0.16);
        assertThat(grid.get(26).shockFor("BTC").price()).isEqualTo(0.16);
        assertThat(grid).extracting(StressScenario::name).doesNotHaveDuplicates();
    }

    @Test
    void gridOverGivenUnderlyingsLeavesOthersAlone() {
        List<StressScenario> grid = StressGrid.of(List.of("BTC", "ETH"), new ScanRanges(Map.of("BTC", 0.16), 0.20), 5,
                0.45, 0.30);
        assertThat(grid).hasSize(15);
        assertThat(grid.get(0).shockFor("ETH").price()).isCloseTo(-0.20, within(1e-15));
        assertThat(grid.get(0).shockFor("USDC")).isEqualTo(AssetShock.NONE);
        assertThat(StressEngine.run(book(perp("p", "BTC", 1, 92_000)), market(), grid.get(7)).pnl()).isZero();
    }

    @Test
    void gridNeedsAnOddNumberOfStepsSoThatZeroIsOne() {
        assertThatThrownBy(() -> StressGrid.of(RANGES, 8, 0.45, 0.30)).hasMessageContaining("odd");
        assertThatThrownBy(() -> StressGrid.of(RANGES, 1, 0.45, 0.30)).hasMessageContaining("odd");
        assertThatThrownBy(() -> StressGrid.of(RANGES, 9, 0.45, 1.30)).hasMessageContaining("volDown");
    }
}

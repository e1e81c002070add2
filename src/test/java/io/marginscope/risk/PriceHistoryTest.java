package io.marginscope.risk;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PriceHistoryTest {

    static final LocalDate JAN1 = LocalDate.parse("2024-01-01");

    /** Closes on JAN1 + each offset; the close of day k is 100 * (1 + k / 100.0) * factor. */
    static AssetPrices prices(String asset, double factor, int... offsets) {
        List<LocalDate> dates = new ArrayList<>();
        double[] closes = new double[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            dates.add(JAN1.plusDays(offsets[i]));
            closes[i] = close(offsets[i], factor);
        }
        return new AssetPrices(asset, dates, closes);
    }

    static double close(int day, double factor) {
        return factor * (100 + day + (day % 3) * 0.7);
    }

    static int[] range(int from, int to) {
        int[] r = new int[to - from + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    static int[] without(int[] days, int... drop) {
        Set<Integer> d = new HashSet<>();
        for (int x : drop) {
            d.add(x);
        }
        return java.util.Arrays.stream(days).filter(x -> !d.contains(x)).toArray();
    }

    @Test
    void gapIsReportedAndNoReturnCrossesIt() {
        // 2024-01-01 .. 2024-01-10 without the 4th and 5th
        PriceHistory h = new PriceHistory(List.of(prices("BTC", 1, without(range(0, 9), 3, 4))));
        AlignedReturns a = h.returns();
        assertThat(a.warnings()).containsExactly(
                "BTC: 2 missing days between 2024-01-01 and 2024-01-10, first 2024-01-04; returns across them skipped");
        ReturnSeries r = a.returns();
        // 01-02, 01-03 | gap | 01-07 .. 01-10 (01-06 would span 01-03 -> 01-06)
        assertThat(r.dates()).containsExactly(JAN1.plusDays(1), JAN1.plusDays(2), JAN1.plusDays(6), JAN1.plusDays(7),
                JAN1.plusDays(8), JAN1.plusDays(9));
        assertThat(r.of("BTC")[2]).isCloseTo(Math.log(close(6, 1) / close(5, 1)), within(1e-15));
        assertThat(r.of("BTC")[1]).isCloseTo(Math.log(close(2, 1) / close(1, 1)), within(1e-15));
    }

    @Test
    void twoAssetsWithDifferentRangesAlignOnCommonDays() {
        PriceHistory h = new PriceHistory(List.of(prices("BTC", 400, range(0, 9)), prices("ETH", 20, range(4, 14))));
        AlignedReturns a = h.returns(List.of("ETH", "BTC"));
        assertThat(a.warnings()).isEmpty();
        ReturnSeries r = a.returns();
        assertThat(r.assets()).containsExactly("ETH", "BTC");
        // common days 01-05 .. 01-10: returns ending 01-06 .. 01-10
        assertThat(r.dates()).containsExactly(JAN1.plusDays(5), JAN1.plusDays(6), JAN1.plusDays(7), JAN1.plusDays(8),
                JAN1.plusDays(9));
        for (int t = 0; t < r.length(); t++) {
            int day = 5 + t;
            assertThat(r.of("ETH")[t]).isCloseTo(Math.log(close(day, 20) / close(day - 1, 20)), within(1e-15));
            assertThat(r.of("BTC")[t]).isCloseTo(Math.log(close(day, 400) / close(day - 1, 400)), within(1e-15));
        }
    }

    @Test
    void aGapInOneAssetBreaksTheReturnOfAllAligned() {
        PriceHistory h = new PriceHistory(List.of(prices("BTC", 1, range(0, 6)), prices("ETH", 1, without(range(0, 6), 3))));
        AlignedReturns a = h.returns();
        assertThat(a.warnings()).containsExactly(
                "ETH: 1 missing day between 2024-01-01 and 2024-01-07, first 2024-01-04; returns across them skipped");
        assertThat(a.returns().dates()).containsExactly(JAN1.plusDays(1), JAN1.plusDays(2), JAN1.plusDays(5),
                JAN1.plusDays(6));
        // BTC alone keeps all its returns
        assertThat(h.returns(List.of("BTC")).returns().length()).isEqualTo(6);
    }

    @Test
    void historyEndingBeforeTheSnapshotIsUsedUpToItsEndWithAWarning() {
        PriceHistory h = new PriceHistory(List.of(prices("BTC", 1, range(0, 30))));
        AlignedReturns a = h.returnsUpTo(LocalDate.parse("2024-02-20"));
        assertThat(a.warnings()).containsExactly(
                "history ends 2024-01-31, before the snapshot's 2024-02-20; used up to its end");
        assertThat(a.returns().length()).isEqualTo(30);

        PriceHistory two = new PriceHistory(List.of(prices("BTC", 1, range(0, 30)), prices("ETH", 1, range(0, 20))));
        assertThat(two.returnsUpTo(List.of("BTC", "ETH"), LocalDate.parse("2024-02-20")).warnings()).containsExactly(
                "history ends 2024-01-21 (ETH), before the snapshot's 2024-02-20; used up to its end");
    }

    @Test
    void returnsAreCutAtTheSnapshotDateInclusive() {
        PriceHistory h = new PriceHistory(List.of(prices("BTC", 1, range(0, 30))));
        AlignedReturns a = h.returnsUpTo(List.of("BTC"), LocalDate.parse("2024-01-10"));
        assertThat(a.warnings()).isEmpty();
        assertThat(a.returns().dates().getLast()).isEqualTo(LocalDate.parse("2024-01-10"));
        assertThat(a.returns().length()).isEqualTo(9);
        // gaps after the cut are not reported
        PriceHistory gapLater = new PriceHistory(List.of(prices("BTC", 1, without(range(0, 30), 20))));
        assertThat(gapLater.returnsUpTo(List.of("BTC"), LocalDate.parse("2024-01-10")).warnings()).isEmpty();
    }

    @Test
    void snapshotBeforeTheHistoryAndNoCommonDays() {
        PriceHistory h = new PriceHistory(List.of(prices("BTC", 1, range(10, 20)), prices("ETH", 1, range(0, 5))));
        AlignedReturns early = h.returnsUpTo(List.of("BTC"), LocalDate.parse("2024-01-05"));
        assertThat(early.returns().length()).isZero();
        assertThat(early.warnings()).containsExactly("BTC: no close on or before the snapshot's 2024-01-05 (history starts 2024-01-11)");

        AlignedReturns disjoint = h.returns();
        assertThat(disjoint.returns().length()).isZero();
        assertThat(disjoint.warnings()).containsExactly("no returns: BTC, ETH have no two consecutive calendar days in common");
    }

    @Test
    void assetsOfABookMissingFromTheHistory() {
        PriceHistory h = new PriceHistory(List.of(prices("BTC", 1, range(0, 3)), prices("ETH", 1, range(0, 3))));
        assertThat(h.missing(List.of("BTC", "SOL", "USDC", "SOL", "ETH"))).containsExactly("SOL", "USDC");
        assertThat(h.missing(List.of("ETH"))).isEmpty();
        assertThatThrownBy(() -> h.returns(List.of("BTC", "SOL"))).hasMessage("no price history for SOL");
        assertThatThrownBy(() -> new PriceHistory(List.of(prices("BTC", 1, 0), prices("BTC", 2, 1))))
                .hasMessageContaining("twice");
    }

    /** Whatever days are missing, a return exists exactly for each day present with its previous day for every asset. */
    @Property(tries = 200)
    void noReturnEverSpansAMissingDay(@ForAll @Size(min = 2, max = 60) List<@IntRange(min = 0, max = 59) Integer> a,
                                      @ForAll @Size(min = 2, max = 60) List<@IntRange(min = 0, max = 59) Integer> b) {
        int[] da = a.stream().distinct().sorted().mapToInt(Integer::intValue).toArray();
        int[] db = b.stream().distinct().sorted().mapToInt(Integer::intValue).toArray();
        PriceHistory h = new PriceHistory(List.of(prices("A", 1, da), prices("B", 3, db)));
        ReturnSeries r = h.returns().returns();
        Set<Integer> sa = new HashSet<>();
        Set<Integer> sb = new HashSet<>();
        for (int x : da) {
            sa.add(x);
        }
        for (int x : db) {
            sb.add(x);
        }
        List<LocalDate> expected = new ArrayList<>();
        for (int day = 1; day < 60; day++) {
            if (sa.contains(day) && sa.contains(day - 1) && sb.contains(day) && sb.contains(day - 1)) {
                expected.add(JAN1.plusDays(day));
            }
        }
        assertThat(r.dates()).containsExactlyElementsOf(expected);
        for (int t = 0; t < r.length(); t++) {
            int day = (int) (r.dates().get(t).toEpochDay() - JAN1.toEpochDay());
            assertThat(r.of("B")[t]).isCloseTo(Math.log(close(day, 3) / close(day - 1, 3)), within(1e-14));
        }
    }
}

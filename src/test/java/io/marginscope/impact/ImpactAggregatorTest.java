package io.marginscope.impact;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The aggregates against hand-computed values on small bases. */
class ImpactAggregatorTest {

    static AccountFigures fig(String policy, double adjusted, double mm, String zone) {
        return new AccountFigures(policy, null, adjusted, adjusted, mm, mm * 1.5, adjusted > 0 ? mm / adjusted : Double.NaN,
                zone, adjusted - mm * 1.5, Map.of(), List.of(), Map.of("BTC", mm));
    }

    static AccountResult account(long i, AccountFigures... f) {
        return new AccountResult(i, "a" + i, "a" + i + ".csv", null, List.of(f), List.of(), List.of());
    }

    @Test
    void totalsMarginCallZonesTransitionsAndMovers() {
        ImpactAggregator agg = new ImpactAggregator(List.of("old", "new"), List.of(), 2);
        agg.add(account(0, fig("old", 1000, 100, "OK"), fig("new", 1000, 850, "WARNING")));
        agg.add(account(1, fig("old", 500, 600, "LIQUIDATION"), fig("new", 500, 400, "WARNING")));
        agg.add(account(2, fig("old", 200, 50, "OK"), AccountFigures.failed("new", "tier Z not in the policy")));
        agg.add(account(3, fig("old", 300, 30, "OK"), fig("new", 300, 60, "OK")));
        ImpactSummary s = agg.finish();
        assertThat(s.accounts()).isEqualTo(4);
        ImpactSummary.PolicyTotals old = s.policies().get(0);
        assertThat(old.maintenanceMargin()).isEqualTo(780.0);
        assertThat(old.marginCall()).isEqualTo(100.0); // only account 1: 600 - 500
        assertThat(old.zones()).containsEntry("OK", 3L).containsEntry("LIQUIDATION", 1L).containsEntry("WARNING", 0L);
        ImpactSummary.PolicyTotals neu = s.policies().get(1);
        assertThat(neu.computed()).isEqualTo(3);
        assertThat(neu.notComputed()).isEqualTo(1);
        assertThat(neu.maintenanceMargin()).isEqualTo(1310.0);
        assertThat(neu.marginCall()).isZero();
        assertThat(neu.marginByUnderlying()).containsEntry("BTC", 1310.0);
        long[][] c = s.transitions().get(0).counts();
        assertThat(c[0]).containsExactly(1, 1, 0, 1); // OK -> OK, OK -> WARNING, OK -> N/A
        assertThat(c[2]).containsExactly(0, 1, 0, 0); // LIQUIDATION -> WARNING
        ImpactSummary.ChangeDistribution d = s.changes().get(0);
        assertThat(d.accounts()).isEqualTo(3);
        assertThat(d.total()).isEqualTo(750 - 200 + 30);
        assertThat(d.topIncreases()).extracting(ImpactSummary.Mover::account).containsExactly("a0", "a3");
        assertThat(d.topDecreases()).extracting(ImpactSummary.Mover::account).containsExactly("a1");
        assertThat(d.min()).isEqualTo(-200);
        assertThat(d.max()).isEqualTo(750);
        // sorted changes -200, 30, 750: p50 is the middle one, p25 halfway between the first two
        assertThat(d.percentiles().get(50)).isEqualTo(30.0);
        assertThat(d.percentiles().get(25)).isCloseTo(-85.0, within(1e-12));
    }

    /** An account a policy margins without an MM (no position covered) is out of the change, not a NaN total. */
    @Test
    void anAccountWithoutMmUnderAPolicyIsLeftOutOfTheChange() {
        ImpactAggregator agg = new ImpactAggregator(List.of("old", "new"), List.of(), 20);
        AccountFigures uncovered = new AccountFigures("new", null, 400, 400, Double.NaN, Double.NaN, Double.NaN,
                "NOT_COVERED", Double.NaN, Map.of(), List.of("opt-1: options are not margined"), Map.of());
        agg.add(account(0, fig("old", 1000, 100, "OK"), fig("new", 1000, 160, "OK")));
        agg.add(account(1, fig("old", 400, 90, "OK"), uncovered));
        agg.add(account(2, fig("old", 500, 50, "OK"), fig("new", 500, 30, "OK")));
        ImpactSummary s = agg.finish();
        ImpactSummary.ChangeDistribution d = s.changes().get(0);
        assertThat(d.accounts()).isEqualTo(2);
        assertThat(d.total()).isEqualTo(60 - 20);
        assertThat(d.min()).isEqualTo(-20);
        assertThat(d.max()).isEqualTo(60);
        assertThat(d.topIncreases()).extracting(ImpactSummary.Mover::account).containsExactly("a0");
        assertThat(d.topDecreases()).extracting(ImpactSummary.Mover::account).containsExactly("a2");
        assertThat(s.policies().get(1).notComputed()).isEqualTo(1);
        assertThat(s.policies().get(1).accountsNotCovered()).isEqualTo(1);
        assertThat(s.transitions().get(0).counts()[0]).containsExactly(2, 0, 0, 1);
    }

    @Test
    void percentilesAndHistogramOfOneToAHundred() {
        ImpactAggregator agg = new ImpactAggregator(List.of("a", "b"), List.of(), 20);
        for (int i = 0; i < 100; i++) {
            agg.add(account(i, fig("a", 1e6, 1000, "OK"), fig("b", 1e6, 1000 + i + 1, "OK")));
        }
        ImpactSummary.ChangeDistribution d = agg.finish().changes().get(0);
        // rank 1 + 99 p over the values 1..100, i.e. 1 + 99 p
        assertThat(d.percentiles().get(90)).isCloseTo(1 + 99 * 0.90, within(1e-9));
        assertThat(d.percentiles().get(1)).isCloseTo(1 + 99 * 0.01, within(1e-9));
        assertThat(d.histogram()).hasSize(20);
        // width 99/20 = 4.95: values 1..5.95 in the first bin, i.e. 1..5
        assertThat(d.histogram().get(0).count()).isEqualTo(5);
        assertThat(d.histogram().stream().mapToLong(ImpactSummary.Bin::count).sum()).isEqualTo(100);
        assertThat(d.topIncreases()).hasSize(20);
        assertThat(d.topIncreases().get(0).change()).isEqualTo(100.0);
    }

    @Test
    void episodesCountShortfallsAfterTheMarginCallAnswered() {
        ImpactAggregator agg = new ImpactAggregator(List.of("p"), List.of("2020-03-12"), 20);
        List<AccountResult> rs = new ArrayList<>();
        // equity 1000, IM 150: no top-up; loss 1200 -> shortfall 200, liquidated
        AccountFigures a = fig("p", 1000, 100, "OK");
        // adjusted 100, MM 200 (IM 300): tops up 200 -> enters with 300; loss 250 -> no shortfall, 50 < MM: liquidated
        AccountFigures b = fig("p", 100, 200, "LIQUIDATION");
        rs.add(new AccountResult(0, "a", "a.csv", null, List.of(a),
                List.of(EpisodeFigures.of("2020-03-12", a, 1200)), List.of()));
        rs.add(new AccountResult(1, "b", "b.csv", null, List.of(b),
                List.of(EpisodeFigures.of("2020-03-12", b, 250)), List.of()));
        rs.forEach(agg::add);
        ImpactSummary.EpisodeTotals e = agg.finish().episodes().get(0);
        assertThat(e.shortfallAccounts()).isEqualTo(1);
        assertThat(e.totalShortfall()).isEqualTo(200.0);
        assertThat(e.liquidated()).isEqualTo(2);
        assertThat(rs.get(1).episodes().get(0).equityBefore()).isEqualTo(300.0);
    }

    @Test
    void accountsMustComeInOrder() {
        ImpactAggregator agg = new ImpactAggregator(List.of("p"), List.of(), 20);
        assertThatThrownBy(() -> agg.add(account(1, fig("p", 1, 1, "OK")))).isInstanceOf(IllegalStateException.class);
    }
}

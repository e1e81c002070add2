package io.marginscope.analysis;

import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.Instrument;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CrossMarginAccountsTest {

    static final MarginCalculator.Settings FAST = new MarginCalculator.Settings(2_000, 42L);

    @Test
    void accountsEqualTheirBooksAloneAndOffsettingAccountsNet() throws Exception {
        Samples.Sample s = Samples.load("btc-short-strangle.csv");
        Portfolio hedger = new Portfolio("hedger", List.of(
                new Position("perp", Instrument.perp("BTC", Settlement.LINEAR), -3.9, 92_300),
                new Position("usdc", Instrument.spot("USDC"), 300_000, 1)));
        Policy ramm = PolicyPresets.load("ramm");
        List<CrossMargin.Account> accounts = List.of(new CrossMargin.Account("strangle", s.book(), s.market()),
                new CrossMargin.Account("hedger", hedger, s.market()));
        CrossMargin.Result r = CrossMargin.of(accounts, null, ramm, FAST);
        for (int i = 0; i < 2; i++) {
            BookFigures alone = BookFigures.of(accounts.get(i).book(), s.market(), null, ramm, FAST);
            assertThat(r.accounts().get(i).margin()).isEqualTo(alone.margin());
            assertThat(r.accounts().get(i).var()).isEqualTo(alone.var());
            assertThat(r.accounts().get(i).liquidation()).isEqualTo(alone.liquidation());
        }
        assertThat(r.combined().book().positions()).hasSize(9);
        assertThat(r.combined().book().positions().get(7).id()).isEqualTo("hedger/perp");
        assertThat(r.combined().equity()).isCloseTo(r.accounts().get(0).equity() + r.accounts().get(1).equity(),
                within(1e-6));
        // the hedger's short perp offsets the strangle book's +3.9 BTC delta
        assertThat(r.nettingBenefit()).isPositive();
        assertThat(r.nettingBenefit()).isCloseTo(r.accountsMaintenanceMargin() - r.combined().maintenanceMargin(),
                within(1e-9));
    }

    @Test
    void theCombinedBookTakesTheMostConservativeTier() throws Exception {
        Samples.Sample s = Samples.load("btc-eth-basis.csv");
        Policy p = CounterpartyPolicies.tiered();
        List<String> warnings = new java.util.ArrayList<>();
        Portfolio merged = CrossMargin.merge(List.of(new CrossMargin.Account("a", s.book().withTier("B"), s.market()),
                new CrossMargin.Account("b", s.book().withTier("C"), s.market())), p, warnings);
        assertThat(merged.tier()).isEqualTo("C");
        assertThat(warnings).hasSize(1);
        Portfolio same = CrossMargin.merge(List.of(new CrossMargin.Account("a", s.book().withTier("B"), s.market()),
                new CrossMargin.Account("b", s.book().withTier("B"), s.market())), p, warnings);
        assertThat(same.tier()).isEqualTo("B");
        Portfolio none = CrossMargin.merge(List.of(new CrossMargin.Account("a", s.book(), s.market())), p, warnings);
        assertThat(none.tier()).isNull();
    }

    /** A span policy with counterparty tiers A..D, default A. */
    static final class CounterpartyPolicies {
        static Policy tiered() throws Exception {
            return io.marginscope.io.PolicyJson.read(new io.marginscope.io.TextSource("cp.json", """
                    {"stress": {"span": {"priceScanRange": {"default": 0.2}, "volScanRange": 0.25}},
                     "counterparty": {"tiers": {"A": 1.0, "B": 1.1, "C": 1.25, "D": 1.5}, "tier": "A"}}"""), "cp");
        }
    }
}

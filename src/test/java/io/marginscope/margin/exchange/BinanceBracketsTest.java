package io.marginscope.margin.exchange;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BinanceBracketsTest {

    /**
     * Binance, "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts" (2020-08-14),
     * https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93:
     * "Maintenance Amount on Level 3 = 250,000 * (1% - 0.5%) + 50 USDT = 1,300 USDT"; a 500,000 USDT
     * BTCUSDT position has maintenance amount 1,300 and a 264,000 USDT position a rate of 1%.
     */
    @Test
    void usdmWorkedAmountExample() {
        assertThat(Brackets.cumulativeAmount(250_000, 0.01, 0.005, 50)).isCloseTo(1_300, within(1e-9));
        Brackets t = BinanceBrackets.BTCUSDT;
        assertThat(t.rows().get(1).amount()).isCloseTo(50, within(1e-9));
        assertThat(t.rows().get(2).amount()).isCloseTo(1_300, within(1e-9));
        assertThat(t.bracketFor(500_000).amount()).isCloseTo(1_300, within(1e-9));
        assertThat(t.bracketFor(264_000).rate()).isEqualTo(0.01);
    }

    /**
     * Binance, "How to Calculate Liquidation Price of COIN-M Futures Contracts" (2021-02-05),
     * https://www.binance.com/es/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46:
     * "BTCUSD Maintenance Amount on Level 5 = 50 BTC * (5% - 2.5%) + 0.56 BTC = 1.81 BTC".
     */
    @Test
    void coinmWorkedAmountExample() {
        assertThat(Brackets.cumulativeAmount(50, 0.05, 0.025, 0.56)).isCloseTo(1.81, within(1e-12));
    }

    /**
     * Rates from Binance, "Updates to Leverage and Margin Tiers of Binance Futures Contracts
     * (2021-03-18)", https://www.binance.com/en/support/announcement/86cf9aa472574b8cb2e05bb751c2a9a6;
     * amounts by the cumulative rule.
     */
    @Test
    void btcusdtTableFromThe2021Announcement() {
        Brackets t = BinanceBrackets.BTCUSDT;
        assertThat(t.size()).isEqualTo(10);
        assertThat(t.cap()).isEqualTo(500_000_000);
        double[] amounts = t.rows().stream().mapToDouble(Brackets.Bracket::amount).toArray();
        assertThat(amounts).containsExactly(new double[] {0, 50, 1_300, 16_300, 266_300, 1_266_300, 2_516_300,
                5_016_300, 25_016_300, 100_016_300}, within(1e-6));
        assertThat(t.amountMismatches(1e-6)).isEmpty();
        assertThat(t.maintenance(10_000)).isCloseTo(40, within(1e-9));
        assertThat(t.maintenance(1_000_000)).isCloseTo(8_700, within(1e-9)); // 1% * 1e6 - 1,300
    }

    /** ETHUSDT bracket 1 as in Binance's GET /fapi/v1/leverageBracket response example; nothing above it. */
    @Test
    void ethusdtStopsAtTheOnlyPublishedBracket() {
        Brackets t = BinanceBrackets.ETHUSDT;
        assertThat(t.maintenance(10_000)).isCloseTo(65, within(1e-9));
        assertThat(t.covers(10_001)).isFalse();
        assertThatThrownBy(() -> t.maintenance(10_001)).hasMessageContaining("above the last bracket");
    }

    @Test
    void aTableWithAWrongAmountIsFlagged() {
        Brackets bad = new Brackets(List.of(new Brackets.Bracket(0, 0.004, 0),
                new Brackets.Bracket(50_000, 0.005, 50), new Brackets.Bracket(250_000, 0.01, 1_200)), 1_000_000);
        assertThat(bad.amountMismatches(1e-6)).singleElement().asString()
                .contains("row 3").contains("1300");
        assertThatThrownBy(() -> bad.requireConsistentAmounts(1e-6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bracketsHoldTheirUpperEdge() {
        Brackets t = BinanceBrackets.BTCUSDT;
        assertThat(t.indexFor(0)).isZero();
        assertThat(t.indexFor(50_000)).isZero();          // 0 < N <= 50,000
        assertThat(t.indexFor(50_000.01)).isEqualTo(1);
        assertThat(t.indexFor(500_000_000)).isEqualTo(9);
        assertThatThrownBy(() -> t.indexFor(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedTablesAreRefused() {
        assertThatThrownBy(() -> new Brackets(List.of(new Brackets.Bracket(10, 0.01, 0)), 100))
                .hasMessageContaining("start at notional 0");
        assertThatThrownBy(() -> new Brackets(List.of(new Brackets.Bracket(0, 0.01, 0),
                new Brackets.Bracket(0, 0.02, 0)), 100)).hasMessageContaining("ascending");
        assertThatThrownBy(() -> new Brackets.Bracket(0, 0, 0)).hasMessageContaining("rate");
    }

    /** The cumulative rule makes maintenance margin continuous at every floor. */
    @Property(tries = 50)
    void maintenanceIsContinuousAtFloors(@ForAll @IntRange(min = 1, max = 9) int row) {
        Brackets t = BinanceBrackets.BTCUSDT;
        double floor = t.rows().get(row).floor();
        Brackets.Bracket below = t.rows().get(row - 1);
        Brackets.Bracket above = t.rows().get(row);
        assertThat(floor * above.rate() - above.amount())
                .isCloseTo(floor * below.rate() - below.amount(), within(1e-6));
        assertThat(t.maintenance(floor * (1 + 1e-12))).isCloseTo(t.maintenance(floor), within(1e-2));
    }
}

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

    /**
     * ETHUSDT, every tier of the recorded leverageBracket response ({@link BinanceBrackets#USDM_2024_SOURCE}):
     * the published floors, rates and maintenance amounts ("cum"), each amount equal to the previous
     * one plus floor x (rate - previous rate), and nothing above the last cap.
     */
    @Test
    void ethusdtTableHasEveryPublishedTierAndTheAmountRule() {
        checkTable(BinanceBrackets.ETHUSDT,
                new double[] {0, 50_000, 600_000, 3_000_000, 12_000_000, 50_000_000, 65_000_000, 150_000_000,
                        320_000_000, 400_000_000, 530_000_000, 800_000_000},
                new double[] {0.004, 0.005, 0.0065, 0.01, 0.02, 0.025, 0.05, 0.10, 0.125, 0.15, 0.25, 0.50},
                new double[] {0, 50, 950, 11_450, 131_450, 381_450, 2_006_450, 9_506_450, 17_506_450, 27_506_450,
                        80_506_450, 280_506_450},
                1_200_000_000);
        // hand-computed: 900,000 USDT in tier 3, 900,000 x 0.65% - 950 = 4,900
        assertThat(BinanceBrackets.ETHUSDT.maintenance(900_000)).isCloseTo(4_900, within(1e-9));
    }

    /** SOLUSDT, every tier of the same recorded response. */
    @Test
    void solusdtTableHasEveryPublishedTierAndTheAmountRule() {
        checkTable(BinanceBrackets.SOLUSDT,
                new double[] {0, 20_000, 100_000, 800_000, 4_000_000, 8_000_000, 40_000_000, 80_000_000,
                        100_000_000, 200_000_000},
                new double[] {0.005, 0.0065, 0.01, 0.02, 0.025, 0.05, 0.10, 0.125, 0.25, 0.50},
                new double[] {0, 30, 380, 8_380, 28_380, 228_380, 2_228_380, 4_228_380, 16_728_380, 66_728_380},
                400_000_000);
        // hand-computed: 5,000,000 USDT in tier 5, 5e6 x 2.5% - 28,380 = 96,620
        assertThat(BinanceBrackets.SOLUSDT.maintenance(5_000_000)).isCloseTo(96_620, within(1e-9));
    }

    /** BTCUSDT against the 2021-03-18 announcement, through the same check. */
    @Test
    void btcusdtTableThroughTheSameCheck() {
        checkTable(BinanceBrackets.BTCUSDT,
                new double[] {0, 50_000, 250_000, 1_000_000, 10_000_000, 20_000_000, 50_000_000, 100_000_000,
                        200_000_000, 300_000_000},
                new double[] {0.004, 0.005, 0.01, 0.025, 0.05, 0.10, 0.125, 0.15, 0.25, 0.50},
                new double[] {0, 50, 1_300, 16_300, 266_300, 1_266_300, 2_516_300, 5_016_300, 25_016_300,
                        100_016_300},
                500_000_000);
    }

    private static void checkTable(Brackets t, double[] floors, double[] rates, double[] cums, double cap) {
        assertThat(t.size()).isEqualTo(floors.length);
        assertThat(t.cap()).isEqualTo(cap);
        for (int i = 0; i < floors.length; i++) {
            Brackets.Bracket b = t.rows().get(i);
            assertThat(b.floor()).as("floor " + (i + 1)).isEqualTo(floors[i]);
            assertThat(b.rate()).as("rate " + (i + 1)).isEqualTo(rates[i]);
            assertThat(b.amount()).as("cum " + (i + 1)).isCloseTo(cums[i], within(1e-6));
            if (i > 0) {
                // the maintenance amount rule, independently of Brackets.cumulativeAmount
                assertThat(cums[i]).as("rule " + (i + 1))
                        .isCloseTo(cums[i - 1] + floors[i] * (rates[i] - rates[i - 1]), within(1e-6));
                // at the boundary the tier below holds it (0 < N <= cap), and MM is continuous there
                assertThat(t.indexFor(floors[i])).isEqualTo(i - 1);
                assertThat(t.indexFor(Math.nextUp(floors[i]))).isEqualTo(i);
                assertThat(floors[i] * rates[i] - cums[i]).isCloseTo(floors[i] * rates[i - 1] - cums[i - 1],
                        within(1e-6));
            }
        }
        assertThat(t.amountMismatches(1e-6)).isEmpty();
        assertThat(t.covers(cap)).isTrue();
        assertThat(t.covers(Math.nextUp(cap))).isFalse();
        assertThatThrownBy(() -> t.maintenance(Math.nextUp(cap))).hasMessageContaining("above the last bracket");
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

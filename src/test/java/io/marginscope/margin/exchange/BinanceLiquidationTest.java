package io.marginscope.margin.exchange;

import io.marginscope.margin.exchange.BinanceLiquidation.LiquidationPrice;
import io.marginscope.margin.exchange.BinanceLiquidation.Side;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BinanceLiquidationTest {

    private static final Brackets BTC = BinanceBrackets.BTCUSDT;

    /**
     * Binance FAQ (https://binance.com/en/support/faq/25edcd7fe0e544839d0847b8cbb2e400, on avoiding
     * liquidation): "Assume you have a wallet balance of 500 USDT. You entered a long BTCUSDT position
     * worth 1,000 USDT with 20x leverage at $50,000. In this example, your liquidation price will be
     * $25,100.40." One position, so TMM = UPNL = 0 and the cross formula is the isolated one with
     * WB = 500, size 0.02 BTC, bracket 1 (0.40%, amount 0).
     */
    @Test
    void publishedLongExample() {
        LiquidationPrice lp = BinanceLiquidation.isolatedOneWay(500, 0.02, 50_000, Side.LONG, BTC).orElseThrow();
        assertThat(lp.price()).isCloseTo(25_100.40, within(0.005));
        assertThat(lp.bracketIndex()).isZero();
        assertThat(lp.price()).isCloseTo(500.0 / 0.01992, within(1e-9)); // (500 - 1000) / (0.02*0.004 - 0.02)
    }

    /**
     * Across a bracket boundary, by hand with the FAQ's formula (https://www.binance.com/en/support/faq/
     * b3c689c1f50a44cabb3a84e663b81d93) and the 2021-03-18 BTCUSDT table. Long 10 BTC at 26,000
     * (notional 260,000: bracket 3 at entry, 1%, amount 1,300), isolated wallet 26,000 USDT.
     * Bracket 3: (26,000 + 1,300 - 260,000) / (10*0.01 - 10) = 23,505.05, notional 235,050.5, not in
     * bracket 3. Bracket 2: (26,000 + 50 - 260,000) / (10*0.005 - 10) = 233,950 / 9.95 = 23,512.5628,
     * notional 235,125.6 in (50,000, 250,000]: the answer uses bracket 2, not the entry bracket.
     */
    @Test
    void longAcrossABracketBoundary() {
        assertThat(BTC.indexFor(260_000)).isEqualTo(2);
        LiquidationPrice lp = BinanceLiquidation.isolatedOneWay(26_000, 10, 26_000, Side.LONG, BTC).orElseThrow();
        assertThat(lp.bracketIndex()).isEqualTo(1);
        assertThat(lp.price()).isCloseTo(233_950.0 / 9.95, within(1e-9));
        assertThat(lp.price()).isCloseTo(23_512.5628, within(1e-4));
        // the entry bracket would have given another price
        assertThat(BinanceLiquidation.priceWith(26_000, 10, 26_000, 1, BTC.rows().get(2)))
                .isCloseTo(232_700.0 / 9.9, within(1e-9));
    }

    /**
     * Short 10 BTC at 24,000 (notional 240,000, bracket 2), wallet 24,000. Bracket 2 gives
     * 264,050 / 10.05 = 26,273.63 (notional 262,736, outside); bracket 3 gives
     * (24,000 + 1,300 + 240,000) / (0.1 + 10) = 265,300 / 10.1 = 26,267.33, notional 262,673 in
     * (250,000, 1,000,000].
     */
    @Test
    void shortAcrossABracketBoundary() {
        LiquidationPrice lp = BinanceLiquidation.isolatedOneWay(24_000, 10, 24_000, Side.SHORT, BTC).orElseThrow();
        assertThat(lp.bracketIndex()).isEqualTo(2);
        assertThat(lp.price()).isCloseTo(265_300.0 / 10.1, within(1e-9));
    }

    @Test
    void aFullyFundedLongHasNoLiquidationPrice() {
        assertThat(BinanceLiquidation.isolatedOneWay(60_000, 1, 50_000, Side.LONG, BTC)).isEmpty();
    }

    @Test
    void aPriceAboveTheTableIsAnError() {
        Brackets eth = BinanceBrackets.ETHUSDT;
        // 500,000 ETH short at 2,000 (1e9) with a 1e9 wallet: it liquidates near 3,040, a notional of about
        // 1.5e9, past the table's 1.2e9 cap
        assertThatThrownBy(() -> BinanceLiquidation.isolatedOneWay(1e9, 500_000, 2_000, Side.SHORT, eth))
                .hasMessageContaining("above the last bracket");
        assertThatThrownBy(() -> BinanceLiquidation.isolatedOneWay(1_000, 0, 2_000, Side.SHORT, eth))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** At the price found, isolated equity equals maintenance margin of the bracket holding size * price. */
    @Property(tries = 400)
    void equityEqualsMaintenanceAtTheLiquidationPrice(@ForAll @DoubleRange(min = 0.01, max = 1_000) double size,
                                                      @ForAll @DoubleRange(min = 1_000, max = 150_000) double entry,
                                                      @ForAll @DoubleRange(min = 0.01, max = 0.9) double marginShare,
                                                      @ForAll boolean isLong) {
        Side side = isLong ? Side.LONG : Side.SHORT;
        double wallet = marginShare * size * entry;
        var found = BinanceLiquidation.isolatedOneWay(wallet, size, entry, side, BTC);
        assertThat(found).isPresent();
        LiquidationPrice lp = found.get();
        double equity = wallet + side.sign() * size * (lp.price() - entry);
        double notional = size * lp.price();
        assertThat(BTC.indexFor(notional) == lp.bracketIndex()
                || Math.abs(notional - BTC.rows().get(BTC.indexFor(notional)).floor()) < 1e-6 * notional
                || Math.abs(notional - BTC.upperEdge(lp.bracketIndex())) < 1e-6 * notional).isTrue();
        assertThat(equity).isCloseTo(BTC.maintenance(notional), within(1e-6 * Math.max(1, notional)));
        if (wallet <= BTC.maintenance(size * entry)) {
            return; // already below maintenance at entry: the price lies on the other side of entry
        }
        if (isLong) {
            assertThat(lp.price()).isLessThan(entry);
        } else {
            assertThat(lp.price()).isGreaterThan(entry);
        }
    }
}

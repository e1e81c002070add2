package io.marginscope.margin.exchange;

import io.marginscope.margin.exchange.DeribitStandardMargin.CoinMargin;
import io.marginscope.model.AssetMarket;
import io.marginscope.model.Instrument;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.pricing.Black76;
import io.marginscope.pricing.BlackInputs;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.marginscope.model.InstrumentType.CALL;
import static io.marginscope.model.InstrumentType.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DeribitStandardMarginTest {

    private static final Instant AS_OF = Instant.parse("2025-01-10T08:00:00Z");

    /**
     * Deribit knowledge base, "Linear Perpetual"
     * (https://support.deribit.com/hc/en-us/articles/25944738177565-Linear-Perpetual), BTC_USDC at
     * 100,000: 25 BTC, IM 2% + 25 * 0.005% = 2.125%, 0.53125 BTC = 53,125 USDC; MM 1.125%,
     * 0.28125 BTC = 28,125 USDC; 350 BTC, IM 3.75%, 13.125 BTC = 1,312,500 USDC.
     */
    @Test
    void btcUsdcWorkedExamples() {
        CoinMargin m25 = DeribitStandardMargin.future(25, DeribitStandardParameters.BTC);
        assertThat(m25.initial()).isCloseTo(0.53125, within(1e-12));
        assertThat(m25.maintenance()).isCloseTo(0.28125, within(1e-12));
        assertThat(m25.initial() * 100_000).isCloseTo(53_125, within(1e-7));
        assertThat(m25.maintenance() * 100_000).isCloseTo(28_125, within(1e-7));
        CoinMargin m350 = DeribitStandardMargin.future(-350, DeribitStandardParameters.BTC);
        assertThat(m350.initial()).isCloseTo(13.125, within(1e-12));
        assertThat(m350.initial() * 100_000).isCloseTo(1_312_500, within(1e-6));
    }

    /**
     * Same page, SOL_USDC at 200: 25 SOL, IM 4.0125%, 1.003125 SOL = 200.625 USDC; MM 2.0125%,
     * 0.503125 SOL = 100.625 USDC; 6,000 SOL, IM 7%, 420 SOL = 84,000 USDC.
     */
    @Test
    void solUsdcWorkedExamples() {
        CoinMargin m25 = DeribitStandardMargin.future(25, DeribitStandardParameters.SOL);
        assertThat(m25.initial()).isCloseTo(1.003125, within(1e-12));
        assertThat(m25.maintenance()).isCloseTo(0.503125, within(1e-12));
        assertThat(m25.initial() * 200).isCloseTo(200.625, within(1e-9));
        assertThat(m25.maintenance() * 200).isCloseTo(100.625, within(1e-9));
        CoinMargin m6000 = DeribitStandardMargin.future(6_000, DeribitStandardParameters.SOL);
        assertThat(m6000.initial()).isCloseTo(420, within(1e-9));
        assertThat(m6000.initial() * 200).isCloseTo(84_000, within(1e-7));
    }

    /** ETH futures, Deribit "11 January 2022": 1% + size * 0.0004% maintenance; by hand for 1,000 ETH. */
    @Test
    void ethFuturesByHand() {
        CoinMargin m = DeribitStandardMargin.future(1_000, DeribitStandardParameters.ETH);
        assertThat(m.maintenance()).isCloseTo(1_000 * (0.01 + 1_000 * 0.000004), within(1e-12)); // 14 ETH
        assertThat(m.initial()).isCloseTo(24, within(1e-12));
    }

    /**
     * Short options by hand with the formulas restated in TSLab's "Deribit Margin Requirements
     * Calculation" (no published worked example was found).
     * Call K = 70,000, U = 60,000, mark 0.05: OTM 10,000, max(0.15 - 1/6, 0.1) = 0.1, IM 0.15, MM 0.125.
     * Put K = 50,000, U = 60,000, mark 0.02: OTM 10,000, IM max(0.1 + 0.02, MM) = 0.12,
     * MM max(0.075, 0.0015) + 0.02 = 0.095. ITM call K = 55,000, mark 0.12: IM 0.15 + 0.12 = 0.27.
     * Deep ITM put with mark 1.5: MM max(0.075, 0.1125) + 1.5 = 1.6125.
     */
    @Test
    void shortOptionsByHand() {
        var p = DeribitStandardParameters.BTC;
        CoinMargin call = DeribitStandardMargin.option(CALL, -2, 0.05, 60_000, 70_000, p);
        assertThat(call.initial()).isCloseTo(2 * 0.15, within(1e-12));
        assertThat(call.maintenance()).isCloseTo(2 * 0.125, within(1e-12));
        CoinMargin put = DeribitStandardMargin.option(PUT, -1, 0.02, 60_000, 50_000, p);
        assertThat(put.initial()).isCloseTo(0.12, within(1e-12));
        assertThat(put.maintenance()).isCloseTo(0.095, within(1e-12));
        assertThat(DeribitStandardMargin.option(CALL, -1, 0.12, 60_000, 55_000, p).initial())
                .isCloseTo(0.27, within(1e-12));
        assertThat(DeribitStandardMargin.option(PUT, -1, 1.5, 20_000, 50_000, p).maintenance())
                .isCloseTo(1.6125, within(1e-12));
        assertThat(DeribitStandardMargin.option(CALL, 3, 0.05, 60_000, 70_000, p)).isEqualTo(new CoinMargin(0, 0));
        assertThatThrownBy(() -> DeribitStandardMargin.option(PUT, -1, 0.1, 150, 140, DeribitStandardParameters.SOL))
                .hasMessageContaining("no option margin rates");
    }

    /** A book: inverse perp of 2,500,000 USD at 100,000 is 25 BTC; a short inverse call; USDC perp; errors. */
    @Test
    void bookThroughTheSnapshot() {
        Instant expiry = Instant.parse("2025-02-28T08:00:00Z");
        MarketSnapshot market = new MarketSnapshot(AS_OF, 365, Map.of(
                "BTC", new AssetMarket(100_000, 0.5, 0.0, 0.0, Double.NaN),
                "XRP", new AssetMarket(2, 0.9, 0.0, 0.0, Double.NaN)), Map.of(), Map.of(), Map.of());
        Portfolio book = new Portfolio("b", List.of(
                new Position("BTC-PERPETUAL", Instrument.perp("BTC", Settlement.INVERSE), 25, 100_000),
                new Position("BTC-28FEB25-120000-C", Instrument.option("BTC", CALL, expiry, 120_000,
                        Settlement.INVERSE), -1, 1_000),
                new Position("BTC_USDC-PERPETUAL", Instrument.perp("BTC", Settlement.LINEAR), -25, 99_000),
                new Position("BTC_USDC-28FEB25-90000-P", Instrument.option("BTC", PUT, expiry, 90_000,
                        Settlement.LINEAR), -1, 900),
                new Position("XRP_USDC-PERPETUAL", Instrument.perp("XRP", Settlement.LINEAR), 100, 2)));
        MarginBreakdown mb = DeribitStandardMargin.compute(book, market, DeribitStandardParameters.defaults());

        assertThat(mb.componentsUsd().get("BTC-PERPETUAL")).isCloseTo(28_125, within(1e-6));
        assertThat(mb.componentsUsd().get("BTC_USDC-PERPETUAL")).isCloseTo(28_125, within(1e-6));
        double years = 49.0 / 365;
        double markCoin = Black76.price(CALL, new BlackInputs(100_000, 120_000, years, 0.5, 0.0)) / 100_000;
        double mmCall = (0.075 + markCoin) * 100_000;
        double imCall = (Math.max(0.15 - 20_000.0 / 100_000, 0.1) + markCoin) * 100_000;
        assertThat(mb.componentsUsd().get("BTC-28FEB25-120000-C")).isCloseTo(mmCall, within(1e-6));
        assertThat(mb.maintenanceUsd()).isCloseTo(28_125 * 2 + mmCall, within(1e-6));
        assertThat(mb.initialUsd()).isCloseTo(53_125 * 2 + imCall, within(1e-6));
        assertThat(mb.errors()).hasSize(2);
        assertThat(String.join("\n", mb.errors())).contains("BTC_USDC-28FEB25-90000-P").contains("XRP");
    }
}

package io.marginscope.margin.exchange;

import io.marginscope.model.AssetMarket;
import io.marginscope.model.Instrument;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.model.VolSurface;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.marginscope.model.InstrumentType.CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The {@code deribit-pm} preset on a {@link Portfolio}, and the preset names. */
class DeribitPmPortfolioTest {

    private static final Instant AS_OF = Instant.parse("2025-01-10T08:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2025-02-09T08:00:00Z"); // 30 days

    private static MarketSnapshot market() {
        VolSurface btcVols = new VolSurface(Map.of(EXPIRY, VolSurface.Smile.of(Map.of(70_000.0, 0.52))));
        return new MarketSnapshot(AS_OF, 365, Map.of(
                "BTC", new AssetMarket(65_000, 0.55, 0.02, 0.0, Double.NaN),
                "ETH", new AssetMarket(3_000, 0.65, 0.0, 0.0, Double.NaN)),
                Map.of("BTC", btcVols), Map.of(), Map.of());
    }

    private static Portfolio book() {
        return new Portfolio("pm", List.of(
                new Position("BTC-PERPETUAL", Instrument.perp("BTC", Settlement.INVERSE), 0.3, 60_000),
                new Position("BTC-9FEB25", Instrument.future("BTC", EXPIRY, Settlement.INVERSE), -0.2, 64_000),
                new Position("BTC-9FEB25-70000-C", Instrument.option("BTC", CALL, EXPIRY, 70_000,
                        Settlement.INVERSE), -1.5, 1_200),
                new Position("ETH-PERPETUAL", Instrument.perp("ETH", Settlement.INVERSE), -10, 3_100),
                new Position("ETH_USDC-PERPETUAL", Instrument.perp("ETH", Settlement.LINEAR), 1, 3_000),
                new Position("collateral", Instrument.spot("BTC"), 1, 0)));
    }

    /** The book splits into Deribit's units as documented in DeribitPmBooks, and the totals follow. */
    @Test
    void portfolioMatchesTheHandBuiltBooks() {
        MarketSnapshot market = market();
        double years = 30.0 / 365;
        double forward = 65_000 * Math.exp(0.02 * years);
        DeribitPmBook btc = new DeribitPmBook("BTC", 65_000, 365, List.of(
                new DeribitPmBook.Future("BTC-PERPETUAL", 0.3 * 60_000 / 65_000, 65_000),
                new DeribitPmBook.Future("BTC-9FEB25", -0.2 * 64_000 / forward, forward),
                new DeribitPmBook.Option("BTC-9FEB25-70000-C", CALL, -1.5, 70_000, years, forward, 0.52, 0.02)));
        DeribitPmBook eth = new DeribitPmBook("ETH", 3_000, 365,
                List.of(new DeribitPmBook.Future("ETH-PERPETUAL", -10 * 3_100 / 3_000.0, 3_000)));
        DeribitPmResult rb = DeribitPortfolioMargin.simulate(btc, DeribitPmParameters.BTC);
        DeribitPmResult re = DeribitPortfolioMargin.simulate(eth, DeribitPmParameters.ETH);

        DeribitPmBooks.Split split = DeribitPmBooks.split(book(), market);
        assertThat(split.books()).hasSize(2);
        assertThat(DeribitPortfolioMargin.simulate(split.books().get(0), DeribitPmParameters.BTC).riskMatrixMargin())
                .isCloseTo(rb.riskMatrixMargin(), within(1e-12));

        // the USDC-settled ETH perpetual, long 1 ETH at index 3,000, ETH range 18%: worst case
        // 1 * 3,000 * 0.18 = 540 USD, roll shock 0.01 * 1 * 3,000 = 30, MM 0.8 * 570 = 456, IM 570
        assertThat(split.linearBooks()).singleElement().satisfies(b -> {
            assertThat(b.currency()).isEqualTo("ETH");
            assertThat(b.holdings()).containsExactly(new DeribitPmBook.Future("ETH_USDC-PERPETUAL", 1, 3_000));
        });

        MarginBreakdown mb = ExchangeMarginPreset.DERIBIT_PM.compute(book(), market);
        assertThat(mb.preset()).isEqualTo("deribit-pm");
        assertThat(mb.maintenanceUsd()).isCloseTo(rb.maintenanceMargin() * 65_000 + re.maintenanceMargin() * 3_000
                + 456, within(1e-6));
        assertThat(mb.initialUsd()).isCloseTo(rb.initialMargin() * 65_000 + re.initialMargin() * 3_000 + 570,
                within(1e-6));
        assertThat(mb.componentsUsd()).containsKeys("BTC.worstCase", "BTC.rollShock", "BTC.deltaShock",
                "BTC.maintenance", "ETH.worstCase", "ETH.maintenance", "USDC.ETH.worstCase", "USDC.ETH.maintenance");
        assertThat(mb.componentsUsd().get("USDC.ETH.worstCase")).isCloseTo(540, within(1e-9));
        assertThat(mb.componentsUsd().get("USDC.ETH.rollShock")).isCloseTo(30, within(1e-9));
        assertThat(mb.componentsUsd().get("USDC.ETH.maintenance")).isCloseTo(456, within(1e-9));
        assertThat(mb.componentsUsd().get("BTC.rollShock")).isCloseTo(
                0.01 * (0.3 * 60_000 / 65_000 + 0.2 * 64_000 / forward) * 65_000, within(1e-9));
        double rmmUsd = mb.componentsUsd().get("BTC.worstCase") + mb.componentsUsd().get("BTC.rollShock")
                + mb.componentsUsd().get("BTC.deltaShock");
        assertThat(mb.componentsUsd().get("BTC.maintenance")).isCloseTo(0.8 * rmmUsd, within(1e-6));
        assertThat(mb.complete()).isTrue();
    }

    @Test
    void presetsByName() {
        assertThat(ExchangeMarginPreset.byName("deribit-pm")).contains(ExchangeMarginPreset.DERIBIT_PM);
        assertThat(ExchangeMarginPreset.byName("deribit-standard")).contains(ExchangeMarginPreset.DERIBIT_STANDARD);
        assertThat(ExchangeMarginPreset.byName("binance-tiered")).contains(ExchangeMarginPreset.BINANCE_TIERED);
        assertThat(ExchangeMarginPreset.byName("ramm")).isEmpty();
        for (ExchangeMarginPreset p : ExchangeMarginPreset.values()) {
            MarginBreakdown mb = p.compute(book(), market());
            assertThat(mb.preset()).isEqualTo(p.presetName());
            assertThat(mb.maintenanceUsd()).isPositive();
        }
    }

    /**
     * A calendar spread (long 10 BTC perpetual, short 10 BTC of a future) nets in the scenarios, so
     * the roll shock (1% of the gross size) is almost all of its portfolio margin.
     */
    @Test
    void aCalendarSpreadIsChargedMostlyTheRollShock() {
        Portfolio spread = new Portfolio("h", List.of(
                new Position("BTC-PERPETUAL", Instrument.perp("BTC", Settlement.INVERSE), 10, 65_000),
                new Position("BTC-9FEB25", Instrument.future("BTC", EXPIRY, Settlement.INVERSE), -10, 65_000)));
        MarginBreakdown mb = ExchangeMarginPreset.DERIBIT_PM.compute(spread, market());
        double forward = 65_000 * Math.exp(0.02 * 30.0 / 365);
        double gross = 10 + 10 * 65_000 / forward;
        assertThat(mb.componentsUsd().get("BTC.rollShock")).isCloseTo(0.01 * gross * 65_000, within(1e-6));
        assertThat(mb.componentsUsd().get("BTC.worstCase")).isLessThan(0.05 * mb.componentsUsd().get("BTC.rollShock"));
        assertThat(mb.maintenanceUsd()).isCloseTo(0.8 * (mb.componentsUsd().get("BTC.worstCase")
                + mb.componentsUsd().get("BTC.rollShock")), within(1e-6));
    }
}

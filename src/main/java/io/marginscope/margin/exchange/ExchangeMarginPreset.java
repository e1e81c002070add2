package io.marginscope.margin.exchange;

import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;

import java.util.Arrays;
import java.util.Optional;

/**
 * The exchange margin presets by name, each with the parameters published by its exchange (see
 * docs/exchange-margin.md for formulas and sources).
 *
 * <pre>
 *   MarginBreakdown mb = ExchangeMarginPreset.byName("deribit-pm").orElseThrow().compute(book, snapshot);
 *   if (!mb.complete()) { ... mb.errors() lists what was left out ... }
 *   double mm = mb.maintenanceUsd();
 * </pre>
 * Other parameters (a newer bracket table, another currency) go through the preset classes'
 * {@code compute(Portfolio, MarketSnapshot, Map)} directly.
 */
public enum ExchangeMarginPreset {

    /**
     * Deribit segregated portfolio margin: {@link DeribitPortfolioMargin} with {@link DeribitPmParameters#defaults()}
     * for INVERSE books and {@link DeribitPmLinearParameters#defaults()} for USDC-settled positions.
     */
    DERIBIT_PM(DeribitPortfolioMargin.PRESET) {
        @Override
        public MarginBreakdown compute(Portfolio book, MarketSnapshot market) {
            return DeribitPortfolioMargin.compute(book, market, DeribitPmParameters.defaults());
        }
    },

    /** Deribit standard margin: {@link DeribitStandardMargin} with {@link DeribitStandardParameters#defaults()}. */
    DERIBIT_STANDARD(DeribitStandardMargin.PRESET) {
        @Override
        public MarginBreakdown compute(Portfolio book, MarketSnapshot market) {
            return DeribitStandardMargin.compute(book, market, DeribitStandardParameters.defaults());
        }
    },

    /** Binance USDⓈ-M tiers: {@link BinanceTieredMargin} with {@link BinanceBrackets#byUnderlying()}. */
    BINANCE_TIERED(BinanceTieredMargin.PRESET) {
        @Override
        public MarginBreakdown compute(Portfolio book, MarketSnapshot market) {
            return BinanceTieredMargin.compute(book, market, BinanceBrackets.byUnderlying());
        }
    };

    private final String presetName;

    ExchangeMarginPreset(String presetName) {
        this.presetName = presetName;
    }

    /** The name used in policies and reports ({@code deribit-pm}, {@code deribit-standard}, {@code binance-tiered}). */
    public String presetName() {
        return presetName;
    }

    /** The book's margin under this preset with its default parameters. */
    public abstract MarginBreakdown compute(Portfolio book, MarketSnapshot market);

    public static Optional<ExchangeMarginPreset> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.presetName.equals(name)).findFirst();
    }
}

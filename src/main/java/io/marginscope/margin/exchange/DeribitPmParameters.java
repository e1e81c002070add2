package io.marginscope.margin.exchange;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of Deribit's portfolio margin risk matrix for one settlement currency (segregated
 * portfolio margin, S:PM). Names follow the {@code model_params} object of Deribit's
 * {@code private/pme/simulate} response; how each is used is in {@link DeribitPortfolioMargin}.
 *
 * @param currency settlement currency of the book (BTC, ETH)
 * @param grid     the standard table: price moves and implied-vol shocks
 * @param extended the extended table
 * @param offsets  how gains of the standard table count
 * @param addOns   roll shock and delta shock
 * @param mmFactor maintenance margin / risk-matrix margin ({@code mm_factor})
 */
public record DeribitPmParameters(String currency, Grid grid, Extended extended, Offsets offsets, AddOns addOns,
                                  double mmFactor) {

    /**
     * The standard table: {@code 2 * buckets + 1} price moves evenly spaced from {@code -priceRange}
     * to {@code +priceRange}, each with implied vol up, unchanged and down.
     *
     * @param priceRange              largest price move, fraction ({@code price_range})
     * @param buckets                 moves on each side of zero ({@code buckets_count})
     * @param volRangeUp              relative vol shock up at 30 days ({@code volatility_range_up})
     * @param volRangeDown            relative vol shock down at 30 days ({@code volatility_range_down})
     * @param shortTermVegaPower      power of 30/DTE below {@code referenceDays} ({@code short_term_vega_power})
     * @param longTermVegaPower       power of 30/DTE from {@code referenceDays} on ({@code long_term_vega_power})
     * @param referenceDays           the 30 of 30/DTE and the short/long-term threshold, days
     * @param minVolatilityForShockUp smallest vol the up shock is scaled from ({@code min_volatility_for_shock_up})
     */
    public record Grid(double priceRange, int buckets, double volRangeUp, double volRangeDown,
                       double shortTermVegaPower, double longTermVegaPower, double referenceDays,
                       double minVolatilityForShockUp) {
        public Grid {
            if (!(priceRange > 0 && priceRange < 1) || buckets < 1) {
                throw new IllegalArgumentException("need 0 < priceRange < 1 and at least one bucket");
            }
            if (!(volRangeUp >= 0) || !(volRangeDown >= 0) || !(referenceDays > 0)
                    || !(minVolatilityForShockUp >= 0)) {
                throw new IllegalArgumentException("vol shock parameters must be >= 0 (reference days > 0)");
            }
        }
    }

    /**
     * The extended table: large price moves with vol up, counted at a fraction and dampened.
     *
     * @param moves       price moves, fractions (-0.66 ... +5)
     * @param tableFactor multiplies the fraction ({@code extended_table_factor})
     * @param dampenerUsd subtracted from each counted extended loss, USD ({@code extended_dampener};
     *                    the unit is not published, USD is assumed)
     */
    public record Extended(List<Double> moves, double tableFactor, double dampenerUsd) {
        public Extended {
            moves = List.copyOf(moves);
            for (double m : moves) {
                if (!(m > -1) || m == 0 || !Double.isFinite(m)) {
                    throw new IllegalArgumentException("extended moves must be finite, > -1 and not 0: " + m);
                }
            }
            if (!(tableFactor >= 0) || !(dampenerUsd >= 0)) {
                throw new IllegalArgumentException("extended factor and dampener must be >= 0");
            }
        }
    }

    /**
     * Gains in the standard table count at {@code pnlOffset}, at most {@code maxOffsetablePnlUsd}.
     *
     * @param pnlOffset           weight of a scenario gain ({@code pnl_offset})
     * @param maxOffsetablePnlUsd cap on a counted gain, USD assumed ({@code max_offsetable_pnl})
     */
    public record Offsets(double pnlOffset, double maxOffsetablePnlUsd) {
        public Offsets {
            if (!(pnlOffset >= 0 && pnlOffset <= 1) || !(maxOffsetablePnlUsd >= 0)) {
                throw new IllegalArgumentException("need 0 <= pnlOffset <= 1 and maxOffsetablePnl >= 0");
            }
        }
    }

    /**
     * Add-ons to the worst case.
     *
     * @param minAnnualisedMove          roll shock per coin of futures ({@code min_annualised_move})
     * @param maxDeltaShock              largest delta shock rate ({@code max_delta_shock})
     * @param deltaShockThresholdUsd     net delta in USD above which the delta shock applies
     *                                   ({@code delta_total_liq_shock_threshold})
     * @param deltaShockIncrementPerCoin delta shock rate per coin of net delta ({@code m_inc}; equal to the
     *                                   standard-margin increase factor 0.005% BTC, 0.0004% ETH)
     */
    public record AddOns(double minAnnualisedMove, double maxDeltaShock, double deltaShockThresholdUsd,
                         double deltaShockIncrementPerCoin) {
        public AddOns {
            if (!(minAnnualisedMove >= 0) || !(maxDeltaShock >= 0) || !(deltaShockThresholdUsd >= 0)
                    || !(deltaShockIncrementPerCoin >= 0)) {
                throw new IllegalArgumentException("add-on parameters must be >= 0");
            }
        }
    }

    public DeribitPmParameters {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(extended, "extended");
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(addOns, "addOns");
        if (!(mmFactor > 0 && mmFactor <= 1)) {
            throw new IllegalArgumentException("mmFactor must be in (0, 1]");
        }
    }

    /**
     * Extended-table price moves, "e.g. -66%, -33%, +50%, +100%, +200%, +300%, +400%, +500%":
     * Deribit knowledge base, "Portfolio Margin"
     * (https://support.deribit.com/hc/en-us/articles/25944756247837-Portfolio-Margin).
     */
    public static final List<Double> EXTENDED_MOVES = List.of(-0.66, -0.33, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0);

    /**
     * BTC: the {@code model_params} of the response example of Deribit's API documentation,
     * {@code private/pme/simulate} (https://docs.deribit.com/api-reference/account-management/private-simulate,
     * example timestamp 1718619740501 = 2024-06-17): {@code btc_usd}: price_range 0.16,
     * volatility_range_up 0.5, volatility_range_down 0.25, short_term_vega_power 0.3,
     * long_term_vega_power 0.13, min_volatility_for_shock_up 0.5, extended_table_factor 1,
     * max_delta_shock 0.1, delta_total_liq_shock_threshold 20000000, m_inc 0.00005; {@code btc}:
     * extended_dampener 100000, min_annualised_move 0.01, pnl_offset 0, max_offsetable_pnl 0;
     * {@code general}: mm_factor 0.8, buckets_count 4, vol_scenarios_count 3. The 30-day reference is
     * from the knowledge base's "(30/days to expiration)^0.30" (legacy page
     * https://www.deribit.com/pages/docs/portfoliomargin) and is not a response field.
     */
    public static final DeribitPmParameters BTC = new DeribitPmParameters("BTC",
            new Grid(0.16, 4, 0.5, 0.25, 0.30, 0.13, 30, 0.5),
            new Extended(EXTENDED_MOVES, 1, 100_000),
            new Offsets(0, 0),
            new AddOns(0.01, 0.1, 20_000_000, 0.00005),
            0.8);

    /**
     * ETH: {@code model_params} of a live {@code private/pme/simulate} response (ETH, timestamp
     * 1771197609587 = 2026-02-15) stored in a public GitHub repository; Deribit's documentation
     * example has BTC only. {@code eth_usd}: price_range 0.18, volatility_range_up 0.4,
     * volatility_range_down 0.25, short/long_term_vega_power 0.3/0.13, min_volatility_for_shock_up 0.5,
     * extended_table_factor 1, max_delta_shock 0.1, delta_total_liq_shock_threshold 20000000,
     * m_inc 0.000004; {@code eth}: extended_dampener 200000, min_annualised_move 0.005, pnl_offset 0.6,
     * max_offsetable_pnl 20000000; mm_factor 0.8, buckets_count 4.
     */
    public static final DeribitPmParameters ETH = new DeribitPmParameters("ETH",
            new Grid(0.18, 4, 0.4, 0.25, 0.30, 0.13, 30, 0.5),
            new Extended(EXTENDED_MOVES, 1, 200_000),
            new Offsets(0.6, 20_000_000),
            new AddOns(0.005, 0.1, 20_000_000, 0.000004),
            0.8);

    /** The defaults above by currency. */
    public static Map<String, DeribitPmParameters> defaults() {
        return Map.of("BTC", BTC, "ETH", ETH);
    }
}

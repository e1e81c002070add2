package io.marginscope.margin.exchange;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of Deribit's portfolio margin for LINEAR (USDC-settled) positions, one set per
 * underlying, as {@link DeribitPmParameters} whose {@code currency} is the underlying (BTC, ETH,
 * SOL) and whose USD amounts are read in USD.
 *
 * <p>Deribit's {@code private/pme/simulate} response splits its {@code model_params} in two:
 * {@code currency_pair} (per index: {@code btc_usd}, {@code eth_usd}: price range, vol shocks,
 * extended factor, delta shock) and {@code currency} (per settlement currency: {@code btc},
 * {@code eth} and {@code usd}: roll shock, pnl_offset, max_offsetable_pnl, extended dampener). A
 * USDC-settled position of an underlying is read here with that underlying's {@code currency_pair}
 * block and the {@code usd} block. That the {@code usd} block is the one of USDC-settled products
 * is a reading of the names (both published responses carry it next to the coin blocks; neither
 * holds a USDC position), not a published statement.
 *
 * <p>Underlyings without published {@code currency_pair} parameters (SOL, XRP, ...) use those of the
 * nearest documented underlying, {@link #FALLBACK_UNDERLYING} ETH (the wider of the two published
 * price ranges and the only other documented pair), with a warning; see {@link #resolve}.
 */
public final class DeribitPmLinearParameters {

    /**
     * The {@code currency.usd} block of Deribit's {@code model_params}.
     *
     * @param minAnnualisedMove   roll shock per coin of futures ({@code min_annualised_move})
     * @param offsets             weight and cap of a scenario gain ({@code pnl_offset},
     *                            {@code max_offsetable_pnl}, USD)
     * @param extendedDampenerUsd subtracted from each counted extended loss ({@code extended_dampener}, USD)
     */
    public record UsdSettlement(double minAnnualisedMove, DeribitPmParameters.Offsets offsets,
                                double extendedDampenerUsd) {
        public UsdSettlement {
            Objects.requireNonNull(offsets, "offsets");
            if (!(minAnnualisedMove >= 0) || !(extendedDampenerUsd >= 0)) {
                throw new IllegalArgumentException("min annualised move and dampener must be >= 0");
            }
        }
    }

    /**
     * {@code model_params.currency.usd} of the live ETH {@code private/pme/simulate} response of
     * 2026-02-15 (timestamp 1771197609587; the response {@link DeribitPmParameters#ETH} is taken from):
     * min_annualised_move 0.01, annualised_move_risk 0.1 (not used, as for the coin books),
     * pnl_offset 0.4, max_offsetable_pnl 1,000,000, extended_dampener 25,000, haircut 0,
     * correlation_set false, equity_side_impact none. The older block of Deribit's documentation
     * example (2024-06-17) differs only in pnl_offset 0 and max_offsetable_pnl 0:
     * {@link #USD_2024_06_17}.
     */
    public static final UsdSettlement USD = new UsdSettlement(0.01,
            new DeribitPmParameters.Offsets(0.4, 1_000_000), 25_000);

    /**
     * {@code model_params.currency.usd} of the response example of Deribit's API documentation,
     * {@code private/pme/simulate} (https://docs.deribit.com/api-reference/account-management/private-simulate,
     * timestamp 1718619740501 = 2024-06-17): min_annualised_move 0.01, pnl_offset 0,
     * max_offsetable_pnl 0, extended_dampener 25,000.
     */
    public static final UsdSettlement USD_2024_06_17 = new UsdSettlement(0.01,
            new DeribitPmParameters.Offsets(0, 0), 25_000);

    /** The underlying whose parameters stand in for an underlying without published ones. */
    public static final String FALLBACK_UNDERLYING = "ETH";

    /** BTC: the {@code btc_usd} pair of {@link DeribitPmParameters#BTC} (2024-06-17) with {@link #USD}. */
    public static final DeribitPmParameters BTC = linear("BTC", DeribitPmParameters.BTC, USD);

    /** ETH: the {@code eth_usd} pair of {@link DeribitPmParameters#ETH} (2026-02-15) with {@link #USD}. */
    public static final DeribitPmParameters ETH = linear("ETH", DeribitPmParameters.ETH, USD);

    private DeribitPmLinearParameters() {
    }

    /** The defaults above by underlying. */
    public static Map<String, DeribitPmParameters> defaults() {
        return Map.of("BTC", BTC, "ETH", ETH);
    }

    /**
     * The linear parameters of {@code underlying}: the pair part of {@code pair} (grid, extended
     * moves and factor, delta shock, mm factor) with the settlement part of {@code usd} (roll shock,
     * offsets, dampener).
     */
    public static DeribitPmParameters linear(String underlying, DeribitPmParameters pair, UsdSettlement usd) {
        DeribitPmParameters.AddOns a = pair.addOns();
        return new DeribitPmParameters(underlying, pair.grid(),
                new DeribitPmParameters.Extended(pair.extended().moves(), pair.extended().tableFactor(),
                        usd.extendedDampenerUsd()),
                usd.offsets(),
                new DeribitPmParameters.AddOns(usd.minAnnualisedMove(), a.maxDeltaShock(), a.deltaShockThresholdUsd(),
                        a.deltaShockIncrementPerCoin()),
                pair.mmFactor());
    }

    /**
     * Parameters chosen for an underlying.
     *
     * @param params  the parameters, {@code currency} = the underlying
     * @param warning why they are a stand-in, or null when they are the underlying's own
     */
    public record Resolved(DeribitPmParameters params, String warning) {
    }

    /**
     * The parameters of {@code underlying} in {@code params}, or, when it has none, those of
     * {@link #FALLBACK_UNDERLYING} under the underlying's name with a warning; null when neither is
     * in the map.
     */
    public static Resolved resolve(String underlying, Map<String, DeribitPmParameters> params) {
        DeribitPmParameters own = params.get(underlying);
        if (own != null) {
            return new Resolved(own, null);
        }
        DeribitPmParameters stand = params.get(FALLBACK_UNDERLYING);
        if (stand == null) {
            return null;
        }
        DeribitPmParameters p = new DeribitPmParameters(underlying, stand.grid(), stand.extended(), stand.offsets(),
                stand.addOns(), stand.mmFactor());
        String warning = "USDC." + underlying + ": Deribit publishes no portfolio-margin parameters for "
                + underlying.toLowerCase(Locale.ROOT) + "_usd; those of the nearest documented underlying, "
                + FALLBACK_UNDERLYING + " (price range " + stand.grid().priceRange() + ", vol up "
                + stand.grid().volRangeUp() + ", down " + stand.grid().volRangeDown() + ", delta-shock m_inc "
                + stand.addOns().deltaShockIncrementPerCoin() + " per coin), are used";
        return new Resolved(p, warning);
    }
}

package io.marginscope.margin.exchange;

import java.util.Map;
import java.util.Objects;

/**
 * Rates of Deribit's standard (per-position) margin for one currency.
 *
 * <p>Futures and perpetuals, with {@code n} the position size in coins:
 * <pre>
 *   IM rate = futuresInitialRate     + futuresRatePerCoin * n
 *   MM rate = futuresMaintenanceRate + futuresRatePerCoin * n     margin = rate * n coins
 * </pre>
 * Short options, per option in coin (mark = option mark price in coin, U = underlying mark price,
 * OTM = out-of-the-money amount in USD):
 * <pre>
 *   short call  IM = max(optionInitialRate - OTM/U, optionInitialFloor) + mark
 *               MM = optionMaintenanceRate + mark
 *   short put   IM = max(max(optionInitialRate - OTM/U, optionInitialFloor) + mark, MM)
 *               MM = max(optionMaintenanceRate, optionMaintenanceRate * mark) + mark
 * </pre>
 *
 * @param currency               settlement/underlying currency (BTC, ETH, SOL)
 * @param futuresInitialRate     IM rate at size 0
 * @param futuresMaintenanceRate MM rate at size 0
 * @param futuresRatePerCoin     rate added per coin of position size (the "increase factor")
 * @param optionInitialRate      short-option IM base (0.15), NaN when options are not covered
 * @param optionInitialFloor     short-option IM floor before the mark (0.10)
 * @param optionMaintenanceRate  short-option MM base (0.075)
 */
public record DeribitStandardParameters(String currency, double futuresInitialRate, double futuresMaintenanceRate,
                                        double futuresRatePerCoin, double optionInitialRate,
                                        double optionInitialFloor, double optionMaintenanceRate) {

    public DeribitStandardParameters {
        Objects.requireNonNull(currency, "currency");
        if (!(futuresInitialRate >= 0) || !(futuresMaintenanceRate >= 0) || !(futuresRatePerCoin >= 0)) {
            throw new IllegalArgumentException("futures rates must be >= 0");
        }
    }

    /**
     * BTC. Futures: "BTC Initial Margin 2% + (Position Size in BTC) * 0.005%", "BTC Maintenance
     * Margin 1% + (PositionSize in BTC) * 0.005%", Deribit knowledge base, "11 January 2022"
     * (https://support.deribit.com/hc/en-us/articles/25944826427293-11-January-2022); the same
     * formulas with worked examples for BTC_USDC in "Linear Perpetual"
     * (https://support.deribit.com/hc/en-us/articles/25944738177565-Linear-Perpetual).
     * Options: 0.15 / 0.1 / 0.075 as restated from Deribit in TSLab's "Deribit Margin Requirements
     * Calculation" (https://doc.tslab.pro/tslab/eng/data-providers/connection-to-broker/deribit-cryptocurrency-exchange/deribit-margin-requirements-calculation);
     * Deribit's own page for these option rates was not found.
     */
    public static final DeribitStandardParameters BTC =
            new DeribitStandardParameters("BTC", 0.02, 0.01, 0.00005, 0.15, 0.10, 0.075);

    /**
     * ETH. Futures: "ETH Initial margin 2% + (Position Size in ETH) * 0.0004%", "ETH Maintenance
     * Margin 1% + (PositionSize in ETH) * 0.0004%", Deribit, "11 January 2022" (as for {@link #BTC}).
     * Options: the BTC option rates; the source found states them for BTC only (unverified for ETH).
     */
    public static final DeribitStandardParameters ETH =
            new DeribitStandardParameters("ETH", 0.02, 0.01, 0.000004, 0.15, 0.10, 0.075);

    /**
     * SOL (linear SOL_USDC perpetual only): "4% + (POS Size in SOL) * 0.0005%" initial and
     * 2% + size * 0.0005% maintenance, Deribit, "Linear Perpetual" (URL at {@link #BTC}; the page's
     * maintenance row says "POS Size in ETH", its worked SOL examples use SOL). Options not covered.
     */
    public static final DeribitStandardParameters SOL =
            new DeribitStandardParameters("SOL", 0.04, 0.02, 0.000005, Double.NaN, Double.NaN, Double.NaN);

    /** The defaults above by currency. */
    public static Map<String, DeribitStandardParameters> defaults() {
        return Map.of("BTC", BTC, "ETH", ETH, "SOL", SOL);
    }

    public boolean coversOptions() {
        return Double.isFinite(optionInitialRate) && Double.isFinite(optionInitialFloor)
                && Double.isFinite(optionMaintenanceRate);
    }
}

package io.marginscope.margin.exchange;

import java.util.List;
import java.util.Map;

/**
 * Binance USDⓈ-M maintenance bracket tables as published. Binance changes these tables without a
 * version number; load the live table ({@code GET /fapi/v1/leverageBracket}: notionalFloor,
 * notionalCap, maintMarginRatio, cum) with {@link Brackets#Brackets(List, double)} for current
 * margins, and check it with {@link Brackets#amountMismatches(double)}.
 */
public final class BinanceBrackets {

    private BinanceBrackets() {
    }

    /**
     * BTCUSDT perpetual, in force from 2021-03-18 09:00 UTC.
     *
     * <p>Floors, caps and maintenance margin rates as published in Binance, "Updates to Leverage and
     * Margin Tiers of Binance Futures Contracts (2021-03-18)",
     * https://www.binance.com/en/support/announcement/86cf9aa472574b8cb2e05bb751c2a9a6:
     * <pre>
     *   0 < N <= 50,000            0.40%      50,000,000 < N <= 100,000,000   12.50%
     *   50,000 < N <= 250,000      0.50%      100,000,000 < N <= 200,000,000  15.00%
     *   250,000 < N <= 1,000,000   1.00%      200,000,000 < N <= 300,000,000  25.00%
     *   1,000,000 < N <= 10,000,000  2.50%    300,000,000 < N <= 500,000,000  50.00%
     *   10,000,000 < N <= 20,000,000 5.00%
     *   20,000,000 < N <= 50,000,000 10.00%
     * </pre>
     * The announcement gives no maintenance amounts; they are computed with the cumulative rule
     * (0, 50, 1,300, 16,300, 266,300, 1,266,300, 2,516,300, 5,016,300, 25,016,300, 100,016,300 USDT).
     * Of these, 50 and 1,300 are as published in Binance, "How to Calculate Liquidation Price of
     * USDⓈ-M Futures Contracts" (https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93:
     * "250,000 * (1% - 0.5%) + 50 USDT = 1,300 USDT"; a 500,000 USDT position has maintenance
     * amount 1,300, a 264,000 USDT position a rate of 1%).
     */
    public static final Brackets BTCUSDT = Brackets.fromFloorsAndRates(500_000_000,
            new double[] {0, 0.004},
            new double[] {50_000, 0.005},
            new double[] {250_000, 0.01},
            new double[] {1_000_000, 0.025},
            new double[] {10_000_000, 0.05},
            new double[] {20_000_000, 0.10},
            new double[] {50_000_000, 0.125},
            new double[] {100_000_000, 0.15},
            new double[] {200_000_000, 0.25},
            new double[] {300_000_000, 0.50});

    /**
     * ETHUSDT: only the first bracket, the one number set seen in an official source: notional 0 to
     * 10,000 USDT, maintenance margin rate 0.65%, maintenance amount ("cum") 0, maximum leverage 75x,
     * as published in the response example of Binance's API documentation, "Notional and Leverage
     * Brackets (USER_DATA)", {@code GET /fapi/v1/leverageBracket}
     * (https://developers.binance.com/docs/zh-CN/derivatives/usds-margined-futures/account/rest-api/Notional-and-Leverage-Brackets,
     * undated). No official table of the higher ETHUSDT brackets was found, so the table stops at
     * 10,000 USDT: a larger notional is reported as not covered rather than margined with guessed
     * rates. Load the live table for real books.
     */
    public static final Brackets ETHUSDT = new Brackets(List.of(new Brackets.Bracket(0, 0.0065, 0)), 10_000);

    /** The tables above by underlying, as {@code binance-tiered} uses them (BTC to BTCUSDT, ETH to ETHUSDT). */
    public static Map<String, Brackets> byUnderlying() {
        return Map.of("BTC", BTCUSDT, "ETH", ETHUSDT);
    }
}

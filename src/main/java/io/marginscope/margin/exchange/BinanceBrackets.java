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
     * Where the ETHUSDT and SOLUSDT tables come from. No Binance announcement listing every tier of
     * these two contracts was found; the tables are Binance's own response to
     * {@code GET /fapi/v1/leverageBracket} (notionalFloor, notionalCap, maintMarginRatio, cum,
     * initialLeverage) as recorded in a public repository: freqtrade/freqtrade, file
     * freqtrade/exchange/binance_leverage_tiers.json, commit 01d10aebcab25c526473c603a88e14eb7d9699cc.
     * The recording carries no date; it lists the ETHUSDT quarterly contracts 240927 and 241227, so it
     * was taken between 2024-06-28 and 2024-09-27. The maintenance amounts are Binance's {@code cum}
     * values as recorded, and they follow the cumulative rule of {@link Brackets} exactly (a test
     * checks every one). Binance changes tables without notice: for current margins load the live
     * table into a policy's {@code exchange} block (docs/exchange-margin.md section 3).
     */
    public static final String USDM_2024_SOURCE = "Binance GET /fapi/v1/leverageBracket as recorded in"
            + " freqtrade/freqtrade freqtrade/exchange/binance_leverage_tiers.json at commit"
            + " 01d10aebcab25c526473c603a88e14eb7d9699cc (taken between 2024-06-28 and 2024-09-27)";

    /**
     * ETHUSDT perpetual, every tier of {@link #USDM_2024_SOURCE} (max leverage 125x down to 1x):
     * <pre>
     *   tier  notional (USDT)                MMR      cum
     *    1    0 .. 50,000                    0.40%    0
     *    2    50,000 .. 600,000              0.50%    50
     *    3    600,000 .. 3,000,000           0.65%    950
     *    4    3,000,000 .. 12,000,000        1.00%    11,450
     *    5    12,000,000 .. 50,000,000       2.00%    131,450
     *    6    50,000,000 .. 65,000,000       2.50%    381,450
     *    7    65,000,000 .. 150,000,000      5.00%    2,006,450
     *    8    150,000,000 .. 320,000,000     10.00%   9,506,450
     *    9    320,000,000 .. 400,000,000     12.50%   17,506,450
     *   10    400,000,000 .. 530,000,000     15.00%   27,506,450
     *   11    530,000,000 .. 800,000,000     25.00%   80,506,450
     *   12    800,000,000 .. 1,200,000,000   50.00%   280,506,450
     * </pre>
     * (An earlier version held only the first bracket of another date, 0 to 10,000 USDT at 0.65%,
     * from the response example of Binance's API documentation, and left larger ETH notionals
     * unmargined.)
     */
    public static final Brackets ETHUSDT = new Brackets(List.of(
            new Brackets.Bracket(0, 0.004, 0),
            new Brackets.Bracket(50_000, 0.005, 50),
            new Brackets.Bracket(600_000, 0.0065, 950),
            new Brackets.Bracket(3_000_000, 0.01, 11_450),
            new Brackets.Bracket(12_000_000, 0.02, 131_450),
            new Brackets.Bracket(50_000_000, 0.025, 381_450),
            new Brackets.Bracket(65_000_000, 0.05, 2_006_450),
            new Brackets.Bracket(150_000_000, 0.10, 9_506_450),
            new Brackets.Bracket(320_000_000, 0.125, 17_506_450),
            new Brackets.Bracket(400_000_000, 0.15, 27_506_450),
            new Brackets.Bracket(530_000_000, 0.25, 80_506_450),
            new Brackets.Bracket(800_000_000, 0.50, 280_506_450)), 1_200_000_000);

    /**
     * SOLUSDT perpetual, every tier of {@link #USDM_2024_SOURCE} (max leverage 100x down to 1x):
     * <pre>
     *   tier  notional (USDT)              MMR      cum
     *    1    0 .. 20,000                  0.50%    0
     *    2    20,000 .. 100,000            0.65%    30
     *    3    100,000 .. 800,000           1.00%    380
     *    4    800,000 .. 4,000,000         2.00%    8,380
     *    5    4,000,000 .. 8,000,000       2.50%    28,380
     *    6    8,000,000 .. 40,000,000      5.00%    228,380
     *    7    40,000,000 .. 80,000,000     10.00%   2,228,380
     *    8    80,000,000 .. 100,000,000    12.50%   4,228,380
     *    9    100,000,000 .. 200,000,000   25.00%   16,728,380
     *   10    200,000,000 .. 400,000,000   50.00%   66,728,380
     * </pre>
     */
    public static final Brackets SOLUSDT = new Brackets(List.of(
            new Brackets.Bracket(0, 0.005, 0),
            new Brackets.Bracket(20_000, 0.0065, 30),
            new Brackets.Bracket(100_000, 0.01, 380),
            new Brackets.Bracket(800_000, 0.02, 8_380),
            new Brackets.Bracket(4_000_000, 0.025, 28_380),
            new Brackets.Bracket(8_000_000, 0.05, 228_380),
            new Brackets.Bracket(40_000_000, 0.10, 2_228_380),
            new Brackets.Bracket(80_000_000, 0.125, 4_228_380),
            new Brackets.Bracket(100_000_000, 0.25, 16_728_380),
            new Brackets.Bracket(200_000_000, 0.50, 66_728_380)), 400_000_000);

    /**
     * The tables above by underlying, as {@code binance-tiered} uses them (BTC to BTCUSDT, ETH to
     * ETHUSDT, SOL to SOLUSDT). COIN-M (inverse) contracts have no table here: no published COIN-M
     * table was found, and {@link BinanceTieredMargin} reports them as not covered.
     */
    public static Map<String, Brackets> byUnderlying() {
        return Map.of("BTC", BTCUSDT, "ETH", ETHUSDT, "SOL", SOLUSDT);
    }
}

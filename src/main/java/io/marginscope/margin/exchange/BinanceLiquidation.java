package io.marginscope.margin.exchange;

import java.util.Optional;

/**
 * Liquidation price of a Binance USDⓈ-M position in isolated margin, one-way mode.
 *
 * <p>Binance, "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts" (2020-08-14,
 * https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93) gives the cross-margin
 * formula and says that in isolated mode WB is the isolated wallet balance of the position and
 * TMM = UPNL = 0. With one-way mode that leaves
 * <pre>
 *   LP = (WB + cum - side * size * EP) / (size * MMR - side * size)
 * </pre>
 * WB isolated wallet balance (USDT), size = |position| in coins, EP entry price, side +1 long and
 * -1 short, MMR and cum the maintenance rate and amount of the bracket. It is the price at which
 * WB + side * size * (LP - EP) = size * LP * MMR - cum, equity equal to maintenance margin.
 *
 * <p>The bracket is the one at the liquidation price, not at entry: "If your position (calculated
 * at the liquidation price) and the current position (calculated at the opening price) are of
 * different levels, then you must substitute ... the maintenance margin rate and the maintenance
 * margin amount of the position level, to recalculate" (same page). The solver tries every
 * bracket and keeps the one whose notional range holds size * LP. Because the cumulative amounts
 * make maintenance margin continuous in price and equity minus maintenance is strictly monotone in
 * price, exactly one bracket (or two agreeing ones at a floor) qualifies.
 */
public final class BinanceLiquidation {

    /** Position direction: +1 long, -1 short. */
    public enum Side {
        LONG(1), SHORT(-1);

        private final int sign;

        Side(int sign) {
            this.sign = sign;
        }

        public int sign() {
            return sign;
        }
    }

    /**
     * A liquidation price and the bracket it was solved with.
     *
     * @param price        liquidation (mark) price, USD per coin
     * @param bracketIndex 0-based row of the table used
     * @param bracket      that row
     * @param notional     size * price, USD: inside the bracket's range
     */
    public record LiquidationPrice(double price, int bracketIndex, Brackets.Bracket bracket, double notional) {
    }

    private static final double EDGE_TOLERANCE = 1e-9;

    private BinanceLiquidation() {
    }

    /**
     * Solves the isolated one-way liquidation price.
     *
     * @param walletBalance isolated wallet balance of the position, USDT (margin put up, plus realised P&L)
     * @param size          position size in coins, positive
     * @param entryPrice    entry price, USD
     * @param side          long or short
     * @param brackets      the symbol's maintenance brackets
     * @return the price and its bracket; empty when the position cannot be liquidated (a long whose
     *         wallet balance covers the whole fall to 0: the formula gives a price <= 0, shown "--" by Binance)
     * @throws IllegalArgumentException for a non-positive size or entry price, or when the price lies above
     *         the last bracket of the table
     */
    public static Optional<LiquidationPrice> isolatedOneWay(double walletBalance, double size, double entryPrice,
                                                            Side side, Brackets brackets) {
        if (!(size > 0) || !Double.isFinite(size)) {
            throw new IllegalArgumentException("size must be positive (coins): " + size);
        }
        if (!(entryPrice > 0) || !Double.isFinite(entryPrice)) {
            throw new IllegalArgumentException("entry price must be positive: " + entryPrice);
        }
        if (!Double.isFinite(walletBalance)) {
            throw new IllegalArgumentException("wallet balance must be finite: " + walletBalance);
        }
        double s = side.sign();
        boolean anyPositive = false;
        for (double tolerance : new double[] {0.0, EDGE_TOLERANCE}) {
            for (int i = 0; i < brackets.size(); i++) {
                Brackets.Bracket b = brackets.rows().get(i);
                double lp = priceWith(walletBalance, size, entryPrice, s, b);
                if (!(lp > 0)) {
                    continue;
                }
                anyPositive = true;
                double notional = size * lp;
                double lo = i == 0 ? 0.0 : b.floor();
                double hi = brackets.upperEdge(i);
                boolean inside = (i == 0 ? notional >= lo : notional > lo * (1 - tolerance))
                        && notional <= hi * (1 + tolerance);
                if (inside) {
                    return Optional.of(new LiquidationPrice(lp, i, b, notional));
                }
            }
        }
        if (!anyPositive) {
            return Optional.empty();
        }
        double lastPrice = priceWith(walletBalance, size, entryPrice, s, brackets.rows().get(brackets.size() - 1));
        if (lastPrice > 0 && size * lastPrice > brackets.cap()) {
            throw new IllegalArgumentException("the liquidation notional " + size * lastPrice
                    + " lies above the last bracket of the table (" + brackets.cap() + ")");
        }
        // equity - maintenance is monotone in price, so a positive price in no bracket means none exists
        return Optional.empty();
    }

    /** The formula with one bracket's rate and amount. */
    static double priceWith(double walletBalance, double size, double entryPrice, double sign, Brackets.Bracket b) {
        return (walletBalance + b.amount() - sign * size * entryPrice) / (size * b.rate() - sign * size);
    }
}

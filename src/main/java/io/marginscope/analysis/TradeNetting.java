package io.marginscope.analysis;

import io.marginscope.model.Instrument;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Nets trades against a book by instrument (docs/methodology.md, "Beyond the exchanges' tools"). A
 * trade row and a position are the same instrument when underlying, type, expiry, strike and
 * settlement are equal; the trade goes to the first such position in book order. Quantities add in
 * decimal (as written in the files, so 0.1 + 0.2 - 0.2 is 0.1 again); a position that nets to zero
 * disappears; a trade with no matching position opens one at the end of the book with the trade's id
 * (suffixed {@code -trade}, {@code -trade2}, ... when the book already uses it) and the trade's price.
 * <p>
 * Entry price: the quantity-weighted average {@code (q E + t P) / (q + t)} whenever the position and the
 * trade both carry a cost basis (a SPOT row with entry 0 or an option without an entry price has
 * none; then the position's entry is kept). For an increase this is the usual average cost; the same
 * rule on a reduction or a flip keeps the realised P&amp;L inside the position's cost basis, so
 * {@code value(after) = value(before) + value(trade)} for every futures-like position, the book's
 * equity moves only by the trade's own mark-to-market (a perpetual or future closed to zero settles its
 * P&amp;L q (P - E) into the book's first USDC SPOT row, or a new {@code realized-pnl} row; an option or a
 * coin traded at a price is paid for from the same row, -t P), and a trade followed by its opposite returns
 * to the first book. To make that exact in floating point, a reduction takes, among the doubles within
 * 16 ulps of the average, the one with the fewest significant digits from which adding the trade back
 * gives exactly the entry it had (so 91480 rather than 91480.00000000001). A position closed and
 * reopened is a new position at the reopening price.
 */
public final class TradeNetting {

    /** What a trade row did to the book. */
    public enum Action { OPENED, INCREASED, REDUCED, CLOSED, FLIPPED }

    /**
     * One trade row applied.
     *
     * @param tradeId        the row's id in the trade file
     * @param instrument     what was traded
     * @param quantity       signed coins traded
     * @param price          the trade's price (its entry_price), NaN when not given
     * @param positionId     the position it netted into (or opened, or closed)
     * @param action         what happened to that position
     * @param quantityBefore 0 when opened
     * @param quantityAfter  0 when closed
     * @param entryBefore    NaN when opened
     * @param entryAfter     NaN when closed
     * @param realizedPnl    USD booked to the cash row when a perpetual or future is closed: q (P - E); else 0
     * @param premium        USD paid (negative) or received for an option or a coin bought or sold at a price:
     *                       -t P, booked to the cash row; 0 for perpetuals, futures, cash and unpriced rows
     */
    public record Fill(String tradeId, Instrument instrument, double quantity, double price, String positionId,
                       Action action, double quantityBefore, double quantityAfter, double entryBefore,
                       double entryAfter, double realizedPnl, double premium) {
    }

    /** The collateral asset realised P&L is booked to. */
    public static final String CASH = "USDC";
    /** The id of the cash row opened when the book has no {@link #CASH} SPOT row. */
    public static final String CASH_ID = "realized-pnl";

    /** The book after the trades, and what each trade row did. */
    public record Result(Portfolio book, List<Fill> fills) {
        public Result {
            fills = List.copyOf(fills);
        }
    }

    private TradeNetting() {
    }

    /** The book with every row of the trade applied in order; the book keeps its name, source and tier. */
    public static Result apply(Portfolio book, Portfolio trade) {
        List<Position> positions = new ArrayList<>(book.positions());
        List<Fill> fills = new ArrayList<>();
        for (Position t : trade.positions()) {
            if (t.quantity() == 0) {
                continue;
            }
            int at = -1;
            for (int i = 0; i < positions.size(); i++) {
                if (positions.get(i).instrument().equals(t.instrument())) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                String id = freeId(t.id(), positions);
                positions.add(new Position(id, t.instrument(), t.quantity(), t.entryPrice()));
                fills.add(new Fill(t.id(), t.instrument(), t.quantity(), t.entryPrice(), id, Action.OPENED, 0,
                        t.quantity(), Double.NaN, t.entryPrice(), 0, pay(positions, t)));
                continue;
            }
            Position p = positions.get(at);
            double q = p.quantity();
            double after = decimal(q).add(decimal(t.quantity())).doubleValue();
            if (after == 0) {
                positions.remove(at);
                // a perpetual or future is worth q (F - E): closed at P its P&L q (P - E) is settled in cash, so
                // equity moves only by the trade's own mark-to-market (an option or a coin sold back is paid
                // for in cash below)
                double realized = 0;
                if (p.type().isFutureLike()) {
                    realized = decimal(q).multiply(decimal(t.entryPrice()).subtract(decimal(p.entryPrice())))
                            .doubleValue();
                    book(positions, realized);
                }
                fills.add(new Fill(t.id(), t.instrument(), t.quantity(), t.entryPrice(), p.id(), Action.CLOSED, q, 0,
                        p.entryPrice(), Double.NaN, realized, pay(positions, t)));
                continue;
            }
            double entry = netEntry(p.type(), q, p.entryPrice(), t.quantity(), t.entryPrice(), after);
            positions.set(at, new Position(p.id(), p.instrument(), after, entry));
            Action action = Math.signum(after) != Math.signum(q) ? Action.FLIPPED
                    : Math.abs(after) > Math.abs(q) ? Action.INCREASED : Action.REDUCED;
            fills.add(new Fill(t.id(), t.instrument(), t.quantity(), t.entryPrice(), p.id(), action, q, after,
                    p.entryPrice(), entry, 0, pay(positions, t)));
        }
        return new Result(book.withPositions(positions), fills);
    }

    /**
     * The premium of an option, or the cost of a coin other than {@link #CASH}, traded at a price: {@code -t P}
     * USD booked to cash, so that the book pays for what it buys and equity moves only by the trade's own
     * mark-to-market {@code t (mark - P)}. Perpetuals and futures exchange no premium; a coin row without a
     * price (or at 0) is a transfer of collateral. Returns the USD booked.
     */
    private static double pay(List<Position> positions, Position t) {
        double price = t.entryPrice();
        boolean priced = Double.isFinite(price) && price > 0;
        boolean pays = switch (t.type()) {
            case CALL, PUT -> priced;
            case SPOT -> priced && !t.underlying().equals(CASH);
            default -> false;
        };
        if (!pays) {
            return 0;
        }
        double usd = decimal(t.quantity()).multiply(decimal(price)).negate().doubleValue();
        book(positions, usd);
        return usd;
    }

    /**
     * Adds USD to the first {@link #CASH} SPOT row, or opens {@link #CASH_ID} at the end of the book; a
     * {@link #CASH_ID} row brought back to exactly 0 disappears (so a trade and its opposite leave no trace).
     */
    private static void book(List<Position> positions, double usd) {
        if (usd == 0) {
            return;
        }
        for (int i = 0; i < positions.size(); i++) {
            Position p = positions.get(i);
            if (p.type() == InstrumentType.SPOT && p.underlying().equals(CASH)) {
                double cash = decimal(p.quantity()).add(decimal(usd)).doubleValue();
                if (cash == 0 && p.id().startsWith(CASH_ID)) {
                    positions.remove(i);
                } else {
                    positions.set(i, p.withQuantity(cash));
                }
                return;
            }
        }
        positions.add(new Position(freeId(CASH_ID, positions), Instrument.spot(CASH), usd, 1));
    }

    /** The same trade the other way: every quantity negated, at the same prices (undoes {@link #apply}). */
    public static Portfolio opposite(Portfolio trade) {
        List<Position> out = new ArrayList<>();
        for (Position p : trade.positions()) {
            out.add(p.withQuantity(-p.quantity()));
        }
        return trade.withPositions(out);
    }

    /** Ulps searched on each side of the averaged entry of a reduction for one that undoes exactly. */
    static final int UNDO_SEARCH_ULPS = 16;

    static double netEntry(InstrumentType type, double q, double entry, double t, double price, double after) {
        if (!hasBasis(type, entry) || !hasBasis(type, price)) {
            return entry;
        }
        double r = average(q, entry, t, price, after);
        if (Math.signum(after) != Math.signum(q) || Math.abs(after) >= Math.abs(q)) {
            return r;
        }
        // A reduction: among the doubles next to the average, the one with the fewest significant digits
        // from which adding the trade back gives exactly today's entry; so a trade and its opposite
        // return to the first book in either order (the average itself when none does).
        double best = r;
        int bestDigits = Integer.MAX_VALUE;
        double c = r;
        for (int k = 0; k < UNDO_SEARCH_ULPS; k++) {
            c = Math.nextDown(c);
        }
        for (int k = -UNDO_SEARCH_ULPS; k <= UNDO_SEARCH_ULPS; k++, c = Math.nextUp(c)) {
            if (average(after, c, -t, price, q) != entry) {
                continue;
            }
            int digits = BigDecimal.valueOf(c).stripTrailingZeros().precision();
            if (digits < bestDigits || digits == bestDigits && Math.abs(c - r) < Math.abs(best - r)) {
                best = c;
                bestDigits = digits;
            }
        }
        return best;
    }

    /** (q E + t P) / after in decimal, rounded once to a double. */
    private static double average(double q, double entry, double t, double price, double after) {
        BigDecimal cost = decimal(q).multiply(decimal(entry)).add(decimal(t).multiply(decimal(price)));
        return cost.divide(decimal(after), MathContext.DECIMAL128).doubleValue();
    }

    private static boolean hasBasis(InstrumentType type, double entry) {
        return Double.isFinite(entry) && (type != InstrumentType.SPOT || entry > 0);
    }

    private static BigDecimal decimal(double x) {
        return BigDecimal.valueOf(x);
    }

    private static String freeId(String id, List<Position> positions) {
        Set<String> used = new HashSet<>();
        positions.forEach(p -> used.add(p.id()));
        if (!used.contains(id)) {
            return id;
        }
        for (int k = 1; ; k++) {
            String c = id + "-trade" + (k == 1 ? "" : String.valueOf(k));
            if (!used.contains(c)) {
                return c;
            }
        }
    }
}

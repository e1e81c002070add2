package io.marginscope.model;

import java.util.List;

/**
 * A snapshot of one asset's order book.
 *
 * @param bids best first (descending price)
 * @param asks best first (ascending price)
 */
public record OrderBook(List<Level> bids, List<Level> asks) {

    /** One price level: price in USD, size in coins. */
    public record Level(double price, double size) {
        public Level {
            if (!(price > 0) || !(size > 0)) {
                throw new IllegalArgumentException("price and size must be positive");
            }
        }
    }

    public OrderBook {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
        for (int i = 1; i < bids.size(); i++) {
            if (bids.get(i).price() > bids.get(i - 1).price()) {
                throw new IllegalArgumentException("bids must be in descending price order");
            }
        }
        for (int i = 1; i < asks.size(); i++) {
            if (asks.get(i).price() < asks.get(i - 1).price()) {
                throw new IllegalArgumentException("asks must be in ascending price order");
            }
        }
        if (!bids.isEmpty() && !asks.isEmpty() && bids.get(0).price() > asks.get(0).price()) {
            throw new IllegalArgumentException("the book is crossed: best bid above best ask");
        }
    }

    /** Mid of the best bid and ask, NaN when a side is empty. */
    public double mid() {
        if (bids.isEmpty() || asks.isEmpty()) {
            return Double.NaN;
        }
        return 0.5 * (bids.get(0).price() + asks.get(0).price());
    }
}

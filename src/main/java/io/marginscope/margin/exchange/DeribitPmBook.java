package io.marginscope.margin.exchange;

import io.marginscope.model.InstrumentType;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The input of Deribit's risk matrix: the inverse positions of one settlement currency in Deribit's
 * own units (the {@code portfolio} and {@code ticker} parts of a {@code private/pme/simulate}
 * response), independent of the {@link io.marginscope.model.Portfolio} model so that published
 * examples can be entered as they are; or the USDC-settled (linear) positions of one underlying,
 * whose risk matrix {@link DeribitPmLinear} computes in USD.
 *
 * @param currency    settlement currency (BTC, ETH) of an inverse book; the underlying of a linear one
 * @param indexPrice  index price, USD ({@code index_price.btc_usd})
 * @param daysPerYear year basis of option times (days to expiry = years * daysPerYear)
 * @param holdings    positions, in the order their risk vectors are reported; names unique
 */
public record DeribitPmBook(String currency, double indexPrice, double daysPerYear, List<Holding> holdings) {

    /** A position of the book. */
    public sealed interface Holding permits Future, Option {
        String name();

        double sizeCoins();
    }

    /**
     * A perpetual or future.
     *
     * @param name      instrument name
     * @param sizeCoins signed size in coins (Deribit's position size in base currency): inverse, the USD
     *                  notional / mark price; linear, the number of coins
     * @param markPrice mark price, USD (inverse: kept for the USD notional, the coin P&L of a relative
     *                  move does not depend on it; linear: the USD P&L is sizeCoins * markPrice * move)
     */
    public record Future(String name, double sizeCoins, double markPrice) implements Holding {
        public Future {
            Objects.requireNonNull(name, "name");
            if (!Double.isFinite(sizeCoins) || !(markPrice > 0)) {
                throw new IllegalArgumentException(name + ": size must be finite and the mark positive");
            }
        }
    }

    /**
     * A European option on one coin (inverse: valued in coin; linear: in USD).
     *
     * @param name      instrument name
     * @param right     CALL or PUT
     * @param sizeCoins signed number of options (coins)
     * @param strike    strike, USD
     * @param years     time to expiry, years
     * @param forward   the option's underlying price today, USD
     * @param vol       mark implied vol, decimal
     * @param rate      discount rate of Black-76
     */
    public record Option(String name, InstrumentType right, double sizeCoins, double strike, double years,
                         double forward, double vol, double rate) implements Holding {
        public Option {
            Objects.requireNonNull(name, "name");
            if (right == null || !right.isOption()) {
                throw new IllegalArgumentException(name + ": right must be CALL or PUT");
            }
            if (!Double.isFinite(sizeCoins) || !(strike > 0) || !(forward > 0) || !(vol >= 0)
                    || !Double.isFinite(years) || !Double.isFinite(rate)) {
                throw new IllegalArgumentException(name + ": invalid option inputs");
            }
        }
    }

    public DeribitPmBook {
        Objects.requireNonNull(currency, "currency");
        if (!(indexPrice > 0) || !Double.isFinite(indexPrice)) {
            throw new IllegalArgumentException("index price must be positive");
        }
        if (!(daysPerYear > 0)) {
            throw new IllegalArgumentException("daysPerYear must be positive");
        }
        holdings = List.copyOf(holdings);
        Set<String> names = new HashSet<>();
        for (Holding h : holdings) {
            if (!names.add(h.name())) {
                throw new IllegalArgumentException("instrument " + h.name() + " appears twice");
            }
        }
    }
}

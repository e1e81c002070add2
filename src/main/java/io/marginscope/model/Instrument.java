package io.marginscope.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A tradable contract on one underlying.
 *
 * @param underlying asset symbol, upper case (BTC, ETH, USDC)
 * @param type       SPOT, PERP, FUTURE, CALL or PUT
 * @param expiry     expiry instant for FUTURE and options, null otherwise
 * @param strike     strike in USD for options, NaN otherwise
 * @param settlement LINEAR or INVERSE
 */
public record Instrument(String underlying, InstrumentType type, Instant expiry, double strike,
                         Settlement settlement) {

    public Instrument {
        Objects.requireNonNull(underlying, "underlying");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(settlement, "settlement");
        if (underlying.isBlank()) {
            throw new IllegalArgumentException("underlying is empty");
        }
        if (type.hasExpiry() && expiry == null) {
            throw new IllegalArgumentException(type + " needs an expiry");
        }
        if (!type.hasExpiry() && expiry != null) {
            throw new IllegalArgumentException(type + " has no expiry");
        }
        if (type.isOption() && !(strike > 0 && Double.isFinite(strike))) {
            throw new IllegalArgumentException(type + " needs a positive strike");
        }
        if (!type.isOption() && !Double.isNaN(strike)) {
            throw new IllegalArgumentException(type + " has no strike");
        }
    }

    public static Instrument spot(String underlying) {
        return new Instrument(underlying, InstrumentType.SPOT, null, Double.NaN, Settlement.LINEAR);
    }

    public static Instrument perp(String underlying, Settlement settlement) {
        return new Instrument(underlying, InstrumentType.PERP, null, Double.NaN, settlement);
    }

    public static Instrument future(String underlying, Instant expiry, Settlement settlement) {
        return new Instrument(underlying, InstrumentType.FUTURE, expiry, Double.NaN, settlement);
    }

    public static Instrument option(String underlying, InstrumentType type, Instant expiry, double strike,
                                    Settlement settlement) {
        return new Instrument(underlying, type, expiry, strike, settlement);
    }

    public boolean hasStrike() {
        return type.isOption();
    }
}

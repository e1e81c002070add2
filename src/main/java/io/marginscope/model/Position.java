package io.marginscope.model;

import java.util.Objects;

/**
 * A holding of one instrument.
 *
 * @param id         unique within the portfolio
 * @param instrument what is held
 * @param quantity   signed, in coins of the underlying; negative is short. SPOT rows are collateral.
 * @param entryPrice USD per coin (option premium in USD per coin); NaN when unknown
 */
public record Position(String id, Instrument instrument, double quantity, double entryPrice) {

    public Position {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instrument, "instrument");
        if (!Double.isFinite(quantity)) {
            throw new IllegalArgumentException("quantity must be finite");
        }
        if (instrument.type().isFutureLike() && !Double.isFinite(entryPrice)) {
            throw new IllegalArgumentException(instrument.type() + " needs an entry price");
        }
    }

    public String underlying() {
        return instrument.underlying();
    }

    public InstrumentType type() {
        return instrument.type();
    }

    public Position withQuantity(double newQuantity) {
        return new Position(id, instrument, newQuantity, entryPrice);
    }
}

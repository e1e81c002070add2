package io.marginscope.model;

/** What a position is: collateral, a perpetual swap, a dated future or a European option. */
public enum InstrumentType {
    SPOT, PERP, FUTURE, CALL, PUT;

    public boolean isOption() {
        return this == CALL || this == PUT;
    }

    /** Linear derivatives whose value is an unrealised P&L against the entry price. */
    public boolean isFutureLike() {
        return this == PERP || this == FUTURE;
    }

    public boolean hasExpiry() {
        return this == FUTURE || isOption();
    }
}

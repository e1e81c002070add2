package io.marginscope.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * One quote of one asset from a market feed.
 *
 * @param instant    when the quote was made (the feed's clock: exchange time, simulated time or the
 *                   replayed close's time), not when it was received
 * @param asset      asset symbol as in a market snapshot, e.g. BTC
 * @param indexPrice the asset's index price in USD, positive
 * @param impliedVol an implied vol quoted for the asset (annualised decimal, e.g. Deribit's mark_iv
 *                   55.2 becomes 0.552), NaN when the quote carries none
 * @param volIndex   a vol index for the asset (annualised decimal, e.g. DVOL or the simulated regime's
 *                   vol), NaN when the quote carries none
 */
public record Tick(Instant instant, String asset, double indexPrice, double impliedVol, double volIndex) {

    public Tick {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(asset, "asset");
        if (!(indexPrice > 0) || !Double.isFinite(indexPrice)) {
            throw new IllegalArgumentException(asset + ": index price must be positive and finite, got " + indexPrice);
        }
        if (!Double.isNaN(impliedVol) && !(impliedVol >= 0 && Double.isFinite(impliedVol))) {
            throw new IllegalArgumentException(asset + ": implied vol must be >= 0 or NaN, got " + impliedVol);
        }
        if (!Double.isNaN(volIndex) && !(volIndex >= 0 && Double.isFinite(volIndex))) {
            throw new IllegalArgumentException(asset + ": vol index must be >= 0 or NaN, got " + volIndex);
        }
    }

    /** A price-only quote. */
    public static Tick price(Instant instant, String asset, double indexPrice) {
        return new Tick(instant, asset, indexPrice, Double.NaN, Double.NaN);
    }

    public boolean hasImpliedVol() {
        return !Double.isNaN(impliedVol);
    }

    public boolean hasVolIndex() {
        return !Double.isNaN(volIndex);
    }

    /** The vol this quote carries, the implied vol before the vol index; NaN when none. */
    public double vol() {
        return hasImpliedVol() ? impliedVol : volIndex;
    }
}

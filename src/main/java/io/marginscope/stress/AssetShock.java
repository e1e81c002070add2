package io.marginscope.stress;

/**
 * The shock one scenario applies to one asset.
 *
 * <p>Price: {@code spot' = spot * (1 + price)}, so {@code price = -0.38} is a 38% fall; it must be
 * above -1 (a price cannot reach zero). Every other price of the asset follows from the spot
 * (futures' forwards, options' Black-76 prices).
 *
 * <p>Vol: {@code vol' = max(MIN_VOL, vol * (1 + volRelative) + volPoints / 100)}, applied to the
 * asset's own {@code vol} and to every implied vol of its surface (every expiry, every strike).
 * {@code volRelative} is a fraction of the vol (0.25 = a quarter more), {@code volPoints} are vol
 * points (10 = +0.10 absolute); both may be given, the relative part is applied first. A shock with
 * both zero leaves the vols untouched (no floor either: a stablecoin's vol of 0 stays 0).
 *
 * @param price       relative move of the spot, a fraction, above -1
 * @param volRelative relative change of the vols, a fraction, at least -1
 * @param volPoints   additive change of the vols in vol points (1 point = 0.01)
 */
public record AssetShock(double price, double volRelative, double volPoints) {

    /** Lowest vol a shock can leave (1%): a vol shock never makes an option's vol zero or negative. */
    public static final double MIN_VOL = 0.01;

    /** No move at all. */
    public static final AssetShock NONE = new AssetShock(0, 0, 0);

    public AssetShock {
        if (!Double.isFinite(price) || !(price > -1)) {
            throw new IllegalArgumentException("price move must be a finite fraction above -1, got " + price);
        }
        if (!Double.isFinite(volRelative) || volRelative < -1) {
            throw new IllegalArgumentException("volRelative must be a finite fraction of at least -1, got " + volRelative);
        }
        if (!Double.isFinite(volPoints)) {
            throw new IllegalArgumentException("volPoints must be finite, got " + volPoints);
        }
    }

    /** A price move with the vols unchanged. */
    public static AssetShock price(double price) {
        return new AssetShock(price, 0, 0);
    }

    /** A price move with a relative vol change ({@code vol * (1 + volRelative)}). */
    public static AssetShock relative(double price, double volRelative) {
        return new AssetShock(price, volRelative, 0);
    }

    /** A price move with an additive vol change in vol points. */
    public static AssetShock points(double price, double volPoints) {
        return new AssetShock(price, 0, volPoints);
    }

    public boolean movesVol() {
        return volRelative != 0 || volPoints != 0;
    }

    public boolean isNone() {
        return price == 0 && !movesVol();
    }

    /** The shocked spot. */
    public double applyPrice(double spot) {
        return spot * (1 + price);
    }

    /** The shocked vol, floored at {@link #MIN_VOL}; the vol itself when the shock does not move vols. */
    public double applyVol(double vol) {
        if (!movesVol()) {
            return vol;
        }
        return Math.max(MIN_VOL, vol * (1 + volRelative) + volPoints / 100.0);
    }

    /**
     * The same vol shock with the price move replaced (used to spread an episode's total move over
     * the days of its path).
     */
    public AssetShock withPrice(double newPrice) {
        return new AssetShock(newPrice, volRelative, volPoints);
    }
}

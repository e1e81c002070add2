package io.marginscope.risk;

import java.util.List;
import java.util.Locale;

/** The vol models by their command-line names: snapshot, historical, ewma, garch. */
public final class VolModels {

    public static final String SNAPSHOT = "snapshot";
    public static final String HISTORICAL = "historical";
    public static final String EWMA = "ewma";
    public static final String GARCH = "garch";
    /** The names {@code --vol-model} accepts. */
    public static final List<String> NAMES = List.of(SNAPSHOT, HISTORICAL, EWMA, GARCH);

    private VolModels() {
    }

    /**
     * The model of a name (case-insensitive). {@code historical} uses the last {@code windowDays}
     * returns; {@code ewma} uses {@code ewmaLambda}; {@code garch} is full MLE falling back to EWMA
     * with {@code ewmaLambda}. {@code snapshot} estimates nothing and needs each asset's own vol:
     * use {@link #of(String, double, int, double, double)} or {@link SnapshotVol} for it.
     *
     * @throws IllegalArgumentException for an unknown name, for snapshot, or bad parameters
     */
    public static VolatilityModel of(String name, double ewmaLambda, int windowDays) {
        String n = normalise(name);
        return switch (n) {
            case HISTORICAL -> new HistoricalVol(windowDays);
            case EWMA -> new EwmaVol(ewmaLambda);
            case GARCH -> new GarchVol(false, ewmaLambda);
            case SNAPSHOT -> throw new IllegalArgumentException(
                    "the snapshot vol model is the asset's own vol: build it per asset with SnapshotVol(vol, daysPerYear)");
            default -> throw new IllegalStateException(n);
        };
    }

    /**
     * The model of a name for one asset: as {@link #of(String, double, int)}, and for
     * {@code snapshot} a {@link SnapshotVol} of that asset's snapshot vol.
     */
    public static VolatilityModel of(String name, double ewmaLambda, int windowDays, double snapshotAnnualVol,
                                     double daysPerYear) {
        return isEstimated(name) ? of(name, ewmaLambda, windowDays) : new SnapshotVol(snapshotAnnualVol, daysPerYear);
    }

    /** True for the models estimated from price history (all but snapshot). */
    public static boolean isEstimated(String name) {
        return !normalise(name).equals(SNAPSHOT);
    }

    /** The lower-case name, or IllegalArgumentException listing the known names. */
    public static String normalise(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(n)) {
            throw new IllegalArgumentException("unknown vol model '" + name + "': expected one of "
                    + String.join(", ", NAMES));
        }
        return n;
    }
}

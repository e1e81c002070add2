package io.marginscope.stress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Deribit-style price/vol grid (FORMATS.md section 6, {@code stress.grid}): {@code priceSteps}
 * evenly spaced price moves from {@code -range} to {@code +range}, zero included,
 *
 * <pre>  move_i = range * (2 i - (n - 1)) / (n - 1),   i = 0 .. n - 1,  n = priceSteps (odd, at least 3)</pre>
 *
 * each with implied vols up ({@code vol * (1 + volUp)}), unchanged and down
 * ({@code vol * (1 - volDown)}): {@code 3 n} instantaneous scenarios of weight 1, in price order and
 * within a price up, unchanged, down. All assets move together, each by the same fraction of its
 * own range.
 */
public final class StressGrid {

    /** The one home of the grid defaults: the example of FORMATS.md section 6, used by {@code stress --grid}. */
    public static final ScanRanges DEFAULT_PRICE_RANGE = new ScanRanges(Map.of("BTC", 0.16), 0.20);
    public static final int DEFAULT_PRICE_STEPS = 9;
    public static final double DEFAULT_VOL_UP = 0.45;
    public static final double DEFAULT_VOL_DOWN = 0.30;

    private StressGrid() {
    }

    /** The grid over every asset: assets not listed in {@code priceRange} move by its default range. */
    public static List<StressScenario> of(ScanRanges priceRange, int priceSteps, double volUp, double volDown) {
        return build(null, priceRange, priceSteps, volUp, volDown);
    }

    /** The grid over the given underlyings only (others, e.g. stablecoins, are not moved). */
    public static List<StressScenario> of(Collection<String> underlyings, ScanRanges priceRange, int priceSteps,
                                          double volUp, double volDown) {
        return build(List.copyOf(underlyings), priceRange, priceSteps, volUp, volDown);
    }

    private static List<StressScenario> build(List<String> underlyings, ScanRanges priceRange, int priceSteps,
                                              double volUp, double volDown) {
        if (priceSteps < 3 || priceSteps % 2 == 0) {
            throw new IllegalArgumentException("priceSteps must be odd and at least 3 (so that zero is a step), got "
                    + priceSteps);
        }
        if (!(volUp >= 0) || !Double.isFinite(volUp)) {
            throw new IllegalArgumentException("volUp must be a fraction of at least 0, got " + volUp);
        }
        if (!(volDown >= 0 && volDown <= 1)) {
            throw new IllegalArgumentException("volDown must be within [0, 1], got " + volDown);
        }
        int half = (priceSteps - 1) / 2;
        String ranges = underlyings == null
                ? describeAll(priceRange) : SpanArray.describe(underlyings, priceRange);
        List<StressScenario> out = new ArrayList<>(3 * priceSteps);
        for (int i = 0; i < priceSteps; i++) {
            int k = i - half;
            double fraction = (double) k / half;
            String step = (k > 0 ? "+" : "") + k + "/" + half;
            double[] vols = {volUp, 0, -volDown};
            String[] labels = {"vol up " + SpanArray.fmt(volUp), "vol unchanged", "vol down " + SpanArray.fmt(volDown)};
            for (int v = 0; v < 3; v++) {
                ShockSet shocks;
                if (underlyings == null) {
                    Map<String, AssetShock> named = new LinkedHashMap<>();
                    double rel = vols[v];
                    priceRange.byAsset().forEach((a, r) -> named.put(a, AssetShock.relative(fraction * r, rel)));
                    shocks = new ShockSet(named, AssetShock.relative(fraction * priceRange.defaultRange(), rel));
                } else {
                    Map<String, AssetShock> named = new LinkedHashMap<>();
                    for (String u : underlyings) {
                        named.put(u, AssetShock.relative(fraction * priceRange.rangeFor(u), vols[v]));
                    }
                    shocks = ShockSet.of(named);
                }
                out.add(new StressScenario("grid price " + step + " x range, " + labels[v],
                        "price " + step + " x range (" + ranges + "), " + labels[v],
                        "price/vol grid (FORMATS.md section 6)", shocks, 0, 1, Map.of(), List.of()));
            }
        }
        return out;
    }

    private static String describeAll(ScanRanges r) {
        StringBuilder sb = new StringBuilder();
        r.byAsset().forEach((a, x) -> sb.append(a).append(' ').append(SpanArray.fmt(x)).append(", "));
        return sb.append("others ").append(SpanArray.fmt(r.defaultRange())).toString();
    }
}

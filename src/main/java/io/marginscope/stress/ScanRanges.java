package io.marginscope.stress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Price ranges per asset as fractions of spot (0.16 = 16%), with a default for the assets not
 * listed: the {@code priceScanRange} of a SPAN set and the {@code priceRange} of a grid
 * (FORMATS.md section 6, e.g. {@code {"BTC": 0.16, "ETH": 0.20, "default": 0.25}}).
 *
 * @param byAsset      per asset symbol (upper case), each in [0, 1)
 * @param defaultRange for assets not listed, in [0, 1)
 */
public record ScanRanges(Map<String, Double> byAsset, double defaultRange) {

    public ScanRanges {
        Map<String, Double> copy = new LinkedHashMap<>();
        byAsset.forEach((a, r) -> copy.put(a.trim().toUpperCase(Locale.ROOT), check(a, r)));
        byAsset = Collections.unmodifiableMap(copy);
        check("default", defaultRange);
    }

    /** One range for every asset. */
    public static ScanRanges uniform(double range) {
        return new ScanRanges(Map.of(), range);
    }

    private static double check(String asset, double r) {
        if (!(r >= 0 && r < 1)) {
            throw new IllegalArgumentException("the price range of " + asset + " must be within [0, 1), got " + r);
        }
        return r;
    }

    /** The range of an asset: its own, else the default. */
    public double rangeFor(String asset) {
        return byAsset.getOrDefault(asset, defaultRange);
    }

    /** The largest range listed or default. */
    public double max() {
        return byAsset.values().stream().mapToDouble(Double::doubleValue).reduce(defaultRange, Math::max);
    }
}

package io.marginscope.stress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 16 SPAN risk-array scenarios of FORMATS.md section 6 (after CME SPAN's standard array):
 *
 * <pre>
 *  #   price move (x range)   implied vol                weight
 *  1   0                      up:   vol * (1 + v)        1
 *  2   0                      down: vol * (1 - v)        1
 *  3   +1/3                   up                         1
 *  4   +1/3                   down                       1
 *  5   -1/3                   up                         1
 *  6   -1/3                   down                       1
 *  7   +2/3                   up                         1
 *  8   +2/3                   down                       1
 *  9   -2/3                   up                         1
 * 10   -2/3                   down                       1
 * 11   +1                     up                         1
 * 12   +1                     down                       1
 * 13   -1                     up                         1
 * 14   -1                     down                       1
 * 15   +extremeMultiple       unchanged                  extremeCover
 * 16   -extremeMultiple       unchanged                  extremeCover
 * </pre>
 *
 * The range is each asset's {@code priceScanRange} (fraction of spot), {@code v} the
 * {@code volScanRange} (fraction of the vol). All the given underlyings move together within a
 * scenario, each by the same multiple of its own range; assets not given are not moved. Scenarios
 * are instantaneous (horizon 0). The stress charge is the largest weighted loss over the array.
 *
 * <p>Source: CME Group, "CME SPAN: Standard Portfolio Analysis of Risk" (the 16-scenario array,
 * extreme moves covered at 35%); the parameters are the policy's.
 */
public final class SpanArray {

    /**
     * The one home of the SPAN defaults: the example of FORMATS.md section 6, used by {@code stress --span},
     * by a report whose policy has no SPAN block and by a policy file's SPAN block for the fields it leaves out.
     */
    public static final ScanRanges DEFAULT_PRICE_SCAN = new ScanRanges(Map.of("BTC", 0.16, "ETH", 0.20), 0.25);
    public static final double DEFAULT_VOL_SCAN = 0.25;
    public static final double DEFAULT_EXTREME_MULTIPLE = 3;
    public static final double DEFAULT_EXTREME_COVER = 0.35;

    private SpanArray() {
    }

    /**
     * @param underlyings    the assets moved together (e.g. the book's non-stable underlyings)
     * @param priceScanRange per asset, with a default for those not listed; fractions of spot
     * @param volScanRange   relative vol move, in [0, 1)
     * @param extremeMultiple multiple of the range of the extreme moves, positive, with
     *                       {@code extremeMultiple * range < 1} for every underlying
     * @param extremeCover   weight of the extreme moves, in [0, 1]
     * @return the 16 scenarios, in the order of the table above
     */
    public static List<StressScenario> of(Collection<String> underlyings, ScanRanges priceScanRange,
                                          double volScanRange, double extremeMultiple, double extremeCover) {
        if (!(volScanRange >= 0 && volScanRange < 1)) {
            throw new IllegalArgumentException("volScanRange must be within [0, 1), got " + volScanRange);
        }
        if (!(extremeMultiple > 0) || !Double.isFinite(extremeMultiple)) {
            throw new IllegalArgumentException("extremeMultiple must be positive, got " + extremeMultiple);
        }
        if (!(extremeCover >= 0 && extremeCover <= 1)) {
            throw new IllegalArgumentException("extremeCover must be within [0, 1], got " + extremeCover);
        }
        for (String u : underlyings) {
            if (extremeMultiple * priceScanRange.rangeFor(u) >= 1) {
                throw new IllegalArgumentException("the extreme move of " + u + " (" + extremeMultiple + " x "
                        + priceScanRange.rangeFor(u) + ") would take its price to zero or below");
            }
        }
        String ranges = describe(underlyings, priceScanRange);
        List<StressScenario> out = new ArrayList<>(16);
        int n = 1;
        String[] fractions = {"0", "+1/3", "-1/3", "+2/3", "-2/3", "+1", "-1"};
        double[] multiples = {0, 1.0 / 3, -1.0 / 3, 2.0 / 3, -2.0 / 3, 1, -1};
        for (int i = 0; i < multiples.length; i++) {
            for (int dir : new int[] {1, -1}) {
                String name = "SPAN " + n++ + ": price " + fractions[i] + " x range, vol " + (dir > 0 ? "up" : "down");
                out.add(scenario(name, underlyings, priceScanRange, multiples[i], dir * volScanRange, 1.0,
                        "price " + fractions[i] + " x range (" + ranges + "), implied vols x "
                                + fmt(1 + dir * volScanRange)));
            }
        }
        for (int dir : new int[] {1, -1}) {
            String m = (dir > 0 ? "+" : "-") + fmt(extremeMultiple);
            out.add(scenario("SPAN " + n++ + ": price " + m + " x range, vol unchanged (extreme, cover "
                            + fmt(extremeCover) + ")", underlyings, priceScanRange, dir * extremeMultiple, 0.0,
                    extremeCover, "extreme move " + m + " x range (" + ranges + "), vols unchanged; the P&L counts at "
                            + fmt(extremeCover)));
        }
        return out;
    }

    private static StressScenario scenario(String name, Collection<String> underlyings, ScanRanges ranges,
                                           double multiple, double volRelative, double weight, String description) {
        Map<String, AssetShock> shocks = new LinkedHashMap<>();
        for (String u : underlyings) {
            shocks.put(u, AssetShock.relative(multiple * ranges.rangeFor(u), volRelative));
        }
        return new StressScenario(name, description, "SPAN 16-scenario risk array (FORMATS.md section 6)",
                ShockSet.of(shocks), 0, weight, Map.of(), List.of());
    }

    static String describe(Collection<String> underlyings, ScanRanges ranges) {
        StringBuilder sb = new StringBuilder();
        for (String u : underlyings) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(u).append(' ').append(fmt(ranges.rangeFor(u)));
        }
        return sb.isEmpty() ? "no underlyings" : sb.toString();
    }

    static String fmt(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}

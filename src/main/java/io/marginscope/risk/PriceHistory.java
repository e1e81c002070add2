package io.marginscope.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Daily closes of several assets, each on its own dates (FORMATS.md section 4), and the daily log
 * returns built from them.
 *
 * <p>Returns: assets are aligned on the calendar days present for all of them; the return of
 * day {@code d} is {@code ln(close[d] / close[d - 1 day])} and exists only when both {@code d} and
 * the calendar day before it are present for every asset aligned. Crypto trades every day, so a
 * missing day is a gap in the data: it is reported, never bridged, and the return across it is
 * skipped (a two-day move is not a daily return).
 *
 * @param series one entry per asset, in file order; no asset twice
 */
public record PriceHistory(List<AssetPrices> series) {

    public PriceHistory {
        series = List.copyOf(series);
        Set<String> seen = new HashSet<>();
        for (AssetPrices p : series) {
            if (!seen.add(p.asset())) {
                throw new IllegalArgumentException("asset " + p.asset() + " appears twice in the history");
            }
        }
    }

    /** Asset symbols in file order. */
    public List<String> assets() {
        List<String> names = new ArrayList<>(series.size());
        for (AssetPrices p : series) {
            names.add(p.asset());
        }
        return names;
    }

    public boolean has(String asset) {
        return find(asset) != null;
    }

    /** The closes of one asset; IllegalArgumentException when the history does not hold it. */
    public AssetPrices of(String asset) {
        AssetPrices p = find(asset);
        if (p == null) {
            throw new IllegalArgumentException("no price history for " + asset);
        }
        return p;
    }

    /**
     * The assets of a book that this history does not hold, distinct, in the book's order. The
     * caller values them with the snapshot's vol and zero correlation, and says so.
     */
    public List<String> missing(Collection<String> bookAssets) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : bookAssets) {
            if (!has(a)) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    /** Returns of all assets over the whole history. */
    public AlignedReturns returns() {
        return returnsUpTo(assets(), null);
    }

    /** Returns of the given assets (all held by this history) over the whole history. */
    public AlignedReturns returns(List<String> assets) {
        return returnsUpTo(assets, null);
    }

    /** Returns of all assets using closes dated on or before {@code asOf}; see {@link #returnsUpTo(List, LocalDate)}. */
    public AlignedReturns returnsUpTo(LocalDate asOf) {
        return returnsUpTo(assets(), asOf);
    }

    /**
     * Returns of the given assets using closes dated on or before {@code asOf} (the snapshot's
     * valuation date in UTC; null for no cut). Warnings: each asset's missing days inside its range
     * ("BTC: 3 missing days between 2020-01-01 and 2024-11-20, first 2021-03-04; ..."), a history
     * that ends before {@code asOf} ("history ends 2024-10-31, before the snapshot's 2024-11-20;
     * used up to its end"), an asset with no close on or before {@code asOf}, and no common
     * returns at all (the series is then empty).
     *
     * @throws IllegalArgumentException when an asset is not held (ask {@link #missing} first)
     */
    public AlignedReturns returnsUpTo(List<String> assets, LocalDate asOf) {
        return aligned(assets, asOf, asOf == null ? null : "the snapshot's " + asOf);
    }

    /**
     * The date of the last daily close known at {@code at}: a close dated D is the price at the end
     * of that UTC day, so it counts from D+1 00:00 UTC (the time rule of docs/methodology.md
     * section 10). A snapshot at 2020-03-12 08:00 UTC knows the closes through 2020-03-11.
     */
    public static LocalDate lastCloseKnownAt(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).minusDays(1);
    }

    /**
     * Returns of the given assets from the closes known at the instant {@code at} (a snapshot's
     * valuation time): those dated up to {@link #lastCloseKnownAt(Instant)}. Warnings as
     * {@link #returnsUpTo(List, LocalDate)}, naming the instant and the last close it may use.
     */
    public AlignedReturns returnsKnownAt(List<String> assets, Instant at) {
        LocalDate cut = lastCloseKnownAt(at);
        AlignedReturns r = aligned(assets, cut, cut + ", the last close known at the snapshot's " + at);
        LocalDate day = cut.plusDays(1);
        List<String> dated = new ArrayList<>();
        for (String a : assets) {
            if (of(a).dates().contains(day)) {
                dated.add(a);
            }
        }
        if (dated.isEmpty()) {
            return r;
        }
        List<String> warnings = new ArrayList<>(r.warnings());
        warnings.add("close of " + day + " (" + String.join(", ", dated) + ") not used: the snapshot's " + at
                + " is before its end; a daily close dated D counts from D+1 00:00 UTC");
        return new AlignedReturns(r.returns(), warnings);
    }

    private AlignedReturns aligned(List<String> assets, LocalDate asOf, String cutLabel) {
        if (assets.isEmpty()) {
            throw new IllegalArgumentException("no assets to align");
        }
        if (new HashSet<>(assets).size() != assets.size()) {
            throw new IllegalArgumentException("an asset is listed twice: " + assets);
        }
        List<String> warnings = new ArrayList<>();
        List<AssetPrices> used = new ArrayList<>(assets.size());
        boolean someEmpty = false;
        for (String a : assets) {
            AssetPrices p = asOf == null ? of(a) : of(a).upTo(asOf);
            used.add(p);
            if (p.isEmpty()) {
                warnings.add(a + ": no close on or before " + cutLabel + " (history starts "
                        + of(a).first() + ")");
                someEmpty = true;
            } else {
                gapWarning(p, warnings);
            }
        }
        if (someEmpty) {
            return new AlignedReturns(empty(assets), warnings);
        }
        ReturnSeries returns = align(assets, used);
        if (returns.length() == 0) {
            warnings.add("no returns: " + String.join(", ", assets)
                    + " have no two consecutive calendar days in common");
        }
        if (asOf != null) {
            endsEarlyWarning(used, asOf, cutLabel, warnings);
        }
        return new AlignedReturns(returns, warnings);
    }

    private AssetPrices find(String asset) {
        for (AssetPrices p : series) {
            if (p.asset().equals(asset)) {
                return p;
            }
        }
        return null;
    }

    private static void gapWarning(AssetPrices p, List<String> warnings) {
        long missing = p.missingDays();
        if (missing > 0) {
            warnings.add(p.asset() + ": " + missing + (missing == 1 ? " missing day" : " missing days")
                    + " between " + p.first() + " and " + p.last() + ", first " + p.firstMissingDay()
                    + "; returns across them skipped");
        }
    }

    private static void endsEarlyWarning(List<AssetPrices> used, LocalDate asOf, String cutLabel,
                                         List<String> warnings) {
        LocalDate end = null;
        for (AssetPrices p : used) {
            if (end == null || p.last().isBefore(end)) {
                end = p.last();
            }
        }
        if (!end.isBefore(asOf)) {
            return;
        }
        List<String> first = new ArrayList<>();
        for (AssetPrices p : used) {
            if (p.last().equals(end)) {
                first.add(p.asset());
            }
        }
        String who = first.size() == used.size() ? "" : " (" + String.join(", ", first) + ")";
        warnings.add("history ends " + end + who + ", before " + cutLabel + "; used up to its end");
    }

    /** Log returns on the calendar days where the day and the day before are present for every asset. */
    private static ReturnSeries align(List<String> assets, List<AssetPrices> used) {
        int n = used.size();
        long start = Long.MIN_VALUE;
        long end = Long.MAX_VALUE;
        long[][] days = new long[n][];
        for (int a = 0; a < n; a++) {
            days[a] = used.get(a).epochDays();
            start = Math.max(start, days[a][0]);
            end = Math.min(end, days[a][days[a].length - 1]);
        }
        if (start > end) {
            return empty(assets);
        }
        int span = Math.toIntExact(end - start + 1);
        // index[a][d]: position in asset a's closes of calendar day start + d, or -1
        int[][] index = new int[n][span];
        boolean[] common = new boolean[span];
        java.util.Arrays.fill(common, true);
        for (int a = 0; a < n; a++) {
            java.util.Arrays.fill(index[a], -1);
            for (int i = 0; i < days[a].length; i++) {
                long d = days[a][i] - start;
                if (d >= 0 && d < span) {
                    index[a][(int) d] = i;
                }
            }
            for (int d = 0; d < span; d++) {
                common[d] &= index[a][d] >= 0;
            }
        }
        int count = 0;
        for (int d = 1; d < span; d++) {
            if (common[d] && common[d - 1]) {
                count++;
            }
        }
        double[][] r = new double[n][count];
        List<LocalDate> dates = new ArrayList<>(count);
        int t = 0;
        for (int d = 1; d < span; d++) {
            if (common[d] && common[d - 1]) {
                for (int a = 0; a < n; a++) {
                    double[] c = used.get(a).closes();
                    r[a][t] = Math.log(c[index[a][d]] / c[index[a][d - 1]]);
                }
                dates.add(LocalDate.ofEpochDay(start + d));
                t++;
            }
        }
        return new ReturnSeries(assets, dates, r);
    }

    private static ReturnSeries empty(List<String> assets) {
        return new ReturnSeries(assets, List.of(), new double[assets.size()][0]);
    }
}

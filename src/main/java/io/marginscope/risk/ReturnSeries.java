package io.marginscope.risk;

import java.time.LocalDate;
import java.util.List;

/**
 * Daily log returns of several assets on common dates, oldest first.
 *
 * @param assets  asset symbols, one row of {@code returns} each
 * @param dates   the date each return ends on: returns[a][t] = ln(close[t] / close[t-1]) for dates[t]
 * @param returns [asset][t] daily log returns
 */
public record ReturnSeries(List<String> assets, List<LocalDate> dates, double[][] returns) {

    public ReturnSeries {
        assets = List.copyOf(assets);
        dates = List.copyOf(dates);
        if (returns.length != assets.size()) {
            throw new IllegalArgumentException("one return row per asset");
        }
        for (double[] row : returns) {
            if (row.length != dates.size()) {
                throw new IllegalArgumentException("one return per date");
            }
        }
    }

    public int length() {
        return dates.size();
    }

    public int indexOf(String asset) {
        return assets.indexOf(asset);
    }

    public double[] of(String asset) {
        int i = indexOf(asset);
        if (i < 0) {
            throw new IllegalArgumentException("no returns for " + asset);
        }
        return returns[i];
    }

    /** The last {@code n} returns (all when fewer). */
    public ReturnSeries last(int n) {
        int from = Math.max(0, length() - n);
        return slice(from, length());
    }

    /** Returns with dates in [from, to). */
    public ReturnSeries slice(int from, int to) {
        double[][] r = new double[returns.length][];
        for (int a = 0; a < r.length; a++) {
            r[a] = java.util.Arrays.copyOfRange(returns[a], from, to);
        }
        return new ReturnSeries(assets, dates.subList(from, to), r);
    }
}

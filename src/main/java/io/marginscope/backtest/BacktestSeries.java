package io.marginscope.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Daily P&L against the risk forecast made for it: on {@code dates[t]} the book made
 * {@code pnl[t]} (losses negative) and the model had forecast a VaR of {@code var[t]} (positive,
 * a loss) and optionally an ES {@code es[t]} (positive, at least the VaR). An exception is
 * {@code pnl[t] < -var[t]}.
 *
 * <p>Arrays are copied in and out; dates are strictly ascending.
 *
 * @param dates the days, strictly ascending
 * @param pnl   P&L per day, USD
 * @param var   VaR per day, USD, positive
 * @param es    ES per day, USD, at least var; null when the model gave none
 */
public record BacktestSeries(List<LocalDate> dates, double[] pnl, double[] var, double[] es) {

    public BacktestSeries {
        dates = List.copyOf(dates);
        pnl = pnl.clone();
        var = var.clone();
        es = es == null ? null : es.clone();
        int n = dates.size();
        if (n == 0) {
            throw new IllegalArgumentException("need at least one day");
        }
        if (pnl.length != n || var.length != n || (es != null && es.length != n)) {
            throw new IllegalArgumentException("one pnl, var (and es) per date");
        }
        for (int t = 0; t < n; t++) {
            if (t > 0 && !dates.get(t).isAfter(dates.get(t - 1))) {
                throw new IllegalArgumentException("dates must be strictly ascending: " + dates.get(t));
            }
            if (!Double.isFinite(pnl[t])) {
                throw new IllegalArgumentException("pnl must be finite on " + dates.get(t));
            }
            if (!(var[t] > 0) || Double.isInfinite(var[t])) {
                throw new IllegalArgumentException("var must be positive and finite on " + dates.get(t));
            }
            if (es != null && (!(es[t] >= var[t]) || Double.isInfinite(es[t]))) {
                throw new IllegalArgumentException("es must be finite and at least var on " + dates.get(t));
            }
        }
    }

    public int size() {
        return dates.size();
    }

    public boolean hasEs() {
        return es != null;
    }

    @Override
    public double[] pnl() {
        return pnl.clone();
    }

    @Override
    public double[] var() {
        return var.clone();
    }

    /** The ES column, or null when there is none. */
    @Override
    public double[] es() {
        return es == null ? null : es.clone();
    }

    /** Exception indicators: {@code pnl[t] < -var[t]}. */
    public boolean[] exceptions() {
        boolean[] e = new boolean[pnl.length];
        for (int t = 0; t < e.length; t++) {
            e[t] = pnl[t] < -var[t];
        }
        return e;
    }

    /** The dates of the exceptions, ascending. */
    public List<LocalDate> exceptionDates() {
        boolean[] e = exceptions();
        ArrayList<LocalDate> out = new ArrayList<>();
        for (int t = 0; t < e.length; t++) {
            if (e[t]) {
                out.add(dates.get(t));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BacktestSeries s && dates.equals(s.dates) && Arrays.equals(pnl, s.pnl)
                && Arrays.equals(var, s.var) && Arrays.equals(es, s.es);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dates.hashCode() + Arrays.hashCode(pnl)) + Arrays.hashCode(var);
    }

    @Override
    public String toString() {
        return "BacktestSeries[" + size() + " days " + dates.get(0) + ".." + dates.get(size() - 1)
                + (hasEs() ? ", with ES" : "") + "]";
    }
}

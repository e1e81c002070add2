package io.marginscope.margin.exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * A tiered maintenance-margin table (Binance "leverage and margin tiers", FORMATS.md section 6
 * {@code tiers}): rows of [notional floor in USD, maintenance margin rate, maintenance amount].
 *
 * <p>Bracket {@code n} covers notionals {@code floor_n < N <= floor_(n+1)} (the last one up to
 * {@link #cap()}); the first also covers 0. The maintenance margin of a notional {@code N} is
 * <pre>  MM(N) = N * MMR_n - amount_n   for the bracket n that holds N</pre>
 * and the maintenance amounts follow Binance's cumulative rule
 * <pre>  amount_1 = 0,   amount_n = floor_n * (MMR_n - MMR_(n-1)) + amount_(n-1)</pre>
 * (Binance, "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts", 2020-08-14,
 * https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93: "Maintenance Amount on
 * Level n = Floor of Position Bracket on Level n * (MMR on Level n - MMR on Level n-1) + Maintenance
 * Amount on Level n-1", worked as 250,000 * (1% - 0.5%) + 50 = 1,300 USDT). The rule makes MM(N)
 * continuous at every floor, so the bracket at a boundary does not matter.
 *
 * @param rows brackets, floors strictly ascending, the first at 0
 * @param cap  upper edge of the last bracket (the largest notional the table covers), or
 *             {@code Double.POSITIVE_INFINITY} when the last bracket is open
 */
public record Brackets(List<Bracket> rows, double cap) {

    /**
     * One row of the table.
     *
     * @param floor  lower edge of the bracket's notional range, USD (exclusive, except 0 for the first)
     * @param rate   maintenance margin rate, decimal (0.004 = 0.40%)
     * @param amount maintenance amount ("cum"), USD
     */
    public record Bracket(double floor, double rate, double amount) {
        public Bracket {
            if (!(floor >= 0) || !Double.isFinite(floor)) {
                throw new IllegalArgumentException("bracket floor must be finite and >= 0: " + floor);
            }
            if (!(rate > 0 && rate <= 1)) {
                throw new IllegalArgumentException("maintenance margin rate must be in (0, 1]: " + rate);
            }
            if (!Double.isFinite(amount)) {
                throw new IllegalArgumentException("maintenance amount must be finite: " + amount);
            }
        }
    }

    public Brackets {
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a bracket table needs at least one row");
        }
        if (rows.get(0).floor() != 0.0) {
            throw new IllegalArgumentException("the first bracket must start at notional 0");
        }
        for (int i = 1; i < rows.size(); i++) {
            if (!(rows.get(i).floor() > rows.get(i - 1).floor())) {
                throw new IllegalArgumentException("bracket floors must be strictly ascending (row " + (i + 1) + ")");
            }
        }
        if (!(cap > rows.get(rows.size() - 1).floor())) {
            throw new IllegalArgumentException("the cap must lie above the last floor");
        }
    }

    /**
     * A table from floors and rates, with the maintenance amounts computed by the cumulative rule.
     *
     * @param cap         upper edge of the last bracket ({@code Double.POSITIVE_INFINITY} when open)
     * @param floorAndRate pairs {floor, rate}, floors ascending from 0
     */
    public static Brackets fromFloorsAndRates(double cap, double[]... floorAndRate) {
        List<Bracket> out = new ArrayList<>(floorAndRate.length);
        double amount = 0.0;
        for (int i = 0; i < floorAndRate.length; i++) {
            double[] fr = floorAndRate[i];
            if (fr.length != 2) {
                throw new IllegalArgumentException("each row is {floor, rate}");
            }
            if (i > 0) {
                amount = cumulativeAmount(fr[0], fr[1], floorAndRate[i - 1][1], amount);
            }
            out.add(new Bracket(fr[0], fr[1], amount));
        }
        return new Brackets(out, cap);
    }

    /** Binance's rule for one level: floor_n * (MMR_n - MMR_(n-1)) + amount_(n-1). */
    public static double cumulativeAmount(double floor, double rate, double previousRate, double previousAmount) {
        return floor * (rate - previousRate) + previousAmount;
    }

    /**
     * Rows whose maintenance amount differs from the cumulative rule by more than {@code tolerance}
     * USD, one line each ("row 3: amount 1,200 but the rule gives 1,300"); empty when the table is
     * consistent.
     */
    public List<String> amountMismatches(double tolerance) {
        List<String> out = new ArrayList<>();
        if (Math.abs(rows.get(0).amount()) > tolerance) {
            out.add("row 1: amount " + rows.get(0).amount() + " but the rule gives 0");
        }
        for (int i = 1; i < rows.size(); i++) {
            Bracket prev = rows.get(i - 1);
            Bracket b = rows.get(i);
            double rule = cumulativeAmount(b.floor(), b.rate(), prev.rate(), prev.amount());
            if (Math.abs(b.amount() - rule) > tolerance) {
                out.add("row " + (i + 1) + ": amount " + b.amount() + " but the rule gives " + rule);
            }
        }
        return out;
    }

    /** Throws when a maintenance amount breaks the cumulative rule by more than {@code tolerance} USD. */
    public Brackets requireConsistentAmounts(double tolerance) {
        List<String> bad = amountMismatches(tolerance);
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("maintenance amounts break the cumulative rule: " + String.join("; ", bad));
        }
        return this;
    }

    /** True when the table covers this notional (0 up to the cap). */
    public boolean covers(double notional) {
        return notional >= 0 && notional <= cap;
    }

    /** Index (0-based) of the bracket holding a notional: the last row with floor < notional, row 0 for 0. */
    public int indexFor(double notional) {
        if (!(notional >= 0) || !Double.isFinite(notional)) {
            throw new IllegalArgumentException("notional must be finite and >= 0: " + notional);
        }
        if (notional > cap) {
            throw new IllegalArgumentException("notional " + notional + " is above the last bracket of this table ("
                    + cap + ")");
        }
        for (int i = rows.size() - 1; i > 0; i--) {
            if (notional > rows.get(i).floor()) {
                return i;
            }
        }
        return 0;
    }

    public Bracket bracketFor(double notional) {
        return rows.get(indexFor(notional));
    }

    /** Upper edge of bracket {@code i}: the next floor, or the cap for the last one. */
    public double upperEdge(int i) {
        return i + 1 < rows.size() ? rows.get(i + 1).floor() : cap;
    }

    /** MM(N) = N * MMR - amount of the bracket holding N, USD. */
    public double maintenance(double notional) {
        Bracket b = bracketFor(notional);
        return notional * b.rate() - b.amount();
    }

    public int size() {
        return rows.size();
    }
}

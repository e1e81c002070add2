package io.marginscope.risk;

import io.marginscope.model.AssetMarket;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.pricing.NormalDist;
import io.marginscope.pricing.PositionPricer;

import java.util.List;

/**
 * Full revaluation of a book under scenarios, on structure-of-arrays position data.
 * <p>
 * Each scenario moves every spot to S1 = S0 exp(r) and each option's implied vol to
 * max(vol + dv, 0.01), and lets the horizon pass: T1 = max(T - h / daysPerYear, 0).
 * P&L of a position = quantity * (V1 - V0) with V the per-coin value of PositionPricer:
 * spot and perps S; futures F = S exp((r - q) T); options Black-76 (intrinsic at T1 = 0).
 * No object is allocated per scenario or per position in the loop.
 */
public final class Revaluation {

    static final int LINEAR = 0;
    static final int FUTURE = 1;
    static final int CALL = 2;
    static final int PUT = 3;
    /** Positions per cache tile of the book P&L loop (about 100 KB of position data). */
    static final int TILE = 1024;
    /** Vol floor after a shock, as in the benchmark rules. */
    static final double MIN_VOL = 0.01;

    private final List<String> assets;
    private final int n;
    private final int[] kind;
    private final int[] asset;
    private final double[] qty;
    private final double[] strike;
    private final double[] vol0;
    private final double[] years1;
    private final double[] carry;
    private final double[] discount1;
    private final double[] growth1;
    private final double[] value0;
    private final double[] spot0;
    private final double[] sqrtYears1;
    private final double[] logMoneyness1;

    /**
     * @param assets  the risk factors (columns of the scenario sets to be used); every
     *                underlying of the book must be one of them
     */
    public Revaluation(Portfolio book, MarketSnapshot market, List<String> assets, int horizonDays) {
        this.assets = List.copyOf(assets);
        this.n = book.size();
        kind = new int[n];
        asset = new int[n];
        qty = new double[n];
        strike = new double[n];
        vol0 = new double[n];
        years1 = new double[n];
        carry = new double[n];
        discount1 = new double[n];
        growth1 = new double[n];
        value0 = new double[n];
        sqrtYears1 = new double[n];
        logMoneyness1 = new double[n];
        spot0 = new double[assets.size()];
        for (int a = 0; a < assets.size(); a++) {
            spot0[a] = market.asset(assets.get(a)).spot();
        }
        double dh = horizonDays / market.daysPerYear();
        for (int i = 0; i < n; i++) {
            Position p = book.positions().get(i);
            AssetMarket m = market.asset(p.underlying());
            asset[i] = assets.indexOf(p.underlying());
            if (asset[i] < 0) {
                throw new IllegalArgumentException(p.underlying() + " is not a risk factor");
            }
            qty[i] = p.quantity();
            InstrumentType t = p.type();
            kind[i] = switch (t) {
                case SPOT, PERP -> LINEAR;
                case FUTURE -> FUTURE;
                case CALL -> CALL;
                case PUT -> PUT;
            };
            carry[i] = m.rate() - m.dividendYield();
            if (t.hasExpiry()) {
                double t0 = market.yearsTo(p.instrument().expiry());
                years1[i] = Math.max(t0 - dh, 0.0);
                growth1[i] = years1[i] > 0 ? Math.exp(carry[i] * years1[i]) : 1.0;
                discount1[i] = Math.exp(-m.rate() * years1[i]);
            }
            if (t.isOption()) {
                strike[i] = p.instrument().strike();
                vol0[i] = market.optionVol(p.instrument()).vol();
                sqrtYears1[i] = Math.sqrt(years1[i]);
                // ln(F1 / K) = ln(S0 growth / K) + r: the scenario's log return, no log per option
                logMoneyness1[i] = Math.log(m.spot() * growth1[i] / strike[i]);
            }
            value0[i] = unitValue0(p, market);
        }
    }

    private static double unitValue0(Position p, MarketSnapshot market) {
        var v = PositionPricer.value(p, market);
        return v.price();
    }

    public List<String> assets() {
        return assets;
    }

    public int positions() {
        return n;
    }

    /** Spot of each risk factor at the start. */
    public double[] spots() {
        return spot0.clone();
    }

    /**
     * A scenario set turned into spots, log returns and vol shifts once ({@code [s * assets + a]}),
     * so the book loop and the attribution loops read them instead of recomputing exponentials.
     */
    public record Moves(int count, int assets, double[] spots, double[] logReturns, double[] volShifts) {
    }

    /** The moves of every scenario of the set, filled in parallel blocks. */
    public Moves moves(ScenarioSet set, ScenarioSet.Scaling sc) {
        int m = set.count();
        int na = set.assetCount();
        double[] s1 = new double[m * na];
        double[] r = new double[m * na];
        double[] dv = new double[m * na];
        java.util.stream.IntStream.range(0, (m + 4095) / 4096).parallel().forEach(b -> {
            for (int s = b * 4096; s < Math.min(m, (b + 1) * 4096); s++) {
                scenario(set, sc, s, s1, r, dv, s * na);
            }
        });
        return new Moves(m, na, s1, r, dv);
    }

    /** Book P&L of scenarios [from, to) into out[s - from]. */
    public void bookPnl(ScenarioSet set, ScenarioSet.Scaling sc, int from, int to, double[] out) {
        int na = set.assetCount();
        double[] s1 = new double[(to - from) * na];
        double[] r = new double[s1.length];
        double[] dv = new double[s1.length];
        for (int s = from; s < to; s++) {
            scenario(set, sc, s, s1, r, dv, (s - from) * na);
        }
        bookPnl(new Moves(to - from, na, s1, r, dv), 0, to - from, out);
    }

    /**
     * Book P&L of scenarios [from, to) of the moves into out[s - from]: the positions in cache-sized
     * tiles, so a tile's arrays stay in cache while every scenario of the block passes over them.
     */
    public void bookPnl(Moves mv, int from, int to, double[] out) {
        int na = mv.assets();
        java.util.Arrays.fill(out, 0, to - from, 0.0);
        for (int lo = 0; lo < n; lo += TILE) {
            int hi = Math.min(n, lo + TILE);
            for (int s = from; s < to; s++) {
                int off = s * na;
                double total = 0;
                for (int i = lo; i < hi; i++) {
                    total += positionPnl(i, mv.spots(), mv.logReturns(), mv.volShifts(), off);
                }
                out[s - from] += total;
            }
        }
    }

    /** P&L of one position in every scenario into out[s]. */
    public void positionPnl(int i, Moves mv, double[] out) {
        int na = mv.assets();
        for (int s = 0; s < mv.count(); s++) {
            out[s] = positionPnl(i, mv.spots(), mv.logReturns(), mv.volShifts(), s * na);
        }
    }

    /** P&L of every position in one scenario into out[i]. */
    public void positionPnls(Moves mv, int s, double[] out) {
        int off = s * mv.assets();
        for (int i = 0; i < n; i++) {
            out[i] = positionPnl(i, mv.spots(), mv.logReturns(), mv.volShifts(), off);
        }
    }

    /** Scenario s's spots, log returns and vol shifts into the arrays at [at, at + assets). */
    private void scenario(ScenarioSet set, ScenarioSet.Scaling sc, int s, double[] s1, double[] r, double[] dv,
                          int at) {
        int na = set.assetCount();
        double[] base = set.base();
        double[] vb = set.volShiftBase();
        int off = s * na;
        for (int a = 0; a < na; a++) {
            r[at + a] = sc.drift()[a] + sc.scale()[a] * base[off + a];
            s1[at + a] = spot0[a] * Math.exp(r[at + a]);
            dv[at + a] = vb == null ? 0.0 : sc.volShiftScale()[a] * vb[off + a];
        }
    }

    private double positionPnl(int i, double[] s1, double[] r, double[] dv, int off) {
        int a = off + asset[i];
        double s = s1[a];
        double v1;
        switch (kind[i]) {
            case LINEAR -> v1 = s;
            case FUTURE -> v1 = s * growth1[i];
            default -> {
                double k = strike[i];
                if (years1[i] <= 0) {
                    v1 = kind[i] == CALL ? Math.max(s - k, 0) : Math.max(k - s, 0);
                } else {
                    double sd = Math.max(vol0[i] + dv[a], MIN_VOL) * sqrtYears1[i];
                    double f = s * growth1[i];
                    double d1 = (logMoneyness1[i] + r[a] + 0.5 * sd * sd) / sd;
                    double d2 = d1 - sd;
                    v1 = kind[i] == CALL
                            ? discount1[i] * (f * NormalDist.cdf(d1) - k * NormalDist.cdf(d2))
                            : discount1[i] * (k * NormalDist.cdf(-d2) - f * NormalDist.cdf(-d1));
                }
            }
        }
        return qty[i] * (v1 - value0[i]);
    }
}

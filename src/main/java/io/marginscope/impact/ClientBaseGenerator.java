package io.marginscope.impact;

import io.marginscope.model.AssetMarket;
import io.marginscope.model.Instrument;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.model.VolSurface;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic client base for demos, tests and the benchmark (docs/impact.md, accounts-generate): a
 * mixture of spot holders, leveraged perpetual longs and shorts, option sellers, basis traders,
 * active traders with many instruments, and a few whales (any of these at fifty times the size).
 * Each account has 1 to 20 positions on the snapshot's assets, priced near the snapshot (entry
 * prices within a few percent of spot, option premiums from a rough fraction of spot), and collateral
 * in the snapshot's stablecoin. Account {@code i} depends only on the seed and {@code i}, so a base of
 * 10,000 accounts starts with the base of 1,000.
 */
public final class ClientBaseGenerator {

    /** The kinds of account and their shares of the base (the whales are drawn separately). */
    public enum Kind {
        SPOT_HOLDER(0.28), PERP_LONG(0.20), PERP_SHORT(0.12), OPTION_SELLER(0.15), BASIS(0.10), ACTIVE(0.15);

        final double share;

        Kind(double share) {
            this.share = share;
        }
    }

    /** Share of accounts that are whales. */
    public static final double WHALE_SHARE = 0.02;
    static final double WHALE_SIZE = 50;
    public static final int MAX_POSITIONS = 20;

    private final MarketSnapshot market;
    private final long seed;
    private final List<String> risky;
    private final String cash;

    /**
     * @param market the snapshot the books are built on: its assets with a positive vol are traded, its
     *               first asset with a zero vol (a stablecoin) is the cash collateral
     */
    public ClientBaseGenerator(MarketSnapshot market, long seed) {
        this.market = market;
        this.seed = seed;
        List<String> r = new ArrayList<>();
        String c = null;
        for (var e : market.assets().entrySet()) {
            if (e.getValue().vol() > 0 && e.getValue().spot() > 0) {
                r.add(e.getKey());
            } else if (c == null && e.getValue().spot() > 0) {
                c = e.getKey();
            }
        }
        if (r.isEmpty()) {
            throw new IllegalArgumentException("the snapshot has no asset with a positive spot and vol to trade");
        }
        this.risky = List.copyOf(r);
        this.cash = c;
    }

    /** The name of account {@code i}: acct-000001 for i = 1 (zero-padded to six digits). */
    public static String accountName(long i) {
        return String.format(Locale.ROOT, "acct-%06d", i);
    }

    /** Account {@code i} (0-based). */
    public Portfolio account(long i) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        boolean whale = rnd.nextDouble() < WHALE_SHARE;
        Kind kind = kind(rnd.nextDouble());
        // collateral: log-normal around 20,000 USD (a few accounts a hundred times more)
        double capital = 20_000 * Math.exp(1.2 * gaussian(rnd)) * (whale ? WHALE_SIZE : 1);
        List<Position> ps = new ArrayList<>();
        switch (kind) {
            case SPOT_HOLDER -> spotHolder(rnd, capital, ps);
            case PERP_LONG -> perps(rnd, capital, 1, ps);
            case PERP_SHORT -> perps(rnd, capital, -1, ps);
            case OPTION_SELLER -> optionSeller(rnd, capital, ps);
            case BASIS -> basis(rnd, capital, ps);
            case ACTIVE -> active(rnd, capital, ps);
            default -> throw new IllegalStateException();
        }
        if (ps.size() > MAX_POSITIONS) {
            ps = new ArrayList<>(ps.subList(0, MAX_POSITIONS));
        }
        return new Portfolio(accountName(i + 1), ps);
    }

    private static Kind kind(double u) {
        double acc = 0;
        for (Kind k : Kind.values()) {
            acc += k.share;
            if (u < acc) {
                return k;
            }
        }
        return Kind.ACTIVE;
    }

    private void spotHolder(SplittableRandom rnd, double capital, List<Position> ps) {
        int n = 1 + rnd.nextInt(Math.min(3, risky.size()));
        for (int k = 0; k < n; k++) {
            String u = risky.get(k);
            double share = capital / n;
            ps.add(new Position(u.toLowerCase(Locale.ROOT) + "-spot", Instrument.spot(u), round(share / spot(u)),
                    entry(rnd, u)));
        }
        if (cash != null && rnd.nextDouble() < 0.5) {
            ps.add(cash(capital * 0.2 * rnd.nextDouble()));
        }
    }

    private void perps(SplittableRandom rnd, double capital, int sign, List<Position> ps) {
        ps.add(cash(capital));
        double leverage = 2 + rnd.nextDouble() * 13;
        int n = 1 + rnd.nextInt(Math.min(4, risky.size()));
        for (int k = 0; k < n; k++) {
            String u = pick(rnd);
            double notional = capital * leverage / n;
            Settlement s = rnd.nextDouble() < 0.2 ? Settlement.INVERSE : Settlement.LINEAR;
            ps.add(new Position(u.toLowerCase(Locale.ROOT) + "-perp-" + k, Instrument.perp(u, s),
                    sign * round(notional / spot(u)), entry(rnd, u)));
        }
    }

    private void optionSeller(SplittableRandom rnd, double capital, List<Position> ps) {
        ps.add(cash(capital));
        int strangles = 1 + rnd.nextInt(6);
        for (int k = 0; k < strangles; k++) {
            String u = pick(rnd);
            Instant expiry = expiry(rnd, u);
            double s = spot(u);
            double width = 0.05 + 0.25 * rnd.nextDouble();
            double qty = round(capital * (0.5 + rnd.nextDouble()) / s / strangles);
            ps.add(option(u, InstrumentType.CALL, expiry, strike(s * (1 + width)), -qty, s, "c" + k));
            ps.add(option(u, InstrumentType.PUT, expiry, strike(s * (1 - width)), -qty, s, "p" + k));
        }
        if (rnd.nextDouble() < 0.3) {
            String u = pick(rnd);
            ps.add(new Position(u.toLowerCase(Locale.ROOT) + "-perp-hedge", Instrument.perp(u, Settlement.LINEAR),
                    round((rnd.nextDouble() - 0.5) * capital / spot(u)), entry(rnd, u)));
        }
    }

    private void basis(SplittableRandom rnd, double capital, List<Position> ps) {
        ps.add(cash(capital * 0.3));
        int n = 1 + rnd.nextInt(Math.min(2, risky.size()));
        for (int k = 0; k < n; k++) {
            String u = risky.get(k);
            double qty = round(capital * (1 + rnd.nextDouble()) / spot(u) / n);
            ps.add(new Position(u.toLowerCase(Locale.ROOT) + "-spot", Instrument.spot(u), qty, entry(rnd, u)));
            ps.add(new Position(u.toLowerCase(Locale.ROOT) + "-fut", Instrument.future(u, expiry(rnd, u),
                    Settlement.LINEAR), -qty, spot(u) * (1.01 + 0.03 * rnd.nextDouble())));
        }
    }

    private void active(SplittableRandom rnd, double capital, List<Position> ps) {
        ps.add(cash(capital));
        int n = 4 + rnd.nextInt(MAX_POSITIONS - 4);
        for (int k = 0; ps.size() < n; k++) {
            String u = pick(rnd);
            double s = spot(u);
            double qty = round((rnd.nextDouble() * 2 - 1) * capital * 3 / s / n);
            if (qty == 0) {
                continue;
            }
            double kind = rnd.nextDouble();
            String id = u.toLowerCase(Locale.ROOT) + "-" + k;
            if (kind < 0.35) {
                ps.add(new Position(id, Instrument.perp(u, Settlement.LINEAR), qty, entry(rnd, u)));
            } else if (kind < 0.5) {
                ps.add(new Position(id, Instrument.future(u, expiry(rnd, u), Settlement.LINEAR), qty, entry(rnd, u)));
            } else {
                InstrumentType t = rnd.nextBoolean() ? InstrumentType.CALL : InstrumentType.PUT;
                double k0 = s * (0.7 + 0.6 * rnd.nextDouble());
                ps.add(option(u, t, expiry(rnd, u), strike(k0), qty, s, id));
            }
        }
    }

    private Position option(String u, InstrumentType type, Instant expiry, double strike, double qty, double spot,
                            String id) {
        double moneyness = type == InstrumentType.CALL ? spot - strike : strike - spot;
        double premium = Math.max(0, moneyness) + 0.04 * spot;
        String name = u.toLowerCase(Locale.ROOT) + "-" + (type == InstrumentType.CALL ? "c" : "p") + (long) strike
                + "-" + id;
        return new Position(name, Instrument.option(u, type, expiry, strike, Settlement.LINEAR), qty,
                Math.round(premium * 100) / 100.0);
    }

    private Position cash(double usd) {
        String c = cash == null ? risky.get(0) : cash;
        return new Position(c.toLowerCase(Locale.ROOT) + "-coll", Instrument.spot(c), round(usd / spot(c)), 1);
    }

    private String pick(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        if (u < 0.5 || risky.size() == 1) {
            return risky.get(0);
        }
        if (u < 0.8 || risky.size() == 2) {
            return risky.get(1);
        }
        return risky.get(2 + rnd.nextInt(risky.size() - 2));
    }

    /** An expiry the snapshot quotes implied vols for (after asOf), else 30, 60 or 90 days out. */
    private Instant expiry(SplittableRandom rnd, String u) {
        VolSurface surface = market.impliedVols().get(u);
        if (surface != null) {
            List<Instant> later = surface.smiles().keySet().stream().filter(e -> e.isAfter(market.asOf())).toList();
            if (!later.isEmpty()) {
                return later.get(rnd.nextInt(later.size()));
            }
        }
        LocalDate d = LocalDate.ofInstant(market.asOf(), ZoneOffset.UTC).plusDays(30L * (1 + rnd.nextInt(3)));
        return d.atTime(8, 0).toInstant(ZoneOffset.UTC);
    }

    private double spot(String u) {
        AssetMarket a = market.asset(u);
        return a.spot();
    }

    private double entry(SplittableRandom rnd, String u) {
        return Math.round(spot(u) * (0.95 + 0.1 * rnd.nextDouble()) * 100) / 100.0;
    }

    /** A strike on a grid of about 1% of spot's order of magnitude. */
    private static double strike(double k) {
        double step = Math.pow(10, Math.floor(Math.log10(k)) - 1);
        return Math.max(step, Math.round(k / step) * step);
    }

    /** Quantities to 4 significant-ish decimals so the CSV is readable. */
    private static double round(double q) {
        return Math.round(q * 10_000) / 10_000.0;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller on the generator's own stream (deterministic for a seed)
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}

package io.marginscope.margin.exchange;

import io.marginscope.model.AssetMarket;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.pricing.PositionPricer;
import io.marginscope.pricing.PositionValuation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Preset {@code deribit-standard}: Deribit's standard margin (segregated, S:SM), computed position
 * by position and summed; formulas and sources in {@link DeribitStandardParameters}.
 *
 * <p>Entry points: {@link #compute(Portfolio, MarketSnapshot, Map)} for a book, and the per-position
 * rules {@link #future(double, DeribitStandardParameters)} and
 * {@link #option(InstrumentType, double, double, double, double, DeribitStandardParameters)}.
 *
 * <p>Conventions when margining a {@link Portfolio}:
 * <ul>
 *   <li>INVERSE perpetual/future: size in coins = |USD notional| / mark, with USD notional =
 *       |quantity| * entry (docs/methodology.md section 7) and mark = spot (perpetual) or the model
 *       forward (future); this is Deribit's {@code size_currency}. Margin in coin, converted to USD at
 *       the index (the snapshot's spot).</li>
 *   <li>LINEAR (USDC) perpetual/future: size = |quantity| coins; margin in USDC = rate * size * index,
 *       as in Deribit's "Linear Perpetual" examples ("This is done on the index price").</li>
 *   <li>INVERSE option: mark in coin = Black-76 price in USD / index; U = the option's forward.
 *       Long options: IM = MM = 0 (premium paid in full; its value is in equity). No Deribit source
 *       for long options was found; an old Deribit help page (deribit.freshdesk.com, "Margin
 *       requirements options") charged the mark price, under short-option rules that no longer apply.</li>
 *   <li>Not covered, reported in {@code errors}: LINEAR (USDC) options (Deribit's knowledge base
 *       describes these options, "Linear USDC Options", but no standard-margin formula or worked
 *       example for them was found in the searched sources), currencies without parameters,
 *       option rules for currencies whose parameters have none. SPOT rows carry no margin.</li>
 * </ul>
 */
public final class DeribitStandardMargin {

    public static final String PRESET = "deribit-standard";

    /**
     * Margin of one position.
     *
     * @param initial     initial margin, coin
     * @param maintenance maintenance margin, coin
     */
    public record CoinMargin(double initial, double maintenance) {
    }

    /**
     * Margin of one position of a book.
     *
     * @param id             position id
     * @param currency       underlying currency
     * @param initialCoin    IM in coin (the underlying's coin; USDC-margined lines in coin-equivalent)
     * @param maintenanceCoin MM in coin
     * @param initialUsd     IM in USD at the index
     * @param maintenanceUsd MM in USD at the index
     */
    public record Line(String id, String currency, double initialCoin, double maintenanceCoin,
                       double initialUsd, double maintenanceUsd) {
    }

    /** Lines of the positions that could be margined, and one error line per position that could not. */
    public record Lines(List<Line> lines, List<String> errors) {
        public Lines {
            lines = List.copyOf(lines);
            errors = List.copyOf(errors);
        }
    }

    private DeribitStandardMargin() {
    }

    /** Futures/perpetual margin of {@code sizeCoins} (sign ignored), coin. */
    public static CoinMargin future(double sizeCoins, DeribitStandardParameters p) {
        double n = Math.abs(sizeCoins);
        double im = (p.futuresInitialRate() + p.futuresRatePerCoin() * n) * n;
        double mm = (p.futuresMaintenanceRate() + p.futuresRatePerCoin() * n) * n;
        return new CoinMargin(im, mm);
    }

    /**
     * Option margin in coin.
     *
     * @param right           CALL or PUT
     * @param sizeCoins       signed size in coins (negative = short); long positions have no margin
     * @param markCoin        option mark price in coin per option
     * @param underlyingPrice underlying mark price, USD
     * @param strike          strike, USD
     */
    public static CoinMargin option(InstrumentType right, double sizeCoins, double markCoin, double underlyingPrice,
                                    double strike, DeribitStandardParameters p) {
        if (!right.isOption()) {
            throw new IllegalArgumentException(right + " is not an option");
        }
        if (sizeCoins >= 0) {
            return new CoinMargin(0.0, 0.0);
        }
        if (!p.coversOptions()) {
            throw new IllegalArgumentException("no option margin rates for " + p.currency());
        }
        double n = -sizeCoins;
        double otm = right == InstrumentType.CALL ? Math.max(strike - underlyingPrice, 0.0)
                : Math.max(underlyingPrice - strike, 0.0);
        double base = Math.max(p.optionInitialRate() - otm / underlyingPrice, p.optionInitialFloor());
        double mm;
        double im;
        if (right == InstrumentType.CALL) {
            mm = p.optionMaintenanceRate() + markCoin;
            im = base + markCoin;
        } else {
            mm = Math.max(p.optionMaintenanceRate(), p.optionMaintenanceRate() * markCoin) + markCoin;
            im = Math.max(base + markCoin, mm);
        }
        return new CoinMargin(im * n, mm * n);
    }

    /** Every position's margin under {@code params} (by underlying). */
    public static Lines lines(Portfolio book, MarketSnapshot market, Map<String, DeribitStandardParameters> params) {
        List<Line> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Position p : book.positions()) {
            if (p.type() == InstrumentType.SPOT) {
                continue;
            }
            DeribitStandardParameters rates = params.get(p.underlying());
            AssetMarket m = market.asset(p.underlying());
            if (rates == null) {
                errors.add(p.id() + ": no " + PRESET + " parameters for " + p.underlying());
                continue;
            }
            PositionValuation v = PositionPricer.value(p, market);
            if (!v.ok()) {
                errors.add(p.id() + ": " + v.error());
                continue;
            }
            double index = m.spot();
            boolean inverse = p.instrument().settlement() == Settlement.INVERSE;
            CoinMargin cm;
            if (p.type().isFutureLike()) {
                double size = inverse ? Math.abs(p.quantity() * p.entryPrice()) / v.price() : Math.abs(p.quantity());
                cm = future(size, rates);
            } else if (!inverse) {
                errors.add(p.id() + ": LINEAR (USDC) options are not covered by " + PRESET
                        + " (no published Deribit standard-margin rule for them was found)");
                continue;
            } else if (p.quantity() < 0 && !rates.coversOptions()) {
                errors.add(p.id() + ": no option margin rates for " + p.underlying());
                continue;
            } else {
                double forward = v.years() > 0
                        ? index * Math.exp((m.rate() - m.dividendYield()) * v.years()) : index;
                cm = option(p.type(), p.quantity(), v.price() / index, forward, p.instrument().strike(), rates);
            }
            out.add(new Line(p.id(), p.underlying(), cm.initial(), cm.maintenance(),
                    cm.initial() * index, cm.maintenance() * index));
        }
        return new Lines(out, errors);
    }

    /**
     * The book's standard margin: totals in USD, components per position id (MM, USD), warnings and
     * errors as described in the class comment.
     */
    public static MarginBreakdown compute(Portfolio book, MarketSnapshot market,
                                          Map<String, DeribitStandardParameters> params) {
        Lines ls = lines(book, market, params);
        Map<String, Double> components = new LinkedHashMap<>();
        double mm = 0.0;
        double im = 0.0;
        for (Line l : ls.lines()) {
            components.put(l.id(), l.maintenanceUsd());
            mm += l.maintenanceUsd();
            im += l.initialUsd();
        }
        List<String> warnings = new ArrayList<>();
        warnings.add("long options carry no margin (premium paid in full); open orders are not margined");
        return new MarginBreakdown(PRESET, mm, im, components, warnings, ls.errors());
    }
}

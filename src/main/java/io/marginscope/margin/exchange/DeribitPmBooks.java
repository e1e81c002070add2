package io.marginscope.margin.exchange;

import io.marginscope.model.AssetMarket;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.model.VolSurface;
import io.marginscope.pricing.PositionPricer;
import io.marginscope.pricing.PositionValuation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a {@link Portfolio} into Deribit risk-matrix books: one per settlement currency for
 * INVERSE positions, one per underlying for LINEAR (USDC-settled) positions.
 *
 * <ul>
 *   <li>INVERSE perpetual/future: USD notional A = quantity * entry (docs/methodology.md section 7),
 *       mark P = the snapshot's spot for a perpetual (MarginScope marks perpetuals at the index) or the
 *       model forward for a future; size in coins n = A / P, as Deribit's position size in base currency.</li>
 *   <li>LINEAR perpetual/future: size in coins n = quantity, mark P as above (its P&L is n P m USD,
 *       {@link DeribitPmLinear}).</li>
 *   <li>Option (either settlement): size = quantity, forward F = spot exp((rate - yield) T) (spot once
 *       expired), vol = the snapshot's implied vol of the expiry and strike (the asset vol, with a
 *       warning, when none is quoted), Black-76 rate = the asset's rate.</li>
 *   <li>Not covered, reported as errors: positions without market data. SPOT rows are collateral and
 *       skipped.</li>
 * </ul>
 */
public final class DeribitPmBooks {

    /**
     * The books and what was left out.
     *
     * @param books       INVERSE positions, one book per settlement currency, in order of first appearance
     * @param linearBooks LINEAR (USDC-settled) positions, one book per underlying ({@code currency} = the
     *                    underlying), in order of first appearance
     * @param warnings    approximations
     * @param errors      positions not included
     */
    public record Split(List<DeribitPmBook> books, List<DeribitPmBook> linearBooks, List<String> warnings,
                        List<String> errors) {
        public Split {
            books = List.copyOf(books);
            linearBooks = List.copyOf(linearBooks);
            warnings = List.copyOf(warnings);
            errors = List.copyOf(errors);
        }
    }

    private DeribitPmBooks() {
    }

    public static Split split(Portfolio book, MarketSnapshot market) {
        Map<String, List<DeribitPmBook.Holding>> byCurrency = new LinkedHashMap<>();
        Map<String, List<DeribitPmBook.Holding>> linearByUnderlying = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Position p : book.positions()) {
            if (p.type() == InstrumentType.SPOT) {
                continue;
            }
            PositionValuation v = PositionPricer.value(p, market);
            if (!v.ok()) {
                errors.add(p.id() + ": " + v.error());
                continue;
            }
            boolean inverse = p.instrument().settlement() == Settlement.INVERSE;
            AssetMarket m = market.asset(p.underlying());
            DeribitPmBook.Holding h;
            if (p.type().isFutureLike()) {
                double size = inverse ? p.quantity() * p.entryPrice() / v.price() : p.quantity();
                h = new DeribitPmBook.Future(p.id(), size, v.price());
            } else {
                double years = v.years();
                double forward = years > 0 ? m.spot() * Math.exp((m.rate() - m.dividendYield()) * years) : m.spot();
                if (v.volSource() == VolSurface.VolSource.ASSET_VOL) {
                    warnings.add(p.id() + ": no implied vol quoted for its expiry; the asset vol " + v.vol()
                            + " is used as its mark vol");
                }
                h = new DeribitPmBook.Option(p.id(), p.type(), p.quantity(), p.instrument().strike(), years,
                        forward, v.vol(), m.rate());
            }
            (inverse ? byCurrency : linearByUnderlying).computeIfAbsent(p.underlying(), c -> new ArrayList<>()).add(h);
        }
        return new Split(books(byCurrency, market), books(linearByUnderlying, market), warnings, errors);
    }

    private static List<DeribitPmBook> books(Map<String, List<DeribitPmBook.Holding>> byKey, MarketSnapshot market) {
        List<DeribitPmBook> out = new ArrayList<>();
        byKey.forEach((c, hs) -> out.add(new DeribitPmBook(c, market.asset(c).spot(), market.daysPerYear(), hs)));
        return out;
    }
}

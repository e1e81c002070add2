package io.marginscope.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.margin.exchange.BinanceTieredMargin;
import io.marginscope.margin.exchange.Brackets;
import io.marginscope.margin.exchange.DeribitPmParameters;
import io.marginscope.margin.exchange.DeribitPortfolioMargin;
import io.marginscope.margin.exchange.DeribitStandardParameters;
import io.marginscope.margin.exchange.ExchangeParameters;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.marginscope.io.JsonFields.child;
import static io.marginscope.io.PolicyJson.known;
import static io.marginscope.io.PolicyJson.nonNegative;
import static io.marginscope.io.PolicyJson.wholeNumber;

/**
 * {@code exchange.parameters} of a policy (docs/exchange-margin.md, "Parameters in a policy file"):
 * the numbers of the exchange model, each validated like the rest of the policy. Within a
 * currency or underlying the model publishes numbers for (BTC, ETH; SOL for deribit-standard), a
 * field left out takes the published value; the currencies listed are those the model covers.
 */
final class ExchangeParametersJson {

    private static final Set<String> PM = Set.of("mmFactor", "pairs", "settlements");
    private static final Set<String> PAIR = Set.of("priceRange", "buckets", "volRangeUp", "volRangeDown",
            "shortTermVegaPower", "longTermVegaPower", "referenceDays", "minVolatilityForShockUp", "extendedMoves",
            "extendedTableFactor", "maxDeltaShock", "deltaShockThresholdUsd", "deltaShockIncrementPerCoin");
    private static final Set<String> SETTLEMENT = Set.of("minAnnualisedMove", "pnlOffset", "maxOffsetablePnlUsd",
            "extendedDampenerUsd");
    private static final Set<String> STANDARD = Set.of("futuresInitialRate", "futuresMaintenanceRate",
            "futuresRatePerCoin", "optionInitialRate", "optionInitialFloor", "optionMaintenanceRate");
    private static final Set<String> BINANCE = Set.of("cap", "brackets");

    private ExchangeParametersJson() {
    }

    static ExchangeParameters read(JsonFields f, String ptr, String model) throws InputException {
        f.object(ptr);
        return switch (model) {
            case DeribitPortfolioMargin.PRESET -> deribitPm(f, ptr);
            case BinanceTieredMargin.PRESET -> binance(f, ptr);
            default -> deribitStandard(f, ptr);
        };
    }

    // ---- deribit-pm ----

    private static ExchangeParameters.DeribitPm deribitPm(JsonFields f, String ptr) throws InputException {
        known(f, ptr, PM);
        ExchangeParameters.DeribitPm d = ExchangeParameters.DeribitPm.defaults();
        double mm = f.number(child(ptr, "mmFactor"), d.mmFactor());
        if (!(mm > 0 && mm <= 1)) {
            throw f.error(child(ptr, "mmFactor"), "the MM factor is in (0, 1], got " + mm);
        }
        Map<String, ExchangeParameters.DeribitPm.Pair> pairs = d.pairs();
        if (f.present(child(ptr, "pairs"))) {
            pairs = new LinkedHashMap<>();
            for (String key : keys(f, child(ptr, "pairs"))) {
                String u = key.toUpperCase(Locale.ROOT);
                pairs.put(u, pair(f, child(child(ptr, "pairs"), key), d.pairs().get(u)));
            }
        }
        Map<String, ExchangeParameters.DeribitPm.Settlement> settlements = d.settlements();
        if (f.present(child(ptr, "settlements"))) {
            settlements = new LinkedHashMap<>();
            for (String key : keys(f, child(ptr, "settlements"))) {
                String c = key.toUpperCase(Locale.ROOT);
                settlements.put(c, settlement(f, child(child(ptr, "settlements"), key), d.settlements().get(c)));
            }
        }
        return new ExchangeParameters.DeribitPm(mm, pairs, settlements);
    }

    private static ExchangeParameters.DeribitPm.Pair pair(JsonFields f, String p,
                                                          ExchangeParameters.DeribitPm.Pair def) throws InputException {
        known(f, p, PAIR);
        DeribitPmParameters.Grid g = def == null ? null : def.grid();
        double range = value(f, p, "priceRange", g == null ? null : g.priceRange());
        if (!(range > 0 && range < 1)) {
            throw f.error(child(p, "priceRange"), "a price range is above 0 and below 1, got " + range);
        }
        int buckets = f.present(child(p, "buckets")) || g == null ? (int) wholeNumber(f, child(p, "buckets"), 1, 50)
                : g.buckets();
        double up = atLeastZero(f, p, "volRangeUp", g == null ? null : g.volRangeUp());
        double down = value(f, p, "volRangeDown", g == null ? null : g.volRangeDown());
        if (!(down >= 0 && down <= 1)) {
            throw f.error(child(p, "volRangeDown"), "a relative vol shock down is from 0 to 1, got " + down);
        }
        double shortPower = atLeastZero(f, p, "shortTermVegaPower", g == null ? null : g.shortTermVegaPower());
        double longPower = atLeastZero(f, p, "longTermVegaPower", g == null ? null : g.longTermVegaPower());
        double reference = value(f, p, "referenceDays", g == null ? null : g.referenceDays());
        if (!(reference > 0)) {
            throw f.error(child(p, "referenceDays"), "must be positive, got " + reference);
        }
        double minVol = atLeastZero(f, p, "minVolatilityForShockUp", g == null ? null : g.minVolatilityForShockUp());
        List<Double> moves;
        String mp = child(p, "extendedMoves");
        if (f.present(mp) || def == null) {
            JsonNode a = f.array(mp);
            moves = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                double m = f.number(child(mp, i));
                if (!(m > -1) || m == 0) {
                    throw f.error(child(mp, i), "an extended move is above -1 and not 0, got " + m);
                }
                moves.add(m);
            }
        } else {
            moves = def.extendedMoves();
        }
        double factor = atLeastZero(f, p, "extendedTableFactor", def == null ? null : def.extendedTableFactor());
        double maxShock = atLeastZero(f, p, "maxDeltaShock", def == null ? null : def.maxDeltaShock());
        double threshold = atLeastZero(f, p, "deltaShockThresholdUsd", def == null ? null : def.deltaShockThresholdUsd());
        double inc = atLeastZero(f, p, "deltaShockIncrementPerCoin",
                def == null ? null : def.deltaShockIncrementPerCoin());
        return new ExchangeParameters.DeribitPm.Pair(
                new DeribitPmParameters.Grid(range, buckets, up, down, shortPower, longPower, reference, minVol),
                moves, factor, maxShock, threshold, inc);
    }

    private static ExchangeParameters.DeribitPm.Settlement settlement(JsonFields f, String p,
            ExchangeParameters.DeribitPm.Settlement def) throws InputException {
        known(f, p, SETTLEMENT);
        double roll = atLeastZero(f, p, "minAnnualisedMove", def == null ? null : def.minAnnualisedMove());
        double offset = value(f, p, "pnlOffset", def == null ? null : def.pnlOffset());
        if (!(offset >= 0 && offset <= 1)) {
            throw f.error(child(p, "pnlOffset"), "a weight from 0 to 1, got " + offset);
        }
        double cap = atLeastZero(f, p, "maxOffsetablePnlUsd", def == null ? null : def.maxOffsetablePnlUsd());
        double dampener = atLeastZero(f, p, "extendedDampenerUsd", def == null ? null : def.extendedDampenerUsd());
        return new ExchangeParameters.DeribitPm.Settlement(roll, offset, cap, dampener);
    }

    // ---- deribit-standard ----

    private static ExchangeParameters.DeribitStandard deribitStandard(JsonFields f, String ptr) throws InputException {
        Map<String, DeribitStandardParameters> defaults = DeribitStandardParameters.defaults();
        Map<String, DeribitStandardParameters> out = new LinkedHashMap<>();
        for (String key : keys(f, ptr)) {
            String c = key.toUpperCase(Locale.ROOT);
            String p = child(ptr, key);
            known(f, p, STANDARD);
            DeribitStandardParameters d = defaults.get(c);
            double fi = rate(f, p, "futuresInitialRate", d == null ? null : d.futuresInitialRate());
            double fm = rate(f, p, "futuresMaintenanceRate", d == null ? null : d.futuresMaintenanceRate());
            double fc = rate(f, p, "futuresRatePerCoin", d == null ? null : d.futuresRatePerCoin());
            boolean given = f.present(child(p, "optionInitialRate")) || f.present(child(p, "optionInitialFloor"))
                    || f.present(child(p, "optionMaintenanceRate"));
            double oi = Double.NaN;
            double of = Double.NaN;
            double om = Double.NaN;
            if (given || (d != null && d.coversOptions())) {
                boolean fromDefaults = d != null && d.coversOptions();
                oi = rate(f, p, "optionInitialRate", fromDefaults ? d.optionInitialRate() : null);
                of = rate(f, p, "optionInitialFloor", fromDefaults ? d.optionInitialFloor() : null);
                om = rate(f, p, "optionMaintenanceRate", fromDefaults ? d.optionMaintenanceRate() : null);
            }
            out.put(c, new DeribitStandardParameters(c, fi, fm, fc, oi, of, om));
        }
        return new ExchangeParameters.DeribitStandard(out);
    }

    // ---- binance-tiered ----

    private static ExchangeParameters.BinanceTiered binance(JsonFields f, String ptr) throws InputException {
        Map<String, Brackets> defaults = io.marginscope.margin.exchange.BinanceBrackets.byUnderlying();
        Map<String, Brackets> out = new LinkedHashMap<>();
        for (String key : keys(f, ptr)) {
            String u = key.toUpperCase(Locale.ROOT);
            String p = child(ptr, key);
            known(f, p, BINANCE);
            Brackets d = defaults.get(u);
            List<Brackets.Bracket> rows;
            String bp = child(p, "brackets");
            if (f.present(bp) || d == null) {
                JsonNode a = f.array(bp);
                if (a.isEmpty()) {
                    throw f.error(bp, "no brackets");
                }
                rows = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    String rp = child(bp, i);
                    JsonNode row = f.array(rp);
                    if (row.size() != 2 && row.size() != 3) {
                        throw f.error(rp, "a bracket is [notional floor USD, maintenance rate] or [floor, rate, "
                                + "maintenance amount USD]");
                    }
                    double floor = nonNegative(f, child(rp, 0), Double.NaN);
                    double rate = f.number(child(rp, 1));
                    if (!(rate > 0 && rate <= 1)) {
                        throw f.error(child(rp, 1), "a maintenance margin rate is above 0 and at most 1, got " + rate);
                    }
                    if (i == 0 && floor != 0) {
                        throw f.error(child(rp, 0), "the first bracket starts at 0");
                    }
                    if (i > 0 && !(floor > rows.get(i - 1).floor())) {
                        throw f.error(child(rp, 0), "bracket floors must ascend");
                    }
                    double amount;
                    if (row.size() == 3) {
                        amount = f.number(child(rp, 2));
                    } else if (i == 0) {
                        amount = 0;
                    } else {
                        Brackets.Bracket prev = rows.get(i - 1);
                        amount = Brackets.cumulativeAmount(floor, rate, prev.rate(), prev.amount());
                    }
                    rows.add(new Brackets.Bracket(floor, rate, amount));
                }
            } else {
                rows = d.rows();
            }
            double cap;
            if (f.present(child(p, "cap"))) {
                cap = f.number(child(p, "cap"));
            } else {
                cap = d != null ? d.cap() : Double.POSITIVE_INFINITY;
            }
            if (!(cap > rows.get(rows.size() - 1).floor())) {
                throw f.error(child(p, "cap"), "the cap must lie above the last floor " + rows.get(rows.size() - 1).floor());
            }
            out.put(u, new Brackets(rows, cap));
        }
        return new ExchangeParameters.BinanceTiered(out);
    }

    // ---- writing ----

    static ObjectNode write(ExchangeParameters p) {
        ObjectNode n = PolicyJson.MAPPER.createObjectNode();
        switch (p) {
            case ExchangeParameters.DeribitPm d -> {
                PolicyJson.put(n, "mmFactor", d.mmFactor());
                ObjectNode pairs = n.putObject("pairs");
                for (String u : PolicyJson.sorted(d.pairs().keySet())) {
                    ExchangeParameters.DeribitPm.Pair x = d.pairs().get(u);
                    DeribitPmParameters.Grid g = x.grid();
                    ObjectNode o = pairs.putObject(u);
                    PolicyJson.put(o, "priceRange", g.priceRange());
                    o.put("buckets", g.buckets());
                    PolicyJson.put(o, "volRangeUp", g.volRangeUp());
                    PolicyJson.put(o, "volRangeDown", g.volRangeDown());
                    PolicyJson.put(o, "shortTermVegaPower", g.shortTermVegaPower());
                    PolicyJson.put(o, "longTermVegaPower", g.longTermVegaPower());
                    PolicyJson.put(o, "referenceDays", g.referenceDays());
                    PolicyJson.put(o, "minVolatilityForShockUp", g.minVolatilityForShockUp());
                    ArrayNode moves = o.putArray("extendedMoves");
                    x.extendedMoves().forEach(m -> PolicyJson.add(moves, m));
                    PolicyJson.put(o, "extendedTableFactor", x.extendedTableFactor());
                    PolicyJson.put(o, "maxDeltaShock", x.maxDeltaShock());
                    PolicyJson.put(o, "deltaShockThresholdUsd", x.deltaShockThresholdUsd());
                    PolicyJson.put(o, "deltaShockIncrementPerCoin", x.deltaShockIncrementPerCoin());
                }
                ObjectNode settlements = n.putObject("settlements");
                for (String c : PolicyJson.sorted(d.settlements().keySet())) {
                    ExchangeParameters.DeribitPm.Settlement s = d.settlements().get(c);
                    ObjectNode o = settlements.putObject(c);
                    PolicyJson.put(o, "minAnnualisedMove", s.minAnnualisedMove());
                    PolicyJson.put(o, "pnlOffset", s.pnlOffset());
                    PolicyJson.put(o, "maxOffsetablePnlUsd", s.maxOffsetablePnlUsd());
                    PolicyJson.put(o, "extendedDampenerUsd", s.extendedDampenerUsd());
                }
            }
            case ExchangeParameters.DeribitStandard d -> {
                for (String c : PolicyJson.sorted(d.byCurrency().keySet())) {
                    DeribitStandardParameters s = d.byCurrency().get(c);
                    ObjectNode o = n.putObject(c);
                    PolicyJson.put(o, "futuresInitialRate", s.futuresInitialRate());
                    PolicyJson.put(o, "futuresMaintenanceRate", s.futuresMaintenanceRate());
                    PolicyJson.put(o, "futuresRatePerCoin", s.futuresRatePerCoin());
                    if (s.coversOptions()) {
                        PolicyJson.put(o, "optionInitialRate", s.optionInitialRate());
                        PolicyJson.put(o, "optionInitialFloor", s.optionInitialFloor());
                        PolicyJson.put(o, "optionMaintenanceRate", s.optionMaintenanceRate());
                    }
                }
            }
            case ExchangeParameters.BinanceTiered b -> {
                for (String u : PolicyJson.sorted(b.byUnderlying().keySet())) {
                    Brackets t = b.byUnderlying().get(u);
                    ObjectNode o = n.putObject(u);
                    if (Double.isFinite(t.cap())) {
                        PolicyJson.put(o, "cap", t.cap());
                    }
                    ArrayNode rows = o.putArray("brackets");
                    Brackets.Bracket prev = null;
                    for (Brackets.Bracket r : t.rows()) {
                        ArrayNode row = rows.addArray();
                        PolicyJson.add(row, r.floor());
                        PolicyJson.add(row, r.rate());
                        double rule = prev == null ? 0
                                : Brackets.cumulativeAmount(r.floor(), r.rate(), prev.rate(), prev.amount());
                        if (Double.compare(rule, r.amount()) != 0) {
                            PolicyJson.add(row, r.amount());
                        }
                        prev = r;
                    }
                }
            }
        }
        return n;
    }

    // ---- helpers ----

    private static List<String> keys(JsonFields f, String ptr) throws InputException {
        JsonNode o = f.object(ptr);
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.trim().matches("[A-Za-z0-9_]+")) {
                throw f.error(child(ptr, k), "'" + k + "' is not a currency or underlying");
            }
            out.add(k);
        }
        if (out.isEmpty()) {
            throw f.error(ptr, "empty: name at least one currency");
        }
        return out;
    }

    /** A number, the published default when absent and there is one, else required. */
    private static double value(JsonFields f, String p, String field, Double def) throws InputException {
        String ptr = child(p, field);
        return def == null || f.present(ptr) ? f.number(ptr) : def;
    }

    private static double atLeastZero(JsonFields f, String p, String field, Double def) throws InputException {
        double v = value(f, p, field, def);
        if (v < 0) {
            throw f.error(child(p, field), "must not be negative, got " + v);
        }
        return v;
    }

    private static double rate(JsonFields f, String p, String field, Double def) throws InputException {
        double v = value(f, p, field, def);
        if (!(v >= 0 && v <= 1)) {
            throw f.error(child(p, field), "a rate is from 0 to 1, got " + v);
        }
        return v;
    }
}

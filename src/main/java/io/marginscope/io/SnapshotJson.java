package io.marginscope.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginscope.model.AssetMarket;
import io.marginscope.model.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.MarketSnapshot.AssetPair;
import io.marginscope.model.OrderBook;
import io.marginscope.model.VolSurface;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.marginscope.io.JsonFields.child;

/** The market snapshot JSON of FORMATS.md section 3, validated whole before anything is returned. */
public final class SnapshotJson {

    /** Vols above this (1000%) are taken as a units mistake (percent instead of decimal). */
    static final double MAX_VOL = 10.0;

    private static final Set<String> TOP = Set.of("source", "description", "asOf", "daysPerYear", "assets", "impliedVols", "correlations",
            "orderBooks");
    private static final Set<String> ASSET_FIELDS = Set.of("spot", "vol", "rate", "dividendYield", "advUsd");

    private SnapshotJson() {
    }

    public static Loaded<MarketSnapshot> read(Path path) throws InputException {
        return read(TextSource.read(path));
    }

    public static Loaded<MarketSnapshot> read(TextSource src) throws InputException {
        JsonFields f = new JsonFields(LocatedJson.parse(src));
        List<String> warnings = new ArrayList<>();
        JsonNode root = f.node("");
        if (!root.isObject()) {
            throw f.error("", "a market snapshot is a JSON object");
        }
        warnUnknown(f, "", TOP, warnings);

        Instant asOf;
        String asOfText = f.text("/asOf");
        try {
            asOf = Expiries.parse(asOfText);
        } catch (DateTimeException e) {
            throw f.error("/asOf", "'" + asOfText + "' is not an ISO instant (2024-11-20T08:00:00Z)");
        }
        double daysPerYear = f.number("/daysPerYear", 365.0);
        if (!(daysPerYear >= 250 && daysPerYear <= 366)) {
            throw f.error("/daysPerYear", "must be between 250 and 366, got " + daysPerYear);
        }

        Map<String, AssetMarket> assets = assets(f, warnings);
        Map<String, VolSurface> surfaces = impliedVols(f, assets.keySet());
        Map<AssetPair, Double> correlations = f.correlations((ptr, name) -> requireAsset(f, ptr, name, assets.keySet()));
        Map<String, OrderBook> books = orderBooks(f, assets);
        return new Loaded<>(new MarketSnapshot(asOf, daysPerYear, assets, surfaces, correlations, books), warnings);
    }

    private static Map<String, AssetMarket> assets(JsonFields f, List<String> warnings) throws InputException {
        JsonNode node = f.object("/assets");
        if (node.isEmpty()) {
            throw f.error("/assets", "no assets");
        }
        Map<String, AssetMarket> out = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String ptr = child("/assets", name);
            String symbol = name.trim().toUpperCase(Locale.ROOT);
            f.object(ptr);
            warnUnknown(f, ptr, ASSET_FIELDS, warnings);
            double spot = f.number(child(ptr, "spot"));
            if (!(spot > 0)) {
                throw f.error(child(ptr, "spot"), "spot must be positive, got " + spot);
            }
            double vol = f.number(child(ptr, "vol"));
            checkVol(f, child(ptr, "vol"), vol, true);
            double rate = f.number(child(ptr, "rate"), 0.0);
            if (Math.abs(rate) > 5) {
                throw f.error(child(ptr, "rate"), "a rate of " + rate + " is not plausible (decimal, 0.05 = 5%)");
            }
            double yield = f.number(child(ptr, "dividendYield"), 0.0);
            if (Math.abs(yield) > 5) {
                throw f.error(child(ptr, "dividendYield"), "a yield of " + yield + " is not plausible (decimal)");
            }
            double adv = f.number(child(ptr, "advUsd"), Double.NaN);
            if (!Double.isNaN(adv) && !(adv > 0)) {
                throw f.error(child(ptr, "advUsd"), "must be positive, got " + adv);
            }
            if (out.put(symbol, new AssetMarket(spot, vol, rate, yield, adv)) != null) {
                throw f.error(ptr, "asset " + symbol + " is given twice");
            }
        }
        return out;
    }

    private static void checkVol(JsonFields f, String ptr, double vol, boolean zeroAllowed) throws InputException {
        if (vol < 0 || (!zeroAllowed && vol == 0)) {
            throw f.error(ptr, "vol must be " + (zeroAllowed ? "zero or positive" : "positive") + ", got " + vol);
        }
        if (vol > MAX_VOL) {
            throw f.error(ptr, "vol " + vol + " is above " + MAX_VOL + ": vols are decimals (0.55 = 55%)");
        }
    }

    private static Map<String, VolSurface> impliedVols(JsonFields f, Set<String> assets) throws InputException {
        Map<String, VolSurface> out = new HashMap<>();
        if (!f.present("/impliedVols")) {
            return out;
        }
        JsonNode node = f.object("/impliedVols");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String ptr = child("/impliedVols", name);
            String symbol = requireAsset(f, ptr, name, assets);
            Map<Instant, VolSurface.Smile> smiles = new TreeMap<>();
            JsonNode byExpiry = f.object(ptr);
            for (Iterator<String> ex = byExpiry.fieldNames(); ex.hasNext(); ) {
                String expiryText = ex.next();
                String eptr = child(ptr, expiryText);
                Instant expiry;
                try {
                    expiry = Expiries.parse(expiryText);
                } catch (DateTimeException e) {
                    throw f.error(eptr, "'" + expiryText + "' is not a date or an ISO instant");
                }
                Map<Double, Double> volByStrike = new HashMap<>();
                JsonNode byStrike = f.object(eptr);
                if (byStrike.isEmpty()) {
                    throw f.error(eptr, "no strikes");
                }
                for (Iterator<String> ks = byStrike.fieldNames(); ks.hasNext(); ) {
                    String strikeText = ks.next();
                    String sptr = child(eptr, strikeText);
                    Double strike = Numbers.parse(strikeText);
                    if (strike == null || !(strike > 0)) {
                        throw f.error(sptr, "'" + strikeText + "' is not a positive strike");
                    }
                    double vol = f.number(sptr);
                    checkVol(f, sptr, vol, false);
                    if (volByStrike.put(strike, vol) != null) {
                        throw f.error(sptr, "strike " + strikeText + " is given twice");
                    }
                }
                if (smiles.put(expiry, VolSurface.Smile.of(volByStrike)) != null) {
                    throw f.error(eptr, "expiry " + expiryText + " is given twice");
                }
            }
            out.put(symbol, new VolSurface(smiles));
        }
        return out;
    }

    private static Map<String, OrderBook> orderBooks(JsonFields f, Map<String, AssetMarket> assets)
            throws InputException {
        Map<String, OrderBook> out = new HashMap<>();
        if (!f.present("/orderBooks")) {
            return out;
        }
        JsonNode node = f.object("/orderBooks");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String ptr = child("/orderBooks", name);
            String symbol = requireAsset(f, ptr, name, assets.keySet());
            f.object(ptr);
            List<OrderBook.Level> bids = levels(f, child(ptr, "bids"));
            List<OrderBook.Level> asks = levels(f, child(ptr, "asks"));
            try {
                out.put(symbol, new OrderBook(bids, asks));
            } catch (IllegalArgumentException e) {
                throw f.error(ptr, e.getMessage());
            }
        }
        return out;
    }

    private static List<OrderBook.Level> levels(JsonFields f, String ptr) throws InputException {
        List<OrderBook.Level> out = new ArrayList<>();
        if (!f.present(ptr)) {
            return out;
        }
        JsonNode list = f.array(ptr);
        for (int i = 0; i < list.size(); i++) {
            String lp = child(ptr, i);
            JsonNode level = f.array(lp);
            if (level.size() != 2) {
                throw f.error(lp, "a level is [price, size]");
            }
            double price = f.number(child(lp, 0));
            double size = f.number(child(lp, 1));
            if (!(price > 0)) {
                throw f.error(child(lp, 0), "price must be positive, got " + price);
            }
            if (!(size > 0)) {
                throw f.error(child(lp, 1), "size must be positive, got " + size);
            }
            out.add(new OrderBook.Level(price, size));
        }
        return out;
    }

    private static String requireAsset(JsonFields f, String ptr, String name, Set<String> assets)
            throws InputException {
        String symbol = name.trim().toUpperCase(Locale.ROOT);
        if (!assets.contains(symbol)) {
            throw f.error(ptr, "asset " + symbol + " is not in 'assets'");
        }
        return symbol;
    }

    private static void warnUnknown(JsonFields f, String ptr, Set<String> known, List<String> warnings) {
        JsonNode n = f.node(ptr);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                String p = child(ptr, name);
                warnings.add(f.doc().file() + ": line " + f.doc().line(p) + ": unknown field '"
                        + f.doc().display(p) + "' ignored");
            }
        }
    }
}

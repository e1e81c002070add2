package io.marginscope.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginscope.model.Instrument;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.Loaded;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.marginscope.io.JsonFields.child;

/**
 * Deribit's {@code private/get_positions} result (FORMATS.md section 2), converted to the native
 * model: quantities in coins, prices in USD.
 * <ul>
 *   <li>{@code BTC-PERPETUAL}, {@code BTC-27DEC24}: inverse; {@code size} is USD notional, so
 *       quantity = size / average_price (coins at entry).</li>
 *   <li>{@code BTC-27DEC24-60000-C}: inverse option; {@code size} in coins, {@code average_price}
 *       in coin, converted to USD with {@code average_price_usd}, else {@code index_price}, else the
 *       snapshot's spot (with a warning).</li>
 *   <li>{@code ETH_USDC-PERPETUAL}, {@code SOL_USDC-27DEC24-200-P}: linear (USDC); size in coins,
 *       prices in USDC taken as USD.</li>
 * </ul>
 */
public final class DeribitPositions {

    private static final Pattern NAME = Pattern.compile(
            "([A-Z0-9]+)(?:_([A-Z0-9]+))?(?:-(PERPETUAL|\\d{1,2}[A-Z]{3}\\d{2})(?:-([0-9]+(?:D[0-9]+)?)-([CP]))?)?");

    private DeribitPositions() {
    }

    /** Reads a file; {@code spotFor} converts coin premiums when the export lacks USD prices (null: none). */
    public static Loaded<Portfolio> read(Path path, ToDoubleFunction<String> spotFor) throws InputException {
        return read(TextSource.read(path), PortfolioCsv.nameOf(path), spotFor);
    }

    public static Loaded<Portfolio> read(TextSource src, String bookName, ToDoubleFunction<String> spotFor)
            throws InputException {
        JsonFields f = new JsonFields(LocatedJson.parse(src));
        JsonNode root = f.node("");
        String listPtr;
        if (root.isArray()) {
            listPtr = "";
        } else if (root.isObject() && root.has("result")) {
            listPtr = "/result";
            f.array(listPtr);
        } else if (root.isObject() && root.has("assets")) {
            throw f.error("", "this is a market snapshot, not a positions file");
        } else {
            throw f.error("", "expected the 'result' array of private/get_positions, or the whole response");
        }
        JsonNode list = f.node(listPtr);
        List<Position> positions = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String ptr = child(listPtr, i);
            f.object(ptr);
            Position p = position(f, ptr, spotFor, warnings);
            if (p == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(p.id(), f.doc().line(ptr));
            if (first != null) {
                throw f.error(child(ptr, "instrument_name"),
                        "instrument " + p.id() + " appears twice (first on line " + first + ")");
            }
            positions.add(p);
        }
        if (positions.isEmpty()) {
            throw f.error(listPtr, "no open positions");
        }
        return new Loaded<>(new Portfolio(bookName, src.name(), positions), warnings);
    }

    private static Position position(JsonFields f, String ptr, ToDoubleFunction<String> spotFor,
                                     List<String> warnings) throws InputException {
        String namePtr = child(ptr, "instrument_name");
        String name = f.text(namePtr);
        Matcher m = NAME.matcher(name.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw f.error(namePtr, "'" + name + "' is not a Deribit instrument name (BTC-PERPETUAL, BTC-27DEC24, "
                    + "BTC-27DEC24-60000-C, ETH_USDC-PERPETUAL)");
        }
        String base = m.group(1);
        String quote = m.group(2);
        String tenor = m.group(3);
        Settlement settlement = quote == null ? Settlement.INVERSE : Settlement.LINEAR;

        InstrumentType type;
        Instant expiry = null;
        double strike = Double.NaN;
        if (tenor == null) {
            if (quote == null) {
                throw f.error(namePtr, "'" + name + "' names no contract");
            }
            type = InstrumentType.SPOT;
        } else if (tenor.equals("PERPETUAL")) {
            type = InstrumentType.PERP;
        } else {
            try {
                expiry = Expiries.parseDeribit(tenor);
            } catch (DateTimeException e) {
                throw f.error(namePtr, "'" + tenor + "' in " + name + " is not a date like 27DEC24");
            }
            if (m.group(4) == null) {
                type = InstrumentType.FUTURE;
            } else {
                strike = Double.parseDouble(m.group(4).replace('D', '.'));
                type = m.group(5).equals("C") ? InstrumentType.CALL : InstrumentType.PUT;
            }
        }
        checkKind(f, ptr, type, name);

        String sizePtr = child(ptr, "size");
        double size = f.number(sizePtr);
        double sign = direction(f, ptr, size);
        if (size == 0 || sign == 0) {
            warnings.add(f.doc().file() + ": line " + f.doc().line(ptr) + ": " + name + " has size 0, skipped");
            return null;
        }
        String pricePtr = child(ptr, "average_price");
        double avg = f.number(pricePtr);
        if (avg < 0 || (avg == 0 && !type.isOption())) {
            throw f.error(pricePtr, "average_price must be positive, got " + avg);
        }

        double quantity;
        double entryUsd;
        if (settlement == Settlement.INVERSE && type.isFutureLike()) {
            quantity = sign * Math.abs(size) / avg;
            entryUsd = avg;
        } else if (settlement == Settlement.INVERSE && type.isOption()) {
            quantity = sign * Math.abs(size);
            entryUsd = coinPremiumInUsd(f, ptr, base, avg, spotFor, warnings, name);
        } else {
            quantity = sign * Math.abs(size);
            entryUsd = avg;
        }
        Instrument instrument = new Instrument(base, type, expiry, strike, settlement);
        return new Position(name, instrument, quantity, entryUsd);
    }

    private static double coinPremiumInUsd(JsonFields f, String ptr, String base, double avgCoin,
                                           ToDoubleFunction<String> spotFor, List<String> warnings, String name)
            throws InputException {
        String usdPtr = child(ptr, "average_price_usd");
        if (f.present(usdPtr)) {
            double usd = f.number(usdPtr);
            if (usd < 0) {
                throw f.error(usdPtr, "must not be negative, got " + usd);
            }
            return usd;
        }
        String indexPtr = child(ptr, "index_price");
        if (f.present(indexPtr)) {
            double index = f.number(indexPtr);
            if (!(index > 0)) {
                throw f.error(indexPtr, "must be positive, got " + index);
            }
            return avgCoin * index;
        }
        if (spotFor != null) {
            double spot = spotFor.applyAsDouble(base);
            if (spot > 0) {
                warnings.add(f.doc().file() + ": line " + f.doc().line(ptr) + ": " + name
                        + " premium converted to USD at the snapshot's " + base + " spot " + spot);
                return avgCoin * spot;
            }
        }
        throw f.error(child(ptr, "average_price_usd"),
                "an inverse option's premium is in coin: give average_price_usd or index_price");
    }

    private static double direction(JsonFields f, String ptr, double size) throws InputException {
        String dirPtr = child(ptr, "direction");
        if (!f.present(dirPtr)) {
            return Math.signum(size);
        }
        String d = f.text(dirPtr).toLowerCase(Locale.ROOT);
        return switch (d) {
            case "buy" -> 1.0;
            case "sell" -> -1.0;
            case "zero" -> 0.0;
            default -> throw f.error(dirPtr, "'" + d + "' is not buy, sell or zero");
        };
    }

    private static void checkKind(JsonFields f, String ptr, InstrumentType type, String name) throws InputException {
        String kindPtr = child(ptr, "kind");
        if (!f.present(kindPtr)) {
            return;
        }
        String kind = f.text(kindPtr).toLowerCase(Locale.ROOT);
        String expected = switch (type) {
            case SPOT -> "spot";
            case PERP, FUTURE -> "future";
            case CALL, PUT -> "option";
        };
        if (kind.endsWith("_combo")) {
            throw f.error(kindPtr, "combo positions are not supported; export the legs");
        }
        if (!kind.equals(expected)) {
            throw f.error(kindPtr, "'" + kind + "' does not match " + name + " (a " + expected + ")");
        }
    }
}

package io.marginscope.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.model.MarketSnapshot.AssetPair;
import io.marginscope.stress.AssetShock;
import io.marginscope.stress.ShockSet;
import io.marginscope.stress.StressScenario;
import io.marginscope.stress.StressScenario.PathStep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static io.marginscope.io.JsonFields.child;

/**
 * A stress scenario file: a custom scenario or a historical episode of the library.
 *
 * <pre>
 * {"name": "BTC crash, vol spike", "description": "...", "source": "...",
 *  "horizonDays": 0, "weight": 1,
 *  "shocks": {"BTC": {"price": -0.25, "volRelative": 0.5, "volPoints": 10},
 *             "default": {"price": -0.30}},
 *  "correlations": [["BTC", "ETH", 0.95]],
 *  "path": {"base": "2020-03-11",
 *           "closes": {"BTC": {"2020-03-11": 7938.05, "2020-03-12": 4857.10}}}}
 * </pre>
 *
 * <ul>
 *   <li>{@code name} required; {@code description}, {@code source} optional strings.</li>
 *   <li>{@code horizonDays}: calendar days that pass, 0 (default) to 3650.</li>
 *   <li>{@code weight}: fraction of the P&amp;L that counts, within [0, 1], default 1.</li>
 *   <li>{@code shocks}: at least one entry; keys are asset symbols (upper-cased) or
 *       {@code default} (assets not named). Per shock: {@code price} required, a fraction of spot
 *       above -1 and at most 10; {@code volRelative} (fraction of the vol, -1 to 10) and
 *       {@code volPoints} (vol points, 10 = +0.10, within ±500) optional, 0.</li>
 *   <li>{@code correlations}: {@code [A, B, rho]}, two different assets, rho within [-1, 1]; kept
 *       for a stressed VaR, not used by the deterministic P&amp;L.</li>
 *   <li>{@code path} (historical replay): {@code base} an ISO date and {@code closes} per asset,
 *       closes by ISO date, every asset on the same dates, the base included. Then
 *       {@code horizonDays} must be a whole number of days and the path must have a close on
 *       {@code base + horizonDays} (the end of the aggregate move); every asset with closes must be
 *       named in {@code shocks} with {@code price} = close(end) / close(base) - 1 to within 0.00005
 *       (four decimals). The steps are the dates after {@code base}; step {@code d} moves an asset
 *       with closes by close(d) / close(base) - 1 and keeps the aggregate vol shock. An asset
 *       without closes (and the default) moves with the path's reference asset (the first one in
 *       {@code closes}) in proportion in log terms:
 *       {@code ln(1 + m(d)) = ln(1 + m) * ln(1 + r(d)) / ln(1 + r(end))}, so that it reaches its
 *       aggregate move {@code m} on the end date; r is the reference's move from the base, and must
 *       be at least 1% in size on the end date when anything is scaled.</li>
 * </ul>
 * Unknown fields are an error (a typo must not silently change a stress). Every error names the
 * file, line and field.
 */
public final class ScenarioJson {

    private static final Set<String> TOP = Set.of("name", "description", "source", "horizonDays", "weight", "shocks",
            "correlations", "path");
    private static final Set<String> SHOCK = Set.of("price", "volRelative", "volPoints");
    private static final Set<String> PATH = Set.of("base", "closes");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** Tolerance between a stated aggregate move and the one implied by the closes (4-decimal rounding). */
    static final double MOVE_TOLERANCE = 5e-5;

    private ScenarioJson() {
    }

    /**
     * A single-move scenario as the JSON this class reads: name, description and source when not
     * empty, horizonDays, weight, the shocks (named assets in order, then {@code default} when it
     * moves anything or nothing is named; {@code volRelative}/{@code volPoints} only when not 0) and
     * the correlations (pairs in name order). Read back it gives an equal scenario.
     *
     * @throws IllegalArgumentException for a path scenario (its closes are not kept by the record)
     */
    public static ObjectNode write(StressScenario s) {
        if (s.isPath()) {
            throw new IllegalArgumentException("scenario '" + s.name() + "' replays a path: its closes are not kept, "
                    + "write its aggregate() move instead");
        }
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("name", s.name());
        if (!s.description().isEmpty()) {
            n.put("description", s.description());
        }
        if (!s.source().isEmpty()) {
            n.put("source", s.source());
        }
        PolicyJson.put(n, "horizonDays", s.horizonDays());
        PolicyJson.put(n, "weight", s.weight());
        ObjectNode shocks = n.putObject("shocks");
        s.shocks().byAsset().forEach((asset, shock) -> writeShock(shocks.putObject(asset), shock));
        if (s.shocks().hasDefault() || s.shocks().byAsset().isEmpty()) {
            writeShock(shocks.putObject(ShockSet.DEFAULT_KEY), s.shocks().defaultShock());
        }
        if (!s.correlations().isEmpty()) {
            ArrayNode list = n.putArray("correlations");
            new TreeMap<String, Map.Entry<AssetPair, Double>>(s.correlations().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(e -> e.getKey().first() + "/" + e.getKey().second(),
                            e -> e))).values().forEach(e -> {
                ArrayNode row = list.addArray();
                row.add(e.getKey().first());
                row.add(e.getKey().second());
                PolicyJson.add(row, e.getValue());
            });
        }
        return n;
    }

    private static void writeShock(ObjectNode o, AssetShock shock) {
        PolicyJson.put(o, "price", shock.price());
        if (shock.volRelative() != 0) {
            PolicyJson.put(o, "volRelative", shock.volRelative());
        }
        if (shock.volPoints() != 0) {
            PolicyJson.put(o, "volPoints", shock.volPoints());
        }
    }

    /** {@link #write(StressScenario)} as indented text with a final line end. */
    public static String writeText(StressScenario s) {
        return PolicyJson.text(write(s));
    }

    /** Writes the scenario to a file (replacing it when it exists: the caller asks first). */
    public static void write(StressScenario s, Path file) throws IOException {
        Files.writeString(file, writeText(s), StandardCharsets.UTF_8);
    }

    public static StressScenario read(Path path) throws InputException {
        return read(TextSource.read(path));
    }

    public static StressScenario read(TextSource src) throws InputException {
        JsonFields f = new JsonFields(LocatedJson.parse(src));
        if (!f.node("").isObject()) {
            throw f.error("", "a scenario is a JSON object");
        }
        rejectUnknown(f, "", TOP);
        String name = f.text("/name");
        String description = optionalText(f, "/description");
        String source = optionalText(f, "/source");
        double horizon = f.number("/horizonDays", 0.0);
        if (!(horizon >= 0 && horizon <= 3650)) {
            throw f.error("/horizonDays", "must be between 0 and 3650 days, got " + horizon);
        }
        double weight = f.number("/weight", 1.0);
        if (!(weight >= 0 && weight <= 1)) {
            throw f.error("/weight", "must be within [0, 1] (the fraction of the P&L that counts), got " + weight);
        }
        Map<String, String> pointers = new HashMap<>();
        ShockSet shocks = shocks(f, pointers);
        Map<AssetPair, Double> correlations = f.correlations((ptr, symbol) -> symbol.toUpperCase(Locale.ROOT));
        List<PathStep> path = f.present("/path") ? path(f, shocks, horizon, pointers) : List.of();
        try {
            return new StressScenario(name, description, source, shocks, horizon, weight, correlations, path);
        } catch (IllegalArgumentException e) {
            throw f.error("", e.getMessage());
        }
    }

    private static ShockSet shocks(JsonFields f, Map<String, String> pointers) throws InputException {
        JsonNode node = f.object("/shocks");
        if (node.isEmpty()) {
            throw f.error("/shocks", "no shocks: name at least one asset or 'default'");
        }
        Map<String, AssetShock> byAsset = new LinkedHashMap<>();
        AssetShock defaultShock = AssetShock.NONE;
        boolean sawDefault = false;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String ptr = child("/shocks", key);
            AssetShock shock = shock(f, ptr);
            if (key.trim().equalsIgnoreCase(ShockSet.DEFAULT_KEY)) {
                if (sawDefault) {
                    throw f.error(ptr, "the default shock is given twice");
                }
                sawDefault = true;
                defaultShock = shock;
                continue;
            }
            String symbol = key.trim().toUpperCase(Locale.ROOT);
            if (symbol.isEmpty()) {
                throw f.error(ptr, "empty asset symbol");
            }
            if (byAsset.put(symbol, shock) != null) {
                throw f.error(ptr, "asset " + symbol + " is shocked twice");
            }
            pointers.put(symbol, ptr);
        }
        return new ShockSet(byAsset, defaultShock);
    }

    private static AssetShock shock(JsonFields f, String ptr) throws InputException {
        f.object(ptr);
        rejectUnknown(f, ptr, SHOCK);
        double price = f.number(child(ptr, "price"));
        if (!(price > -1)) {
            throw f.error(child(ptr, "price"), "a move of " + price + " would take the price to zero or below "
                    + "(moves are fractions: -0.25 = -25%)");
        }
        if (price > 10) {
            throw f.error(child(ptr, "price"), "a move of " + price + " is not plausible (moves are fractions: 0.25 = +25%)");
        }
        double rel = f.number(child(ptr, "volRelative"), 0.0);
        if (!(rel >= -1 && rel <= 10)) {
            throw f.error(child(ptr, "volRelative"), "must be between -1 and 10 (a fraction of the vol: 0.5 = +50%), got "
                    + rel);
        }
        double points = f.number(child(ptr, "volPoints"), 0.0);
        if (!(Math.abs(points) <= 500)) {
            throw f.error(child(ptr, "volPoints"), "must be within ±500 vol points (10 = +0.10), got " + points);
        }
        return new AssetShock(price, rel, points);
    }

    private static List<PathStep> path(JsonFields f, ShockSet shocks, double horizon, Map<String, String> pointers)
            throws InputException {
        f.object("/path");
        rejectUnknown(f, "/path", PATH);
        LocalDate base = date(f, "/path/base", f.text("/path/base"));
        JsonNode closesNode = f.object("/path/closes");
        if (closesNode.isEmpty()) {
            throw f.error("/path/closes", "no closes");
        }
        Map<String, TreeMap<LocalDate, Double>> closes = new LinkedHashMap<>();
        String reference = null;
        for (Iterator<String> it = closesNode.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String ptr = child("/path/closes", key);
            String symbol = key.trim().toUpperCase(Locale.ROOT);
            if (!shocks.names(symbol)) {
                throw f.error(ptr, "closes are given for " + symbol + " but 'shocks' does not name it: "
                        + "state its aggregate move in shocks." + symbol);
            }
            TreeMap<LocalDate, Double> series = new TreeMap<>();
            JsonNode byDate = f.object(ptr);
            for (Iterator<String> d = byDate.fieldNames(); d.hasNext(); ) {
                String text = d.next();
                String dptr = child(ptr, text);
                LocalDate day = date(f, dptr, text);
                if (day.isBefore(base)) {
                    throw f.error(dptr, "date " + day + " is before the base date " + base);
                }
                double close = f.number(dptr);
                if (!(close > 0)) {
                    throw f.error(dptr, "a close must be positive, got " + close);
                }
                series.put(day, close);
            }
            if (!series.containsKey(base)) {
                throw f.error(ptr, "no close on the base date " + base);
            }
            if (series.size() < 2) {
                throw f.error(ptr, "a path needs at least one close after the base date");
            }
            if (reference == null) {
                reference = symbol;
            } else if (!series.keySet().equals(closes.get(reference).keySet())) {
                throw f.error(ptr, symbol + " has closes on other dates than " + reference
                        + ": every asset of a path must have the same dates");
            }
            if (closes.put(symbol, series) != null) {
                throw f.error(ptr, "closes for " + symbol + " are given twice");
            }
        }
        if (horizon != Math.rint(horizon) || horizon < 1) {
            throw f.error("/horizonDays", "a scenario with a path needs a whole number of days (at least 1) from "
                    + "the base date to the end of its aggregate move, got " + horizon);
        }
        LocalDate end = base.plusDays((long) horizon);
        TreeMap<LocalDate, Double> ref = closes.get(reference);
        if (!ref.containsKey(end)) {
            throw f.error("/horizonDays", "the path has no close on the end date " + base + " + " + (long) horizon
                    + " days = " + end);
        }
        for (Map.Entry<String, TreeMap<LocalDate, Double>> e : closes.entrySet()) {
            double implied = e.getValue().get(end) / e.getValue().get(base) - 1;
            double stated = shocks.forAsset(e.getKey()).price();
            if (Math.abs(stated - implied) > MOVE_TOLERANCE) {
                throw f.error(child(pointers.get(e.getKey()), "price"), "the closes give " + e.getKey() + " a move of "
                        + String.format(Locale.ROOT, "%.6f", implied) + " from " + base + " to " + end
                        + ", not " + stated);
            }
        }
        double refEnd = Math.log(ref.get(end) / ref.get(base));
        boolean scales = shocks.defaultShock().price() != 0 || shocks.byAsset().entrySet().stream()
                .anyMatch(e -> !closes.containsKey(e.getKey()) && e.getValue().price() != 0);
        if (scales && Math.abs(ref.get(end) / ref.get(base) - 1) < 0.01) {
            throw f.error(child("/path/closes", reference), reference + " moves less than 1% from " + base + " to "
                    + end + ": the assets without closes cannot be scaled to it");
        }
        List<PathStep> steps = new ArrayList<>();
        for (LocalDate day : ref.tailMap(base, false).keySet()) {
            double ratio = Math.log(ref.get(day) / ref.get(base)) / refEnd;
            ShockSet stepShocks = stepShocks(shocks, closes, base, day, ratio);
            steps.add(new PathStep(day, ChronoUnit.DAYS.between(base, day), stepShocks));
        }
        return steps;
    }

    private static ShockSet stepShocks(ShockSet aggregate, Map<String, TreeMap<LocalDate, Double>> closes,
                                       LocalDate base, LocalDate day, double ratio) {
        Map<String, AssetShock> out = new LinkedHashMap<>();
        aggregate.byAsset().forEach((asset, shock) -> {
            TreeMap<LocalDate, Double> c = closes.get(asset);
            double move = c != null ? c.get(day) / c.get(base) - 1 : scaled(shock.price(), ratio);
            out.put(asset, shock.withPrice(move));
        });
        AssetShock d = aggregate.defaultShock();
        return new ShockSet(out, d.withPrice(scaled(d.price(), ratio)));
    }

    /** {@code exp(ln(1 + m) * ratio) - 1}: the move m spread in log terms; never reaches -1. */
    static double scaled(double move, double ratio) {
        if (move == 0) {
            return 0;
        }
        return Math.max(Math.expm1(Math.log1p(move) * ratio), -1 + 1e-9);
    }

    private static LocalDate date(JsonFields f, String ptr, String text) throws InputException {
        String t = text.trim();
        try {
            if (ISO_DATE.matcher(t).matches()) {
                return LocalDate.parse(t);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw f.error(ptr, "'" + text + "' is not an ISO date (2020-03-12)");
    }

    private static String optionalText(JsonFields f, String ptr) throws InputException {
        JsonNode n = f.node(ptr);
        if (n.isMissingNode() || n.isNull()) {
            return "";
        }
        if (!n.isTextual()) {
            throw f.error(ptr, "must be a string");
        }
        return n.asText().trim();
    }

    private static void rejectUnknown(JsonFields f, String ptr, Set<String> known) throws InputException {
        for (Iterator<String> it = f.node(ptr).fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw f.error(child(ptr, name), "unknown field (expected one of " + String.join(", ", new TreeSet<>(known))
                        + "): a typo must not change a stress");
            }
        }
    }
}

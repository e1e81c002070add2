package io.marginscope.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.margin.Policy;
import io.marginscope.margin.exchange.ExchangeParameters;
import io.marginscope.risk.RiskMethod;
import io.marginscope.stress.SpanArray;
import io.marginscope.stress.StressScenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.marginscope.io.JsonFields.child;

/**
 * The margin policy JSON of FORMATS.md section 6, validated whole: a missing, negative or
 * out-of-range value, or an unknown field (a typo must not silently change a margin), is an
 * {@link InputException} naming the file, line and field. {@link #write(Policy)} writes a policy back
 * (every number, the exchange model's parameters included) so that reading it gives an equal policy.
 */
public final class PolicyJson {

    private static final Set<String> TOP = Set.of("name", "source", "description", "base", "stress", "tiers",
            "liquidity", "concentration", "haircuts", "imToMm", "thresholds", "exchange", "counterparty");
    private static final Set<String> COUNTERPARTY = Set.of("tiers", "tier", "wrongWay", "specificWrongWay");
    private static final Set<String> BASE = Set.of("measure", "confidence", "horizonDays", "method", "volModel",
            "multiplier", "windowDays", "studentDof", "apc");
    private static final Set<String> APC = Set.of("buffer", "stressedWeight", "lookbackFloorYears");
    private static final Set<String> STRESS = Set.of("span", "grid", "episodes", "custom");
    private static final Set<String> SPAN = Set.of("priceScanRange", "volScanRange", "extremeMultiple", "extremeCover");
    private static final Set<String> GRID = Set.of("priceRange", "priceSteps", "volUp", "volDown");
    private static final Set<String> LIQUIDITY = Set.of("model", "sqrtImpactK");
    private static final Set<String> CONCENTRATION = Set.of("advShareThreshold", "rate");
    private static final Set<String> HAIRCUTS = Set.of("confidence", "horizonDays", "floor");
    private static final Set<String> THRESHOLDS = Set.of("warning", "liquidation");

    /** The mapper of {@link #write}: indented output. */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PolicyJson() {
    }

    /**
     * The policy as the JSON {@link #read} takes: every block and number written out (the exchange
     * model's parameters too, published defaults included), so that reading it back gives an equal
     * {@link Policy}. Whole numbers are written without a fraction; maps in key order ("default" last).
     */
    public static ObjectNode write(Policy p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", p.name());
        if (p.source() != null && !p.source().isEmpty()) {
            n.put("source", p.source());
        }
        if (p.base() != null) {
            Policy.Base b = p.base();
            ObjectNode o = n.putObject("base");
            o.put("measure", b.measure() == Policy.Measure.ES ? "ES" : "VaR");
            put(o, "confidence", b.confidence());
            o.put("horizonDays", b.horizonDays());
            o.put("method", b.method().cliName());
            o.put("volModel", b.volModel());
            put(o, "multiplier", b.multiplier());
            o.put("windowDays", b.windowDays());
            put(o, "studentDof", b.studentDof());
            if (b.apc() != null) {
                ObjectNode a = o.putObject("apc");
                put(a, "buffer", b.apc().buffer());
                put(a, "stressedWeight", b.apc().stressedWeight());
                put(a, "lookbackFloorYears", b.apc().lookbackFloorYears());
            }
        }
        if (p.stress() != null) {
            Policy.Stress st = p.stress();
            ObjectNode o = n.putObject("stress");
            if (st.span() != null) {
                ObjectNode s = o.putObject("span");
                putMap(s.putObject("priceScanRange"), st.span().priceScanRange());
                put(s, "volScanRange", st.span().volScanRange());
                put(s, "extremeMultiple", st.span().extremeMultiple());
                put(s, "extremeCover", st.span().extremeCover());
            }
            if (st.grid() != null) {
                ObjectNode g = o.putObject("grid");
                putMap(g.putObject("priceRange"), st.grid().priceRange());
                g.put("priceSteps", st.grid().priceSteps());
                put(g, "volUp", st.grid().volUp());
                put(g, "volDown", st.grid().volDown());
            }
            if (!st.episodes().isEmpty()) {
                st.episodes().forEach(o.putArray("episodes")::add);
            }
            if (!st.custom().isEmpty()) {
                st.custom().forEach(o.putArray("custom")::add);
            }
        }
        if (!p.tiers().isEmpty()) {
            ObjectNode t = n.putObject("tiers");
            for (String asset : sorted(p.tiers().keySet())) {
                ArrayNode rows = t.putArray(asset);
                for (Policy.Tier tier : p.tiers().get(asset)) {
                    ArrayNode row = rows.addArray();
                    add(row, tier.notionalFloor());
                    add(row, tier.rate());
                    add(row, tier.amount());
                }
            }
        }
        if (p.liquidity() != null) {
            ObjectNode o = n.putObject("liquidity");
            o.put("model", p.liquidity().model());
            put(o, "sqrtImpactK", p.liquidity().sqrtImpactK());
        }
        if (p.concentration() != null) {
            ObjectNode o = n.putObject("concentration");
            put(o, "advShareThreshold", p.concentration().advShareThreshold());
            put(o, "rate", p.concentration().rate());
        }
        if (p.haircuts() != null) {
            ObjectNode o = n.putObject("haircuts");
            put(o, "confidence", p.haircuts().confidence());
            o.put("horizonDays", p.haircuts().horizonDays());
            if (!p.haircuts().floor().isEmpty()) {
                putMap(o.putObject("floor"), p.haircuts().floor());
            }
        }
        put(n, "imToMm", p.imToMm());
        ObjectNode th = n.putObject("thresholds");
        put(th, "warning", p.thresholds().warning());
        put(th, "liquidation", p.thresholds().liquidation());
        if (p.exchange() != null) {
            ObjectNode o = n.putObject("exchange");
            o.put("model", p.exchange().model());
            o.set("parameters", ExchangeParametersJson.write(p.exchange().parameters()));
        }
        if (p.counterparty() != null) {
            Policy.Counterparty c = p.counterparty();
            ObjectNode o = n.putObject("counterparty");
            if (!c.tiers().isEmpty()) {
                putMap(o.putObject("tiers"), c.tiers());
                o.put("tier", c.tier());
            }
            o.put("wrongWay", c.wrongWay());
            if (!c.specificWrongWay().isEmpty()) {
                putMap(o.putObject("specificWrongWay"), c.specificWrongWay());
            }
        }
        return n;
    }

    /** {@link #write(Policy)} as indented text with a final line end. */
    public static String writeText(Policy p) {
        return text(write(p));
    }

    /** A JSON tree as indented text with a final line end. */
    public static String text(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n) + System.lineSeparator();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the policy to a file (replacing it when it exists: the caller asks first). */
    public static void write(Policy p, Path file) throws IOException {
        Files.writeString(file, writeText(p), StandardCharsets.UTF_8);
    }

    /** A whole number without a fraction (it reads back to the same double), else the double. */
    static void put(ObjectNode n, String key, double v) {
        if (whole(v)) {
            n.put(key, (long) v);
        } else {
            n.put(key, v);
        }
    }

    static void add(ArrayNode a, double v) {
        if (whole(v)) {
            a.add((long) v);
        } else {
            a.add(v);
        }
    }

    private static boolean whole(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0);
    }

    private static void putMap(ObjectNode n, Map<String, Double> m) {
        for (String k : sorted(m.keySet())) {
            put(n, k, m.get(k));
        }
    }

    /** Keys in order, "default" last. */
    static List<String> sorted(java.util.Collection<String> keys) {
        List<String> out = new ArrayList<>(new java.util.TreeSet<>(keys));
        if (out.remove("default")) {
            out.add("default");
        }
        return out;
    }

    public static Policy read(Path path) throws InputException {
        return read(TextSource.read(path), PortfolioCsv.nameOf(path));
    }

    public static Policy read(TextSource src, String fallbackName) throws InputException {
        JsonFields f = new JsonFields(LocatedJson.parse(src));
        if (!f.node("").isObject()) {
            throw f.error("", "a policy is a JSON object");
        }
        known(f, "", TOP);
        String name = f.present("/name") ? f.text("/name") : fallbackName;
        String source = f.present("/source") ? f.text("/source") : "";
        Policy.Base base = f.present("/base") ? base(f) : null;
        Policy.Stress stress = f.present("/stress") ? stress(f, folderOf(src)) : null;
        Map<String, List<Policy.Tier>> tiers = f.present("/tiers") ? tiers(f) : Map.of();
        Policy.Liquidity liquidity = null;
        if (f.present("/liquidity")) {
            known(f, "/liquidity", LIQUIDITY);
            String model = f.present("/liquidity/model") ? f.text("/liquidity/model").toLowerCase(Locale.ROOT) : "orderbook";
            if (!model.equals("orderbook") && !model.equals("sqrt")) {
                throw f.error("/liquidity/model", "'" + model + "' is not orderbook or sqrt");
            }
            liquidity = new Policy.Liquidity(model, positive(f, "/liquidity/sqrtImpactK", 0.5));
        }
        Policy.Concentration concentration = null;
        if (f.present("/concentration")) {
            known(f, "/concentration", CONCENTRATION);
            concentration = new Policy.Concentration(positive(f, "/concentration/advShareThreshold", Double.NaN),
                    nonNegative(f, "/concentration/rate", Double.NaN));
        }
        Policy.Haircuts haircuts = null;
        if (f.present("/haircuts")) {
            known(f, "/haircuts", HAIRCUTS);
            Map<String, Double> floor = new LinkedHashMap<>();
            if (f.present("/haircuts/floor")) {
                JsonNode fl = f.object("/haircuts/floor");
                for (Iterator<String> it = fl.fieldNames(); it.hasNext(); ) {
                    String a = it.next();
                    double v = nonNegative(f, child("/haircuts/floor", a), Double.NaN);
                    if (v > 1) {
                        throw f.error(child("/haircuts/floor", a), "a haircut is a fraction of value, at most 1");
                    }
                    floor.put(a.toUpperCase(Locale.ROOT).equals("DEFAULT") ? "default" : a.toUpperCase(Locale.ROOT), v);
                }
            }
            haircuts = new Policy.Haircuts(confidence(f, "/haircuts/confidence"),
                    days(f, "/haircuts/horizonDays"), floor);
        }
        double imToMm = f.present("/imToMm") ? f.number("/imToMm") : 1.0;
        if (!(imToMm >= 1)) {
            throw f.error("/imToMm", "IM/MM must be at least 1, got " + imToMm);
        }
        Policy.Thresholds thresholds = new Policy.Thresholds(0.8, 1.0);
        if (f.present("/thresholds")) {
            known(f, "/thresholds", THRESHOLDS);
            double warn = positive(f, "/thresholds/warning", 0.8);
            double liq = positive(f, "/thresholds/liquidation", 1.0);
            if (warn >= liq) {
                throw f.error("/thresholds/warning", "the warning level must be below the liquidation level " + liq);
            }
            thresholds = new Policy.Thresholds(warn, liq);
        }
        Policy.Exchange exchange = null;
        if (f.present("/exchange")) {
            known(f, "/exchange", Set.of("model", "parameters"));
            String model = f.text("/exchange/model").toLowerCase(Locale.ROOT);
            if (io.marginscope.margin.exchange.ExchangeMarginPreset.byName(model).isEmpty()) {
                throw f.error("/exchange/model", "'" + model + "' is not deribit-pm, deribit-standard or binance-tiered");
            }
            exchange = new Policy.Exchange(model, f.present("/exchange/parameters")
                    ? ExchangeParametersJson.read(f, "/exchange/parameters", model)
                    : ExchangeParameters.defaults(model));
        }
        Policy.Counterparty counterparty = f.present("/counterparty") ? counterparty(f) : null;
        if (base == null && stress == null && tiers.isEmpty() && exchange == null) {
            throw f.error("", "the policy has no base, stress, tiers or exchange block: its margin would be zero");
        }
        return new Policy(name, source, base, stress, tiers, liquidity, concentration, haircuts, imToMm, thresholds,
                exchange, counterparty);
    }

    /**
     * {@code {"tiers": {"A": 1.0, "B": 1.1}, "tier": "A", "wrongWay": true, "specificWrongWay": {"FTT": 1.0}}}:
     * multipliers at least 1 (a counterparty is never a reason to lower a margin), the default tier one of
     * them (required with tiers), extra haircuts fractions of value.
     */
    private static Policy.Counterparty counterparty(JsonFields f) throws InputException {
        String p = "/counterparty";
        known(f, p, COUNTERPARTY);
        Map<String, Double> tiers = new LinkedHashMap<>();
        if (f.present(p + "/tiers")) {
            JsonNode t = f.object(p + "/tiers");
            for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                String ptr = child(p + "/tiers", name);
                if (!name.trim().matches("[A-Za-z0-9_+-]+")) {
                    throw f.error(ptr, "'" + name + "' is not a tier name (one word)");
                }
                double m = f.number(ptr);
                if (!(m >= 1)) {
                    throw f.error(ptr, "a tier multiplier is at least 1 (it scales max(base, stress) up), got " + m);
                }
                if (tiers.put(name.trim().toUpperCase(Locale.ROOT), m) != null) {
                    throw f.error(ptr, "tier given twice (names are not case-sensitive)");
                }
            }
            if (tiers.isEmpty()) {
                throw f.error(p + "/tiers", "no tiers");
            }
        }
        String tier = null;
        if (f.present(p + "/tier")) {
            if (tiers.isEmpty()) {
                throw f.error(p + "/tier", "a default tier needs the tiers it is one of");
            }
            tier = f.text(p + "/tier").toUpperCase(Locale.ROOT);
            if (!tiers.containsKey(tier)) {
                throw f.error(p + "/tier", "'" + tier + "' is not one of the tiers " + tiers.keySet());
            }
        } else if (!tiers.isEmpty()) {
            throw f.error(p + "/tier", "missing: the default tier of accounts that name none is required with tiers");
        }
        boolean wrongWay = false;
        if (f.present(p + "/wrongWay")) {
            JsonNode w = f.node(p + "/wrongWay");
            if (!w.isBoolean()) {
                throw f.error(p + "/wrongWay", "must be true or false");
            }
            wrongWay = w.booleanValue();
        }
        Map<String, Double> specific = new LinkedHashMap<>();
        if (f.present(p + "/specificWrongWay")) {
            JsonNode s = f.object(p + "/specificWrongWay");
            for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
                String a = it.next();
                specific.put(a.toUpperCase(Locale.ROOT), fraction(f, child(p + "/specificWrongWay", a), Double.NaN));
            }
        }
        return new Policy.Counterparty(tiers, tier, wrongWay, specific);
    }

    private static Policy.Base base(JsonFields f) throws InputException {
        known(f, "/base", BASE);
        Policy.Measure measure = Policy.Measure.ES;
        if (f.present("/base/measure")) {
            String m = f.text("/base/measure").toUpperCase(Locale.ROOT);
            if (!m.equals("ES") && !m.equals("VAR")) {
                throw f.error("/base/measure", "'" + m + "' is not ES or VaR");
            }
            measure = Policy.Measure.valueOf(m);
        }
        RiskMethod method = RiskMethod.PARAMETRIC;
        if (f.present("/base/method")) {
            try {
                method = RiskMethod.parse(f.text("/base/method"));
            } catch (IllegalArgumentException e) {
                throw f.error("/base/method", "'" + f.text("/base/method")
                        + "' is not parametric, historical, fhs or montecarlo");
            }
        }
        String volModel = f.present("/base/volModel") ? f.text("/base/volModel").toLowerCase(Locale.ROOT) : "snapshot";
        if (!Set.of("snapshot", "historical", "ewma", "garch").contains(volModel)) {
            throw f.error("/base/volModel", "'" + volModel + "' is not snapshot, historical, ewma or garch");
        }
        double multiplier = positive(f, "/base/multiplier", 1.0);
        int window = f.present("/base/windowDays") ? (int) wholeNumber(f, "/base/windowDays", 2, 20_000) : 365;
        double dof = f.present("/base/studentDof") ? f.number("/base/studentDof") : 0;
        if (dof != 0 && !(dof > 2)) {
            throw f.error("/base/studentDof", "Student-t degrees of freedom must be above 2 (or 0 for normal)");
        }
        Policy.Apc apc = null;
        if (f.present("/base/apc")) {
            known(f, "/base/apc", APC);
            double buffer = nonNegative(f, "/base/apc/buffer", 0);
            double weight = nonNegative(f, "/base/apc/stressedWeight", 0);
            if (weight > 1) {
                throw f.error("/base/apc/stressedWeight", "a weight is at most 1");
            }
            if (weight > 0 && weight < 0.25) {
                throw f.error("/base/apc/stressedWeight", "EMIR art. 28 asks for at least 25% weight, got " + weight);
            }
            double years = nonNegative(f, "/base/apc/lookbackFloorYears", 0);
            apc = new Policy.Apc(buffer, weight, years);
        }
        return new Policy.Base(measure, confidence(f, "/base/confidence"), days(f, "/base/horizonDays"), method,
                volModel, multiplier, window, dof, apc);
    }

    /** The folder of the policy's file, or null when the policy was not read from a file. */
    private static Path folderOf(TextSource src) {
        try {
            Path p = Path.of(src.name());
            return java.nio.file.Files.isRegularFile(p) ? p.toAbsolutePath().normalize().getParent() : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /**
     * A custom scenario file of the policy: a {@code .json} file, a relative path read against the policy's
     * folder (then the working folder, where the command was given), and in either case inside that folder;
     * any other file of the machine is refused (its content is never echoed).
     */
    static Path customScenario(JsonFields f, String ptr, String c, Path policyFolder) throws InputException {
        Path given;
        try {
            given = Path.of(c);
        } catch (java.nio.file.InvalidPathException e) {
            throw f.error(ptr, "not a file path");
        }
        if (!given.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw f.error(ptr, "a custom scenario is a .json scenario file (docs/cli.md section 9)");
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        List<Path> roots = new ArrayList<>();
        if (policyFolder != null) {
            roots.add(policyFolder);
        }
        roots.add(cwd);
        for (Path root : roots) {
            Path p = root.resolve(given).normalize();
            if (p.startsWith(root) && java.nio.file.Files.isRegularFile(p)) {
                return p;
            }
        }
        for (Path root : roots) {
            Path p = root.resolve(given).normalize();
            if (p.startsWith(root)) {
                throw f.error(ptr, "no such scenario file " + p);
            }
        }
        throw f.error(ptr, "a custom scenario file must be inside the policy's folder"
                + (policyFolder == null ? "" : " (" + policyFolder + ")") + " or the working folder (" + cwd + ")");
    }

    private static Policy.Stress stress(JsonFields f, Path policyFolder) throws InputException {
        known(f, "/stress", STRESS);
        Policy.Span span = null;
        if (f.present("/stress/span")) {
            known(f, "/stress/span", SPAN);
            span = new Policy.Span(ranges(f, "/stress/span/priceScanRange"),
                    nonNegative(f, "/stress/span/volScanRange", Double.NaN),
                    positive(f, "/stress/span/extremeMultiple", SpanArray.DEFAULT_EXTREME_MULTIPLE),
                    fraction(f, "/stress/span/extremeCover", SpanArray.DEFAULT_EXTREME_COVER));
        }
        Policy.Grid grid = null;
        if (f.present("/stress/grid")) {
            known(f, "/stress/grid", GRID);
            int steps = (int) wholeNumber(f, "/stress/grid/priceSteps", 3, 201);
            if (steps % 2 == 0) {
                throw f.error("/stress/grid/priceSteps", "an odd number of steps includes the zero move, got " + steps);
            }
            grid = new Policy.Grid(ranges(f, "/stress/grid/priceRange"), steps,
                    nonNegative(f, "/stress/grid/volUp", Double.NaN), fraction(f, "/stress/grid/volDown", Double.NaN));
        }
        List<String> episodes = strings(f, "/stress/episodes");
        List<String> custom = strings(f, "/stress/custom");
        List<StressScenario> scenarios = new ArrayList<>();
        for (int i = 0; i < episodes.size(); i++) {
            String e = episodes.get(i);
            String ptr = child("/stress/episodes", i);
            String id = ScenarioLibrary.find(e).orElseThrow(() -> f.error(ptr, "'" + e + "' is not in the library "
                    + ScenarioLibrary.ids()));
            scenarios.add(ScenarioLibrary.load(id));
        }
        for (int i = 0; i < custom.size(); i++) {
            scenarios.add(ScenarioJson.read(customScenario(f, child("/stress/custom", i), custom.get(i), policyFolder)));
        }
        return new Policy.Stress(span, grid, episodes, custom, scenarios);
    }

    private static Map<String, List<Policy.Tier>> tiers(JsonFields f) throws InputException {
        JsonNode node = f.object("/tiers");
        Map<String, List<Policy.Tier>> out = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String asset = it.next();
            String ptr = child("/tiers", asset);
            JsonNode rows = f.array(ptr);
            if (rows.isEmpty()) {
                throw f.error(ptr, "no brackets");
            }
            List<Policy.Tier> list = new ArrayList<>();
            double lastFloor = -1;
            for (int i = 0; i < rows.size(); i++) {
                String rp = child(ptr, i);
                JsonNode row = f.array(rp);
                if (row.size() != 3) {
                    throw f.error(rp, "a bracket is [notional floor USD, maintenance rate, maintenance amount USD]");
                }
                double floor = nonNegative(f, child(rp, 0), Double.NaN);
                double rate = fraction(f, child(rp, 1), Double.NaN);
                double amount = f.number(child(rp, 2));
                if (floor <= lastFloor) {
                    throw f.error(child(rp, 0), "bracket floors must ascend");
                }
                if (i == 0 && floor != 0) {
                    throw f.error(child(rp, 0), "the first bracket starts at 0");
                }
                lastFloor = floor;
                list.add(new Policy.Tier(floor, rate, amount));
            }
            String key = asset.equalsIgnoreCase("default") ? "default" : asset.toUpperCase(Locale.ROOT);
            out.put(key, List.copyOf(list));
        }
        return out;
    }

    private static Map<String, Double> ranges(JsonFields f, String ptr) throws InputException {
        JsonNode node = f.object(ptr);
        Map<String, Double> out = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String a = it.next();
            double v = fraction(f, child(ptr, a), Double.NaN);
            if (v == 0) {
                throw f.error(child(ptr, a), "a range must be positive");
            }
            out.put(a.equalsIgnoreCase("default") ? "default" : a.toUpperCase(Locale.ROOT), v);
        }
        if (out.isEmpty()) {
            throw f.error(ptr, "no ranges");
        }
        return out;
    }

    private static List<String> strings(JsonFields f, String ptr) throws InputException {
        List<String> out = new ArrayList<>();
        if (!f.present(ptr)) {
            return out;
        }
        JsonNode a = f.array(ptr);
        for (int i = 0; i < a.size(); i++) {
            out.add(f.text(child(ptr, i)));
        }
        return out;
    }

    static void known(JsonFields f, String ptr, Set<String> fields) throws InputException {
        JsonNode n = f.object(ptr.isEmpty() ? "" : ptr);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!fields.contains(name)) {
                throw f.error(child(ptr, name), "unknown field (expected one of " + String.join(", ",
                        new java.util.TreeSet<>(fields)) + ")");
            }
        }
    }

    private static double confidence(JsonFields f, String ptr) throws InputException {
        double c = f.number(ptr);
        if (!(c > 0.5 && c < 1)) {
            throw f.error(ptr, "confidence must be above 0.5 and below 1, got " + c);
        }
        return c;
    }

    private static int days(JsonFields f, String ptr) throws InputException {
        return (int) wholeNumber(f, ptr, 1, 250);
    }

    static double wholeNumber(JsonFields f, String ptr, int min, int max) throws InputException {
        double d = f.number(ptr);
        if (d != Math.rint(d) || d < min || d > max) {
            throw f.error(ptr, "must be a whole number from " + min + " to " + max + ", got " + d);
        }
        return d;
    }

    /** A required (when whenAbsent is NaN) or optional number > 0. */
    static double positive(JsonFields f, String ptr, double whenAbsent) throws InputException {
        double v = Double.isNaN(whenAbsent) ? f.number(ptr) : f.number(ptr, whenAbsent);
        if (!(v > 0)) {
            throw f.error(ptr, "must be positive, got " + v);
        }
        return v;
    }

    static double nonNegative(JsonFields f, String ptr, double whenAbsent) throws InputException {
        double v = Double.isNaN(whenAbsent) ? f.number(ptr) : f.number(ptr, whenAbsent);
        if (v < 0) {
            throw f.error(ptr, "must not be negative, got " + v);
        }
        return v;
    }

    static double fraction(JsonFields f, String ptr, double whenAbsent) throws InputException {
        double v = nonNegative(f, ptr, whenAbsent);
        if (v > 1) {
            throw f.error(ptr, "a fraction is at most 1, got " + v);
        }
        return v;
    }
}

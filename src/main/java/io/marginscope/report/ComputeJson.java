package io.marginscope.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.pricing.PositionValuation;

import java.util.List;

/**
 * The {@code compute} JSON of FORMATS.md section 5. Only numbers the engine has computed are
 * written: a field whose value does not exist yet (or is NaN, such as the unrealised P&L of a
 * position without an entry price) is left out, never written as a placeholder.
 */
public final class ComputeJson {

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ComputeJson() {
    }

    public static ObjectNode write(Portfolio book, MarketSnapshot market, PortfolioValuation valuation,
                                   ObjectNode parameters, List<String> warnings) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("parameters", parameters);
        root.put("portfolio", book.name());
        root.put("asOf", market.asOf().toString());
        put(root, "equity", valuation.equity());

        ObjectNode vols = root.putObject("volatilities");
        for (String u : book.underlyings()) {
            if (market.has(u)) {
                vols.put(u, market.asset(u).vol());
            }
        }

        ObjectNode greeks = root.putObject("greeksByUnderlying");
        valuation.byUnderlying().forEach((u, g) -> {
            ObjectNode n = greeks.putObject(u);
            put(n, "spot", g.spot());
            put(n, "value", g.value());
            put(n, "delta", g.delta());
            put(n, "deltaUsd", g.deltaUsd());
            put(n, "gamma", g.gamma());
            put(n, "vega", g.vega());
            put(n, "theta", g.theta());
        });

        ArrayNode positions = root.putArray("positions");
        for (PositionValuation v : valuation.positions()) {
            positions.add(position(v));
        }
        if (!valuation.errors().isEmpty()) {
            ArrayNode errors = root.putArray("errors");
            valuation.errors().forEach(errors::add);
        }
        if (!warnings.isEmpty()) {
            ArrayNode w = root.putArray("warnings");
            warnings.forEach(w::add);
        }
        return root;
    }

    static ObjectNode position(PositionValuation v) {
        Position p = v.position();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", p.id());
        n.put("underlying", p.underlying());
        n.put("type", p.type().name());
        n.put("settlement", p.instrument().settlement().name());
        if (p.instrument().expiry() != null) {
            n.put("expiry", p.instrument().expiry().toString());
        }
        put(n, "strike", p.instrument().strike());
        put(n, "quantity", p.quantity());
        put(n, "entryPrice", p.entryPrice());
        if (!v.ok()) {
            n.put("error", v.error());
            return n;
        }
        put(n, "price", v.price());
        put(n, "vol", v.vol());
        if (v.volSource() != null) {
            n.put("volSource", v.volSource().name());
        }
        put(n, "yearsToExpiry", v.years());
        put(n, "value", v.value());
        put(n, "unrealizedPnl", v.unrealizedPnl());
        put(n, "delta", v.delta());
        put(n, "gamma", v.gamma());
        put(n, "vega", v.vega());
        put(n, "theta", v.theta());
        return n;
    }

    /** Writes a finite number; leaves NaN out. */
    static void put(ObjectNode n, String field, double value) {
        if (Double.isFinite(value)) {
            n.put(field, value == 0.0 ? 0.0 : value);
        }
    }
}

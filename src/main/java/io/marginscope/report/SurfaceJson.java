package io.marginscope.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.analysis.LiquidationSurface;
import io.marginscope.margin.Policy;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;

import java.util.Collection;

import static io.marginscope.report.ComputeJson.put;

/** The {@code surface} JSON (docs/cli.md). */
public final class SurfaceJson {

    private SurfaceJson() {
    }

    public static ObjectNode write(LiquidationSurface.Surface s, Portfolio book, MarketSnapshot market, Policy policy,
                                   int scenarios, long seed, boolean together, Collection<String> warnings) {
        ObjectNode root = ComputeJson.MAPPER.createObjectNode();
        root.put("portfolio", book.name());
        root.put("asOf", market.asOf().toString());
        ObjectNode params = root.putObject("parameters");
        params.put("policy", policy.name());
        params.put("scenarios", scenarios);
        params.put("seed", seed);
        ArrayNode shocks = params.putArray("volShocks");
        s.volShocks().forEach(shocks::add);
        params.put("together", together);
        ArrayNode moved = root.putArray("moved");
        s.moved().forEach(moved::add);
        ArrayNode rows = root.putArray("rows");
        for (LiquidationSurface.Row r : s.rows()) {
            ObjectNode rn = rows.addObject();
            rn.put("underlying", r.underlying());
            put(rn, "spot", r.spot());
            ArrayNode cells = rn.putArray("cells");
            for (LiquidationSurface.Cell c : r.cells()) {
                ObjectNode cn = cells.addObject();
                cn.put("volShock", c.volShock());
                put(cn, "excessAtSpot", c.excessAtSpot());
                cn.put("breached", c.breached());
                crossing(cn, "down", c.down());
                crossing(cn, "up", c.up());
            }
        }
        root.put("evaluations", s.evaluations());
        root.put("elapsedMs", Math.round(s.elapsedNanos() / 1e5) / 10.0);
        root.putObject("policy").put("name", policy.name()).put("source", policy.source());
        if (!warnings.isEmpty()) {
            ArrayNode w = root.putArray("warnings");
            warnings.forEach(w::add);
        }
        return root;
    }

    private static void crossing(ObjectNode parent, String field, LiquidationSurface.Crossing c) {
        if (c == null) {
            parent.putNull(field);
            return;
        }
        ObjectNode n = parent.putObject(field);
        put(n, "move", c.move());
        put(n, "movePct", c.move() * 100);
        put(n, "price", c.price());
        put(n, "maintenanceMargin", c.maintenanceMargin());
        put(n, "adjustedEquity", c.adjustedEquity());
    }
}

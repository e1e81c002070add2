package io.marginscope.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.analysis.BookFigures;
import io.marginscope.analysis.TradeNetting;
import io.marginscope.analysis.WhatIf;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.model.Instrument;
import io.marginscope.model.Position;

import java.util.List;

import static io.marginscope.report.ComputeJson.put;

/** The {@code whatif} JSON (docs/cli.md). */
public final class WhatIfJson {

    private WhatIfJson() {
    }

    public static ObjectNode write(WhatIf.Result r, String tradeName, Policy policy, int scenarios, long seed,
                                   List<String> inputWarnings) {
        ObjectNode root = ComputeJson.MAPPER.createObjectNode();
        root.put("portfolio", r.before().book().name());
        root.put("trade", tradeName);
        root.put("asOf", r.before().market().asOf().toString());
        ObjectNode params = root.putObject("parameters");
        params.put("policy", policy.name());
        params.put("scenarios", scenarios);
        params.put("seed", seed);
        params.put("daysPerYear", r.before().market().daysPerYear());
        ArrayNode trades = root.putArray("trades");
        for (TradeNetting.Fill f : r.netting().fills()) {
            ObjectNode n = trades.addObject();
            n.put("id", f.tradeId());
            instrument(n, f.instrument());
            put(n, "quantity", f.quantity());
            put(n, "price", f.price());
            n.put("position", f.positionId());
            n.put("action", f.action().name());
            put(n, "quantityBefore", f.quantityBefore());
            put(n, "quantityAfter", f.quantityAfter());
            put(n, "entryBefore", f.entryBefore());
            put(n, "entryAfter", f.entryAfter());
            put(n, "realizedPnl", f.realizedPnl());
            put(n, "premium", f.premium());
        }
        figures(root.putObject("before"), r.before(), false);
        figures(root.putObject("after"), r.after(), true);
        WhatIf.Change c = r.change();
        ObjectNode ch = root.putObject("change");
        put(ch, "equity", c.equity());
        put(ch, "adjustedEquity", c.adjustedEquity());
        put(ch, "var", c.var());
        put(ch, "es", c.es());
        put(ch, "maintenanceMargin", c.maintenanceMargin());
        put(ch, "initialMargin", c.initialMargin());
        nullable(ch, "marginRatio", c.marginRatio());
        put(ch, "freeMargin", c.freeMargin());
        ObjectNode liq = ch.putObject("liquidation");
        c.liquidation().forEach((u, l) -> {
            ObjectNode n = liq.putObject(u);
            nullable(n, "price", l.price());
            nullable(n, "distancePct", l.distancePct());
        });
        ComputeJson.greeksByExpiry(ch.putObject("greeksByExpiry"), c.greeksByExpiry());
        put(root, "marginalMargin", r.marginalMargin());
        root.putObject("policy").put("name", policy.name()).put("source", policy.source());
        java.util.LinkedHashSet<String> warnings = new java.util.LinkedHashSet<>(inputWarnings);
        warnings.addAll(r.before().warnings());
        warnings.addAll(r.after().warnings());
        if (!warnings.isEmpty()) {
            ArrayNode w = root.putArray("warnings");
            warnings.forEach(w::add);
        }
        return root;
    }

    /** equity, adjustedEquity, var, es, maintenanceMargin, initialMargin, marginRatio, freeMargin, zone, ... */
    static void figures(ObjectNode n, BookFigures f, boolean withPositions) {
        MarginResult m = f.margin();
        put(n, "equity", m.equity());
        put(n, "adjustedEquity", m.adjustedEquity());
        put(n, "var", f.var());
        put(n, "es", f.es());
        put(n, "maintenanceMargin", m.maintenanceMargin());
        put(n, "initialMargin", m.initialMargin());
        nullable(n, "marginRatio", m.marginRatio());
        put(n, "freeMargin", m.freeMargin());
        n.put("zone", m.zone().name());
        ObjectNode c = n.putObject("components");
        m.components().asMap().forEach((k, v) -> put(c, k, v));
        MarginJson.liquidation(n, f.liquidation());
        ComputeJson.greeksByExpiry(n.putObject("greeksByExpiry"), f.greeksByExpiry());
        if (withPositions) {
            ArrayNode ps = n.putArray("positions");
            for (Position p : f.book().positions()) {
                ObjectNode pn = ps.addObject();
                pn.put("id", p.id());
                instrument(pn, p.instrument());
                put(pn, "quantity", p.quantity());
                put(pn, "entryPrice", p.entryPrice());
            }
        }
    }

    static void instrument(ObjectNode n, Instrument i) {
        n.put("underlying", i.underlying());
        n.put("type", i.type().name());
        if (i.expiry() != null) {
            n.put("expiry", i.expiry().toString());
        }
        put(n, "strike", i.strike());
        n.put("settlement", i.settlement().name());
    }

    /** A finite number, else null. */
    static void nullable(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            put(n, field, v);
        } else {
            n.putNull(field);
        }
    }
}

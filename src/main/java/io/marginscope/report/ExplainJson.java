package io.marginscope.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.analysis.MarginExplain;
import io.marginscope.margin.MarginResult;

import java.util.Collection;
import java.util.LinkedHashSet;

import static io.marginscope.report.ComputeJson.put;

/** The {@code explain} JSON (docs/cli.md). */
public final class ExplainJson {

    private ExplainJson() {
    }

    public static ObjectNode write(MarginExplain.Explanation e, String fromFile, MarginExplain.State from,
                                   String toFile, MarginExplain.State to, int scenarios, long seed,
                                   Collection<String> inputWarnings) {
        ObjectNode root = ComputeJson.MAPPER.createObjectNode();
        ObjectNode params = root.putObject("parameters");
        params.put("scenarios", scenarios);
        params.put("seed", seed);
        state(root.putObject("from"), fromFile, from, e.from());
        state(root.putObject("to"), toFile, to, e.to());
        put(root, "change", e.change());
        ObjectNode parts = root.putObject("parts");
        e.parts().forEach((g, v) -> put(parts, g.key(), v));
        ObjectNode differs = root.putObject("differs");
        e.differs().forEach((g, v) -> differs.put(g.key(), v));
        put(root, "residual", e.residual());
        ArrayNode cs = root.putArray("coalitions");
        for (MarginExplain.Coalition c : e.coalitions()) {
            ObjectNode n = cs.addObject();
            ArrayNode groups = n.putArray("to");
            for (MarginExplain.Group g : MarginExplain.Group.values()) {
                if (c.fromTo().contains(g)) {
                    groups.add(g.key());
                }
            }
            put(n, "maintenanceMargin", c.maintenanceMargin());
        }
        root.put("evaluations", e.coalitions().size());
        root.put("prepared", e.prepared());
        root.put("elapsedMs", Math.round(e.elapsedNanos() / 1e5) / 10.0);
        LinkedHashSet<String> w = new LinkedHashSet<>(inputWarnings);
        w.addAll(e.from().warnings());
        w.addAll(e.to().warnings());
        if (!w.isEmpty()) {
            ArrayNode arr = root.putArray("warnings");
            w.forEach(arr::add);
        }
        return root;
    }

    private static void state(ObjectNode n, String file, MarginExplain.State s, MarginResult m) {
        n.put("state", file);
        n.put("portfolio", s.book().name());
        n.put("policy", s.policy().name());
        n.put("asOf", s.market().asOf().toString());
        if (m.counterparty() != null && m.counterparty().tier() != null) {
            n.put("tier", m.counterparty().tier());
        } else if (s.book().tier() != null) {
            n.put("tier", s.book().tier());
        }
        put(n, "equity", m.equity());
        put(n, "adjustedEquity", m.adjustedEquity());
        put(n, "maintenanceMargin", m.maintenanceMargin());
        put(n, "initialMargin", m.initialMargin());
        WhatIfJson.nullable(n, "marginRatio", m.marginRatio());
        ObjectNode c = n.putObject("components");
        m.components().asMap().forEach((k, v) -> put(c, k, v));
    }
}

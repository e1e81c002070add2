package io.marginscope.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.stress.StressResult;
import io.marginscope.stress.StressScenario;

import java.util.List;
import java.util.Optional;

/**
 * The {@code stress} JSON:
 *
 * <pre>
 * {"portfolio": "...", "asOf": "...", "equity": 0.0,
 *  "stress": [{"scenario": "2020-03-12 Black Thursday", "pnl": 0.0, "weight": 1.0, "weightedPnl": 0.0,
 *              "horizonDays": 1.0, "description": "...", "source": "...",
 *              "positions": [{"id": "...", "pnl": 0.0}],
 *              "path": [{"date": "2020-03-12", "pnl": 0.0}], "worstDate": "2020-03-16"}],
 *  "worst": {"scenario": "...", "pnl": 0.0, "weight": 1.0, "weightedPnl": 0.0},
 *  "warnings": []}
 * </pre>
 *
 * Each {@code stress} item keeps FORMATS.md's {@code scenario} and {@code pnl} (USD, negative is a
 * loss; for a replayed path the worst cumulative P&amp;L along it). {@code path} and
 * {@code worstDate} appear only for a replay. {@code worst} is the item with the lowest
 * {@code weightedPnl} (null without scenarios). A position that could not be valued has an
 * {@code error} instead of a {@code pnl}.
 */
public final class StressJson {

    private StressJson() {
    }

    public static ObjectNode write(Portfolio book, MarketSnapshot market, double equity, List<StressScenario> scenarios,
                                   List<StressResult> results, List<String> warnings) {
        ObjectNode root = ComputeJson.MAPPER.createObjectNode();
        root.put("portfolio", book.name());
        root.put("asOf", market.asOf().toString());
        put(root, "equity", equity);
        ArrayNode items = root.putArray("stress");
        for (int i = 0; i < results.size(); i++) {
            StressScenario s = scenarios.get(i);
            StressResult r = results.get(i);
            ObjectNode item = items.addObject();
            item.put("scenario", r.scenario());
            put(item, "pnl", r.pnl());
            item.put("weight", r.weight());
            put(item, "weightedPnl", r.weightedPnl());
            item.put("horizonDays", s.horizonDays());
            if (!s.description().isEmpty()) {
                item.put("description", s.description());
            }
            if (!s.source().isEmpty()) {
                item.put("source", s.source());
            }
            ArrayNode positions = item.putArray("positions");
            r.positionPnl().forEach((id, pnl) -> {
                ObjectNode p = positions.addObject();
                p.put("id", id);
                if (Double.isNaN(pnl)) {
                    p.put("error", "not valued");
                } else {
                    p.put("pnl", pnl);
                }
            });
            if (r.isPath()) {
                ArrayNode path = item.putArray("path");
                for (StressResult.StepPnl step : r.path()) {
                    ObjectNode n = path.addObject();
                    n.put("date", step.date().toString());
                    put(n, "pnl", step.pnl());
                }
                item.put("worstDate", r.worstDate().toString());
            }
            if (!r.errors().isEmpty()) {
                ArrayNode errors = item.putArray("errors");
                r.errors().forEach(errors::add);
            }
        }
        Optional<StressResult> worst = StressResult.worst(results);
        if (worst.isPresent()) {
            ObjectNode w = root.putObject("worst");
            w.put("scenario", worst.get().scenario());
            put(w, "pnl", worst.get().pnl());
            w.put("weight", worst.get().weight());
            put(w, "weightedPnl", worst.get().weightedPnl());
        } else {
            root.putNull("worst");
        }
        ArrayNode warn = root.putArray("warnings");
        warnings.forEach(warn::add);
        return root;
    }

    private static void put(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        }
    }
}

package io.marginscope.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.io.BundledHistory;
import io.marginscope.io.TextSource;
import io.marginscope.risk.AssetPrices;
import io.marginscope.risk.PriceHistory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The {@code history} block of the compute JSON (docs/cli.md): which price history a run used
 * (the program's own or the analyst's files), each asset's range, the last close the snapshot may
 * use under the time rule, and the rule itself; and the same last close on the {@code scenarioSet}
 * of a historical or FHS run.
 */
public final class HistoryJson {

    /** The time rule, as the output states it. */
    public static final String TIME_RULE = "a daily close dated D counts from D+1 00:00 UTC; only closes known at the"
            + " snapshot's asOf are used";

    private HistoryJson() {
    }

    /**
     * Adds {@code history}: {@code source} ("bundled" or "files"), {@code files} (file names),
     * {@code assets} ({asset: {first, last}} of the closes held), {@code lastCloseUsed} (the last
     * close known at {@code asOf}, or the history's end when earlier) and {@code timeRule}. A
     * {@code scenarioSet} already in {@code root} gets {@code lastCloseUsed} and {@code timeRule} too.
     */
    public static void write(ObjectNode root, PriceHistory history, List<TextSource> files, Instant asOf) {
        ObjectNode h = root.putObject("history");
        if (!files.isEmpty()) {
            h.put("source", BundledHistory.isBundled(files) ? "bundled" : "files");
            ArrayNode names = h.putArray("files");
            files.forEach(f -> names.add(fileName(f.name())));
        }
        ObjectNode assets = h.putObject("assets");
        LocalDate known = PriceHistory.lastCloseKnownAt(asOf);
        LocalDate used = null;
        for (AssetPrices p : history.series()) {
            assets.putObject(p.asset()).put("first", p.first().toString()).put("last", p.last().toString());
            LocalDate end = p.last().isBefore(known) ? p.last() : known;
            used = used == null || end.isAfter(used) ? end : used;
        }
        if (used != null) {
            h.put("lastCloseUsed", used.toString());
        }
        h.put("timeRule", TIME_RULE);
        if (root.get("scenarioSet") instanceof ObjectNode sc && used != null) {
            sc.put("lastCloseUsed", used.toString());
            sc.put("timeRule", TIME_RULE);
        }
    }

    private static String fileName(String name) {
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(cut + 1);
    }
}

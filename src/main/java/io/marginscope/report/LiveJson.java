package io.marginscope.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.feed.LatencyStats;
import io.marginscope.feed.LiveMargin;
import io.marginscope.feed.LiveState;
import io.marginscope.feed.MarginAlert;
import io.marginscope.feed.MarginTimeline;
import io.marginscope.feed.SessionRecorder;
import io.marginscope.model.MarketSnapshot;

import java.time.Instant;

/** The JSON of {@code marginscope live}: one line per update, and the session summary (docs/live.md). */
public final class LiveJson {

    private LiveJson() {
    }

    /** One update: the gauges and the spots of the book's underlyings. */
    public static ObjectNode update(LiveState s, MarketSnapshot market, Iterable<String> assets) {
        ObjectNode n = state(s);
        ObjectNode spots = n.putObject("spots");
        for (String a : assets) {
            if (market.has(a)) {
                ComputeJson.put(spots, a, market.asset(a).spot());
            }
        }
        return n;
    }

    public static ObjectNode state(LiveState s) {
        ObjectNode n = ComputeJson.MAPPER.createObjectNode();
        n.put("instant", s.instant().toString());
        n.put("update", s.tickCount());
        ComputeJson.put(n, "equity", s.equity());
        ComputeJson.put(n, "adjustedEquity", s.adjustedEquity());
        ComputeJson.put(n, "maintenanceMargin", s.maintenanceMargin());
        ratio(n, s.marginRatio());
        n.put("zone", s.zone().name());
        n.put("full", s.full());
        n.put("marginAsOf", s.marginAsOf().toString());
        return n;
    }

    private static void ratio(ObjectNode n, double r) {
        if (Double.isFinite(r)) {
            n.put("marginRatio", r);
        } else {
            n.putNull("marginRatio");
        }
    }

    /** Fills the session summary into {@code root}. */
    public static void summary(ObjectNode root, LiveState start, LiveMargin live, SessionRecorder rec) {
        root.set("start", state(start));
        root.set("end", state(live.state()));
        ObjectNode t = root.putObject("thresholds");
        t.put("warning", live.policy().thresholds().warning());
        t.put("liquidation", live.policy().thresholds().liquidation());
        ObjectNode peak = root.putObject("peak");
        ratio(peak, rec.peakRatio());
        peak.put("instant", rec.peakAt() == null ? null : rec.peakAt().toString());
        Instant gone = rec.equityGoneAt();
        if (gone != null) {
            peak.put("equityGoneAt", gone.toString());
        }
        root.put("worstZone", rec.worstZone().name());
        ArrayNode changes = root.putArray("zoneChanges");
        for (MarginAlert a : rec.zoneChanges()) {
            ObjectNode c = changes.addObject();
            c.put("instant", a.instant().toString());
            c.put("from", a.from().name());
            c.put("to", a.to().name());
            ratio(c, a.marginRatio());
            c.put("threshold", a.threshold());
            c.put("full", a.full());
        }
        if (rec.zoneChangesDropped() > 0) {
            root.put("zoneChangesNotListed", rec.zoneChangesDropped());
        }
        ArrayNode path = root.putArray("ratioPath");
        for (MarginTimeline.Point p : rec.path()) {
            ObjectNode n = path.addObject();
            n.put("instant", p.instant().toString());
            ComputeJson.put(n, "equity", p.equity());
            ComputeJson.put(n, "maintenanceMargin", p.maintenanceMargin());
            ratio(n, p.marginRatio());
            n.put("zone", p.zone().name());
        }
        LiveMargin.Stats st = live.stats();
        ObjectNode counts = root.putObject("counts");
        counts.put("updates", st.updates());
        counts.put("ignoredQuotes", st.ignoredQuotes());
        counts.put("failedUpdates", st.failedUpdates());
        counts.put("fullRecomputes", st.fullRecomputes());
        counts.put("fullRecomputeFailures", st.fullFailures());
        counts.put("timelinePoints", live.timeline().size());
        ObjectNode timing = root.putObject("timing");
        timing.set("tickUpdateMicros", latency(st.tickUpdate()));
        timing.set("fullRecomputeMicros", latency(st.fullRecompute()));
    }

    static ObjectNode latency(LatencyStats.Summary s) {
        ObjectNode n = ComputeJson.MAPPER.createObjectNode();
        n.put("count", s.count());
        n.put("mean", round(s.meanMicros()));
        n.put("p50", round(s.p50Micros()));
        n.put("p99", round(s.p99Micros()));
        n.put("max", round(s.maxMicros()));
        return n;
    }

    private static double round(double micros) {
        return Math.round(micros * 10) / 10.0;
    }
}

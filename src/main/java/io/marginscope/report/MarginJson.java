package io.marginscope.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.PolicyCoverage;

import java.util.Map;

/** The margin fields of the compute JSON (FORMATS.md section 5) and of compare rows. */
public final class MarginJson {

    private MarginJson() {
    }

    /**
     * maintenanceMargin, initialMargin, marginRatio (null when equity <= 0), freeMargin, components ...
     * and the {@code coverage} object (docs/cli.md section 10) of the same result. A policy that does not
     * margin the whole book has no MM, IM, ratio or free margin: they are left out, {@code marginRatio} is
     * null and {@code marginRatioNote} says why.
     */
    public static void write(ObjectNode root, MarginResult m, PolicyCoverage coverage) {
        ComputeJson.put(root, "maintenanceMargin", m.maintenanceMargin());
        ComputeJson.put(root, "initialMargin", m.initialMargin());
        if (!m.covered()) {
            root.putNull("marginRatio");
            root.put("marginRatioNote", coverage.summary() + "; MM, IM, the margin ratio and the free margin are "
                    + "not computed");
        } else if (Double.isNaN(m.marginRatio())) {
            root.putNull("marginRatio");
        } else {
            ComputeJson.put(root, "marginRatio", m.marginRatio());
        }
        ComputeJson.put(root, "freeMargin", m.freeMargin());
        ComputeJson.put(root, "adjustedEquity", m.adjustedEquity());
        root.put("zone", m.zone().name());
        CoverageJson.write(root, coverage);
        ObjectNode c = root.putObject("components");
        m.components().asMap().forEach((k, v) -> ComputeJson.put(c, k, v));
        if (!m.haircuts().isEmpty()) {
            ObjectNode h = root.putObject("haircuts");
            m.haircuts().forEach((k, v) -> ComputeJson.put(h, k, v));
        }
        if (m.counterparty() != null) {
            MarginResult.Counterparty cp = m.counterparty();
            ObjectNode n = root.putObject("counterparty");
            if (cp.tier() != null) {
                n.put("tier", cp.tier());
            }
            ComputeJson.put(n, "multiplier", cp.multiplier());
            ObjectNode t = n.putObject("tailHaircuts");
            cp.tailHaircuts().forEach((k, v) -> ComputeJson.put(t, k, v));
            ObjectNode sp = n.putObject("specificHaircuts");
            cp.specificHaircuts().forEach((k, v) -> ComputeJson.put(sp, k, v));
        }
    }

    public static void liquidation(ObjectNode root, Map<String, LiquidationPrice> prices) {
        ObjectNode l = root.putObject("liquidation");
        prices.forEach((asset, lp) -> {
            ObjectNode n = l.putObject(asset);
            if (lp.exists()) {
                n.put("price", lp.price());
                n.put("distancePct", lp.distancePct());
                if (lp.breached()) {
                    n.put("breached", true);
                }
            } else {
                n.putNull("price");
                n.putNull("distancePct");
            }
        });
    }
}

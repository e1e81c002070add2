package io.marginscope.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.margin.PolicyCoverage;

/**
 * The {@code coverage} object of a margin under a policy (docs/cli.md section 10): which positions
 * the policy margins, the same object in {@code compute --policy} and {@code compare}.
 */
public final class CoverageJson {

    private CoverageJson() {
    }

    public static void write(ObjectNode root, PolicyCoverage c) {
        ObjectNode n = root.putObject("coverage");
        n.put("status", c.status());
        n.put("positions", c.positions());
        n.put("notCoveredCount", c.notCovered().size());
        n.put("summary", c.summary());
        ArrayNode list = n.putArray("notCovered");
        c.notCovered().forEach((id, reason) -> list.addObject().put("id", id).put("reason", reason));
    }
}

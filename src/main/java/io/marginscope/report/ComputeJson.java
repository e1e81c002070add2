package io.marginscope.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.analysis.GreeksByExpiry;
import io.marginscope.margin.Policy;
import io.marginscope.margin.PolicyCoverage;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.pricing.PositionValuation;
import io.marginscope.risk.PositionRisk;
import io.marginscope.risk.RiskFactors;
import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskResult;
import io.marginscope.run.ComputeRun;

import java.util.List;
import java.util.Map;

/**
 * The {@code compute} JSON of FORMATS.md section 5. Only numbers the engine has computed are
 * written: a field whose value does not exist yet (margin until a policy is applied) or is NaN
 * (the unrealised P&L of a position without an entry price) is left out, never a placeholder.
 */
public final class ComputeJson {

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ComputeJson() {
    }

    /**
     * The compute JSON of FORMATS.md section 5 of a run: value and risk, then under a policy the margin,
     * the liquidation prices and the policy.
     */
    public static ObjectNode of(ComputeRun.Result run) {
        List<String> warnings = run.runWarnings();
        ObjectNode out = write(run.book(), run.market(), run.valuation(), run.risk(), warnings);
        if (run.margin() != null) {
            Policy pol = run.policy();
            out.with("parameters").put("policy", pol.name());
            MarginJson.write(out, run.margin(), PolicyCoverage.of(run.book(), run.margin()));
            MarginJson.liquidation(out, run.liquidation());
            for (String w : run.margin().warnings()) {
                if (!warnings.contains(w)) {
                    out.withArray("warnings").add(w);
                }
            }
            out.putObject("policy").put("name", pol.name()).put("source", pol.source());
        }
        if (run.history() != null) {
            HistoryJson.write(out, run.history().value(), run.inputs().history(), run.market().asOf());
        }
        return out;
    }

    public static ObjectNode write(Portfolio book, MarketSnapshot market, PortfolioValuation valuation,
                                   RiskResult risk, List<String> warnings) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("parameters", parameters(risk.parameters(), market));
        root.put("portfolio", book.name());
        root.put("asOf", market.asOf().toString());
        put(root, "equity", valuation.equity());
        put(root, "var", risk.var());
        put(root, "es", risk.es());

        RiskFactors f = risk.factors();
        ObjectNode vols = root.putObject("volatilities");
        for (int a = 0; a < f.size(); a++) {
            vols.put(f.assets().get(a), f.vols()[a]);
        }
        ObjectNode corr = root.putObject("correlation");
        ArrayNode names = corr.putArray("assets");
        f.assets().forEach(names::add);
        ArrayNode matrix = corr.putArray("matrix");
        for (double[] row : f.correlation()) {
            ArrayNode r = matrix.addArray();
            for (double x : row) {
                r.add(x);
            }
        }
        if (risk.scenarios() != null) {
            ObjectNode sc = root.putObject("scenarioSet");
            sc.put("count", risk.scenarios().count());
            sc.put("description", risk.scenarios().description());
        }
        if (risk.moments() != null) {
            ObjectNode mo = root.putObject("pnlMoments");
            put(mo, "mean", risk.moments().mean());
            put(mo, "stdev", risk.moments().stdev());
            put(mo, "skewness", risk.moments().skewness());
            put(mo, "excessKurtosis", risk.moments().excessKurtosis());
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
        greeksByExpiry(root.putObject("greeksByExpiry"), GreeksByExpiry.greeksByExpiry(valuation));
        vegaByTenor(root.putObject("vegaByTenor"), GreeksByExpiry.vegaByTenor(valuation, market.daysPerYear()));

        ArrayNode positions = root.putArray("positions");
        for (int i = 0; i < valuation.positions().size(); i++) {
            ObjectNode n = position(valuation.positions().get(i));
            PositionRisk pr = risk.positions().get(i);
            put(n, "componentVar", pr.componentVar());
            put(n, "componentEs", pr.componentEs());
            put(n, "marginalVar", pr.marginalVar());
            put(n, "incrementalVar", pr.incrementalVar());
            positions.add(n);
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

    /** {underlying: {expiry|"none": {delta, gamma, vega, theta}}} into the node given. */
    public static void greeksByExpiry(ObjectNode into, Map<String, Map<String, GreeksByExpiry.Greeks>> g) {
        g.forEach((u, byExpiry) -> {
            ObjectNode un = into.putObject(u);
            byExpiry.forEach((e, x) -> {
                ObjectNode n = un.putObject(e);
                put(n, "delta", x.delta());
                put(n, "gamma", x.gamma());
                put(n, "vega", x.vega());
                put(n, "theta", x.theta());
            });
        });
    }

    /** {underlying: {"0-7d": vega, "7-30d": ..., "180d+": ...}} into the node given. */
    public static void vegaByTenor(ObjectNode into, Map<String, Map<GreeksByExpiry.TenorBucket, Double>> v) {
        v.forEach((u, buckets) -> {
            ObjectNode un = into.putObject(u);
            buckets.forEach((b, x) -> put(un, b.label(), x));
        });
    }

    static ObjectNode parameters(RiskParameters p, MarketSnapshot market) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("confidence", p.confidence());
        n.put("horizonDays", p.horizonDays());
        n.put("method", p.method().cliName());
        n.put("volModel", p.volModel());
        n.put("ewmaLambda", p.ewmaLambda());
        n.put("windowDays", p.windowDays());
        if (p.method() == RiskMethod.MONTECARLO) {
            n.put("scenarios", p.scenarios());
            n.put("seed", p.seed());
            n.put("distribution", p.studentDof() > 0 ? "student-t" : "normal");
            if (p.studentDof() > 0) {
                n.put("studentDof", p.studentDof());
            }
            n.put("volOfVol", p.volOfVol());
        }
        n.put("daysPerYear", market.daysPerYear());
        return n;
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
    public static void put(ObjectNode n, String field, double value) {
        if (Double.isFinite(value)) {
            n.put(field, value == 0.0 ? 0.0 : value);
        }
    }
}

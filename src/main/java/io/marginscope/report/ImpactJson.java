package io.marginscope.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.marginscope.impact.AccountFigures;
import io.marginscope.impact.AccountResult;
import io.marginscope.impact.EpisodeFigures;
import io.marginscope.impact.ImpactAggregator;
import io.marginscope.impact.ImpactSummary;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The JSON of an impact run (docs/impact.md): the accounts are streamed as they are margined (memory
 * does not grow with the base), then the per-policy aggregates. A number that does not exist is
 * {@code null} with its reason beside it, never 0.
 */
public final class ImpactJson implements Closeable {

    private final JsonGenerator g;

    /** Opens the document and its {@code accounts} array. */
    public ImpactJson(OutputStream out, Map<String, Object> parameters) throws IOException {
        g = ComputeJson.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeObjectFieldStart("parameters");
        for (Map.Entry<String, Object> e : parameters.entrySet()) {
            g.writeFieldName(e.getKey());
            g.writeObject(e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("accounts");
    }

    public void account(AccountResult r) throws IOException {
        if (r.isBad()) {
            return;
        }
        g.writeStartObject();
        g.writeStringField("account", r.account());
        g.writeStringField("source", r.source());
        g.writeArrayFieldStart("policies");
        for (AccountFigures f : r.policies()) {
            figures(f);
        }
        g.writeEndArray();
        if (!r.episodes().isEmpty()) {
            g.writeArrayFieldStart("episodes");
            for (EpisodeFigures e : r.episodes()) {
                g.writeStartObject();
                g.writeStringField("episode", e.episode());
                g.writeStringField("policy", e.policy());
                number("loss", e.loss());
                number("equityBefore", e.equityBefore());
                number("shortfall", e.shortfall());
                g.writeBooleanField("liquidated", e.liquidated());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!r.warnings().isEmpty()) {
            strings("warnings", r.warnings());
        }
        g.writeEndObject();
    }

    private void figures(AccountFigures f) throws IOException {
        g.writeStartObject();
        g.writeStringField("policy", f.policy());
        if (!f.computed()) {
            g.writeStringField("error", f.error());
            g.writeEndObject();
            return;
        }
        number("equity", f.equity());
        number("adjustedEquity", f.adjustedEquity());
        number("maintenanceMargin", f.maintenanceMargin());
        number("initialMargin", f.initialMargin());
        number("marginRatio", f.marginRatio());
        if (f.ratioNote() != null) {
            g.writeStringField("marginRatioNote", f.ratioNote());
        }
        g.writeStringField("zone", f.zone());
        number("freeMargin", f.freeMargin());
        number("marginCall", f.marginCall());
        g.writeObjectFieldStart("liquidation");
        for (Map.Entry<String, AccountFigures.Liquidation> e : f.liquidation().entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            number("price", e.getValue().price());
            number("distancePct", e.getValue().distancePct());
            if (e.getValue().breached()) {
                g.writeBooleanField("breached", true);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        strings("notCovered", f.notCovered());
        g.writeEndObject();
    }

    /** Closes the accounts and writes the aggregates and the run's warnings. */
    public void finish(ImpactSummary s, List<String> warnings) throws IOException {
        g.writeEndArray();
        g.writeNumberField("accountCount", s.accounts());
        strings("skipped", s.skipped());
        g.writeArrayFieldStart("policies");
        for (ImpactSummary.PolicyTotals t : s.policies()) {
            g.writeStartObject();
            g.writeStringField("policy", t.policy());
            g.writeNumberField("accounts", t.computed());
            g.writeNumberField("notComputed", t.notComputed());
            number("equity", t.equity());
            number("adjustedEquity", t.adjustedEquity());
            number("maintenanceMargin", t.maintenanceMargin());
            number("initialMargin", t.initialMargin());
            g.writeNumberField("initialMarginAccounts", t.initialMarginAccounts());
            number("marginCall", t.marginCall());
            g.writeObjectFieldStart("zones");
            for (Map.Entry<String, Long> z : t.zones().entrySet()) {
                g.writeNumberField(z.getKey(), z.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("marginByUnderlying");
            for (Map.Entry<String, Double> u : t.marginByUnderlying().entrySet()) {
                number(u.getKey(), u.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("accountsNotCovered", t.accountsNotCovered());
            g.writeNumberField("positionsNotCovered", t.positionsNotCovered());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("transitions");
        for (ImpactSummary.Transition t : s.transitions()) {
            g.writeStartObject();
            g.writeStringField("from", t.from());
            g.writeStringField("to", t.to());
            strings("states", ImpactSummary.STATES);
            g.writeArrayFieldStart("counts");
            for (long[] row : t.counts()) {
                g.writeArray(row, 0, row.length);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("changes");
        for (ImpactSummary.ChangeDistribution d : s.changes()) {
            change(d);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("episodes");
        for (ImpactSummary.EpisodeTotals e : s.episodes()) {
            g.writeStartObject();
            g.writeStringField("episode", e.episode());
            g.writeStringField("policy", e.policy());
            g.writeNumberField("accounts", e.computed());
            g.writeNumberField("shortfallAccounts", e.shortfallAccounts());
            number("totalShortfall", e.totalShortfall());
            g.writeNumberField("liquidated", e.liquidated());
            g.writeEndObject();
        }
        g.writeEndArray();
        strings("warnings", warnings);
        g.writeEndObject();
        g.flush();
    }

    private void change(ImpactSummary.ChangeDistribution d) throws IOException {
        g.writeStartObject();
        g.writeStringField("from", d.from());
        g.writeStringField("to", d.to());
        g.writeNumberField("accounts", d.accounts());
        number("total", d.total());
        number("min", d.min());
        number("max", d.max());
        g.writeObjectFieldStart("percentiles");
        for (Map.Entry<Integer, Double> p : d.percentiles().entrySet()) {
            number("p" + p.getKey(), p.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("histogram");
        for (ImpactSummary.Bin b : d.histogram()) {
            g.writeStartObject();
            number("low", b.low());
            number("high", b.high());
            g.writeNumberField("count", b.count());
            g.writeEndObject();
        }
        g.writeEndArray();
        movers("topIncreases", d.topIncreases());
        movers("topDecreases", d.topDecreases());
        g.writeEndObject();
    }

    private void movers(String field, List<ImpactSummary.Mover> movers) throws IOException {
        g.writeArrayFieldStart(field);
        for (ImpactSummary.Mover m : movers) {
            g.writeStartObject();
            g.writeStringField("account", m.account());
            number("from", m.from());
            number("to", m.to());
            number("change", m.change());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void strings(String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** A finite number, else null. */
    private void number(String field, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(field, v == 0.0 ? 0.0 : v);
        } else {
            g.writeNullField(field);
        }
    }

    @Override
    public void close() throws IOException {
        g.close();
    }

    /** The percentile levels, for documentation and tests. */
    public static int[] levels() {
        return ImpactAggregator.LEVELS.clone();
    }
}

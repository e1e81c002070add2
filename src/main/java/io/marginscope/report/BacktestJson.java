package io.marginscope.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.backtest.AcerbiSzekely;
import io.marginscope.backtest.BacktestReport;
import io.marginscope.backtest.MarginPerformance;
import io.marginscope.backtest.TrafficLight;

import java.time.LocalDate;
import java.util.List;

/**
 * The {@code backtest} JSON of FORMATS.md section 5: {@code observations}, {@code exceptions},
 * {@code expectedExceptions}, {@code kupiec {lr, pValue}},
 * {@code christoffersen {lrInd, pValueInd, lrCc, pValueCc}} and {@code trafficLight}, plus
 * {@code confidence}, {@code period}, {@code exceptionDates}, the transition counts,
 * {@code trafficLightDetail}, {@code esTest} and {@code performance}. As in the compute JSON, a
 * number that does not exist (NaN, such as a Sortino ratio without a losing day) is left out.
 */
public final class BacktestJson {

    private BacktestJson() {
    }

    public static ObjectNode write(BacktestReport r, String input, List<LocalDate> dates, List<String> warnings) {
        ObjectNode root = ComputeJson.MAPPER.createObjectNode();
        root.put("observations", r.observations());
        root.put("exceptions", r.exceptions());
        ComputeJson.put(root, "expectedExceptions", r.expectedExceptions());

        ObjectNode kupiec = root.putObject("kupiec");
        ComputeJson.put(kupiec, "lr", r.kupiec().lr());
        ComputeJson.put(kupiec, "pValue", r.kupiec().pValue());

        ObjectNode chr = root.putObject("christoffersen");
        ComputeJson.put(chr, "lrInd", r.christoffersen().lrInd());
        ComputeJson.put(chr, "pValueInd", r.christoffersen().pValueInd());
        ComputeJson.put(chr, "lrCc", r.christoffersen().lrCc());
        ComputeJson.put(chr, "pValueCc", r.christoffersen().pValueCc());
        ObjectNode transitions = chr.putObject("transitions");
        transitions.put("n00", r.christoffersen().n00());
        transitions.put("n01", r.christoffersen().n01());
        transitions.put("n10", r.christoffersen().n10());
        transitions.put("n11", r.christoffersen().n11());

        TrafficLight light = r.trafficLight();
        root.put("trafficLight", light.zoneName());

        root.put("confidence", r.confidence());
        root.put("input", input);
        ObjectNode period = root.putObject("period");
        period.put("from", dates.get(0).toString());
        period.put("to", dates.get(dates.size() - 1).toString());
        ArrayNode exceptionDates = root.putArray("exceptionDates");
        r.exceptionDates().forEach(d -> exceptionDates.add(d.toString()));

        ObjectNode detail = root.putObject("trafficLightDetail");
        ComputeJson.put(detail, "cumulativeProbability", light.cumulativeProbability());
        ComputeJson.put(detail, "plusFactor", light.plusFactor());
        detail.put("plusFactorSource", light.plusFactorInterpolated() ? "interpolated" : "basel-table");

        AcerbiSzekely es = r.esTest();
        ObjectNode esTest = root.putObject("esTest");
        esTest.put("test", "acerbi-szekely-z2");
        ComputeJson.put(esTest, "z2", es.z2());
        ComputeJson.put(esTest, "pValue", es.pValue());
        esTest.put("simulations", es.simulations());
        esTest.put("seed", es.seed());
        esTest.put("assumption", es.predictive().label());
        esTest.put("esSource", es.esFromInput() ? "input" : "implied-by-var");

        root.set("performance", performance(r.performance()));
        if (!warnings.isEmpty()) {
            ArrayNode w = root.putArray("warnings");
            warnings.forEach(w::add);
        }
        return root;
    }

    static ObjectNode performance(MarginPerformance p) {
        ObjectNode n = ComputeJson.MAPPER.createObjectNode();
        n.put("margin", "var");
        n.put("days", p.days());
        ComputeJson.put(n, "totalPnl", p.totalPnl());
        ComputeJson.put(n, "meanMargin", p.meanMargin());
        ComputeJson.put(n, "returnOnMargin", p.returnOnMargin());
        ComputeJson.put(n, "sharpe", p.sharpe());
        ComputeJson.put(n, "sortino", p.sortino());
        n.put("annualisationDays", MarginPerformance.DAYS_PER_YEAR);
        if (p.largestIncrease() != null) {
            n.set("largestMarginIncrease", increase(p.largestIncrease()));
        }
        if (p.largestRelativeIncrease() != null) {
            n.set("largestRelativeMarginIncrease", increase(p.largestRelativeIncrease()));
        }
        ObjectNode shortfall = n.putObject("shortfall");
        shortfall.put("days", p.shortfallDays());
        ComputeJson.put(shortfall, "sum", p.shortfallSum());
        ComputeJson.put(shortfall, "max", p.shortfallMax());
        return n;
    }

    private static ObjectNode increase(MarginPerformance.MarginIncrease up) {
        ObjectNode n = ComputeJson.MAPPER.createObjectNode();
        n.put("date", up.date().toString());
        ComputeJson.put(n, "from", up.from());
        ComputeJson.put(n, "to", up.to());
        ComputeJson.put(n, "absolute", up.absolute());
        ComputeJson.put(n, "relative", up.relative());
        return n;
    }
}

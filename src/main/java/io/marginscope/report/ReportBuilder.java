package io.marginscope.report;

import io.marginscope.backtest.BacktestSettings;
import io.marginscope.backtest.RollingBacktest;
import io.marginscope.io.InputException;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.margin.PolicyComparison;
import io.marginscope.margin.PolicyCoverage;
import io.marginscope.io.PolicyPresets;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskProgress;
import io.marginscope.run.ComputeRun;
import io.marginscope.stress.ScanRanges;
import io.marginscope.io.ScenarioLibrary;
import io.marginscope.stress.SpanArray;
import io.marginscope.stress.StressEngine;
import io.marginscope.stress.StressScenario;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs what a report adds to a compute run: stress, policy comparison and backtest. */
public final class ReportBuilder {

    /** SPAN parameters when the policy has none: the example of FORMATS.md section 6 (as {@code stress --span}). */
    static final Map<String, Double> DEFAULT_PRICE_SCAN = withDefault(SpanArray.DEFAULT_PRICE_SCAN);
    static final double DEFAULT_VOL_SCAN = SpanArray.DEFAULT_VOL_SCAN;
    static final double DEFAULT_EXTREME_MULTIPLE = SpanArray.DEFAULT_EXTREME_MULTIPLE;
    static final double DEFAULT_EXTREME_COVER = SpanArray.DEFAULT_EXTREME_COVER;

    /** Ranges as a policy's SPAN block writes them: per asset, and the others under "default". */
    private static Map<String, Double> withDefault(ScanRanges r) {
        Map<String, Double> m = new HashMap<>(r.byAsset());
        m.put("default", r.defaultRange());
        return Map.copyOf(m);
    }

    private ReportBuilder() {
    }

    public static ReportData build(ComputeRun.Result run) throws InputException {
        return build(run, Clock.systemUTC());
    }

    public static ReportData build(ComputeRun.Result run, Clock clock) throws InputException {
        List<StressScenario> scenarios = new ArrayList<>(ScenarioLibrary.all());
        int episodes = scenarios.size();
        List<String> moved = run.book().underlyings().stream().filter(u -> run.market().asset(u).vol() > 0).toList();
        Policy.Span span = run.policy() == null || run.policy().stress() == null ? null : run.policy().stress().span();
        String spanSource;
        if (span != null) {
            spanSource = "the policy's SPAN block";
        } else {
            span = new Policy.Span(DEFAULT_PRICE_SCAN, DEFAULT_VOL_SCAN, DEFAULT_EXTREME_MULTIPLE, DEFAULT_EXTREME_COVER);
            spanSource = "the default SPAN parameters (FORMATS.md section 6)";
        }
        if (!moved.isEmpty()) {
            Map<String, Double> byAsset = new HashMap<>(span.priceScanRange());
            Double def = byAsset.remove("default");
            scenarios.addAll(SpanArray.of(moved, new ScanRanges(byAsset, def == null ? 0 : def), span.volScanRange(),
                    span.extremeMultiple(), span.extremeCover()));
        }
        var stress = StressEngine.runAll(run.book(), run.market(), scenarios);

        List<Policy> presets = new ArrayList<>();
        for (String name : PolicyPresets.available()) {
            presets.add(PolicyPresets.load(name));
        }
        RiskParameters p = run.parameters();
        var comparison = PolicyComparison.compare(run.book(), run.market(), run.history(), presets,
                new MarginCalculator.Settings(p.scenarios(), p.seed()), false);

        RollingBacktest.Result backtest = null;
        String note;
        if (run.history() == null) {
            note = "No price history was given (compute --history H), so the margin model was not backtested.";
        } else {
            try {
                backtest = BacktestSettings.DEFAULTS.run(run.book(), run.market(), run.history(), p.confidence(),
                        RiskProgress.NONE);
                note = null;
            } catch (IllegalArgumentException e) {
                note = "The backtest could not run: " + e.getMessage();
            }
        }
        PolicyCoverage coverage = run.policy() == null || run.margin() == null ? null
                : PolicyCoverage.of(run.book(), run.margin());
        return new ReportData(run, stress, episodes, spanSource, comparison, backtest, note, clock.instant(),
                coverage, PriceLadder.of(run));
    }
}

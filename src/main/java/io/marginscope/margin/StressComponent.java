package io.marginscope.margin;

import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.stress.ScanRanges;
import io.marginscope.stress.SpanArray;
import io.marginscope.stress.StressEngine;
import io.marginscope.stress.StressGrid;
import io.marginscope.stress.StressResult;
import io.marginscope.stress.StressScenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stress component of a policy: the largest weighted loss over all its scenario sets (SPAN
 * arrays and grid over the book's underlyings with a non-zero vol, moved together; library
 * episodes; custom files, already read into the policy), 0 when every scenario gains.
 */
final class StressComponent {

    private final List<StressScenario> scenarios;

    private StressComponent(List<StressScenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
    }

    /** Builds the scenario list once per book. */
    static StressComponent of(Policy.Stress stress, Portfolio book, MarketSnapshot market) {
        List<String> moved = book.underlyings().stream().filter(u -> market.asset(u).vol() > 0).toList();
        List<StressScenario> list = new ArrayList<>();
        if (stress.span() != null && !moved.isEmpty()) {
            list.addAll(SpanArray.of(moved, ranges(stress.span().priceScanRange()), stress.span().volScanRange(),
                    stress.span().extremeMultiple(), stress.span().extremeCover()));
        }
        if (stress.grid() != null && !moved.isEmpty()) {
            list.addAll(StressGrid.of(moved, ranges(stress.grid().priceRange()), stress.grid().priceSteps(),
                    stress.grid().volUp(), stress.grid().volDown()));
        }
        list.addAll(stress.scenarios());
        return new StressComponent(list);
    }

    private static ScanRanges ranges(Map<String, Double> m) {
        Map<String, Double> byAsset = new HashMap<>(m);
        Double def = byAsset.remove("default");
        return new ScanRanges(byAsset, def == null ? 0 : def);
    }

    /** The worst weighted loss at this market, USD (>= 0). */
    double worstLoss(Portfolio book, MarketSnapshot market, List<String> warnings) {
        double worst = 0;
        // one valuation of today's book for every scenario (the same numbers as one run per scenario)
        List<StressResult> results = StressEngine.runAll(book, market, scenarios);
        for (int i = 0; i < results.size(); i++) {
            StressResult r = results.get(i);
            String name = scenarios.get(i).name();
            r.errors().forEach(e -> warnings.add("stress " + name + ": " + e));
            worst = Math.max(worst, -r.weightedPnl());
        }
        return worst;
    }

    int size() {
        return scenarios.size();
    }
}

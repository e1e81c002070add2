package io.marginscope.report;

import io.marginscope.backtest.RollingBacktest;
import io.marginscope.margin.PolicyComparison;
import io.marginscope.margin.PolicyCoverage;
import io.marginscope.run.ComputeRun;
import io.marginscope.stress.StressResult;

import java.time.Instant;
import java.util.List;

/**
 * Everything a report shows about one compute run: the run itself, the stress scenarios (library
 * episodes and the SPAN array), every preset policy on the same book, and the rolling backtest
 * when a price history was given.
 *
 * @param stress        one result per scenario, episodes first, then the 16 SPAN scenarios
 * @param spanSource    where the SPAN parameters come from (the policy's block or the defaults)
 * @param comparison    every preset, a skipped one with its reason
 * @param backtest      null when no history was given or it could not run ({@code backtestNote} says why)
 * @param backtestNote  null when the backtest ran
 * @param generatedAt   when the report was made
 * @param coverage      which positions the run's policy margins (null without a policy)
 * @param ladder        margin against the price of the main underlying (null without a policy)
 */
public record ReportData(ComputeRun.Result run, List<StressResult> stress, int episodeCount, String spanSource,
                         List<PolicyComparison.Row> comparison, RollingBacktest.Result backtest, String backtestNote,
                         Instant generatedAt, PolicyCoverage coverage, PriceLadder ladder) {

    public ReportData {
        stress = List.copyOf(stress);
        comparison = List.copyOf(comparison);
    }
}

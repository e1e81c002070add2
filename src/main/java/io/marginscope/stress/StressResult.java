package io.marginscope.stress;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The P&amp;L of one book under one {@link StressScenario}, in USD.
 *
 * <p>P&amp;L = equity(shocked market) - equity(today's market), per position and in total
 * (methodology, "Stress scenarios"). For a replayed path, {@code pnl} is the worst (lowest)
 * cumulative P&amp;L over the steps, {@code positionPnl} is taken at that step ({@code worstDate}),
 * and {@code path} lists every step.
 *
 * @param scenario    the scenario's name
 * @param weight      the scenario's weight, in [0, 1]
 * @param pnl         total P&amp;L, USD (negative is a loss)
 * @param weightedPnl {@code weight * pnl}, USD: what counts towards a stress charge
 * @param positionPnl per position id, in book order, USD (NaN for a position that could not be valued)
 * @param path        P&amp;L at each step of a replay, empty for a single move
 * @param worstDate   the step of a replay whose P&amp;L is reported, null for a single move
 * @param errors      positions that could not be valued (left out of the total)
 */
public record StressResult(String scenario, double weight, double pnl, double weightedPnl,
                           Map<String, Double> positionPnl, List<StepPnl> path, LocalDate worstDate,
                           List<String> errors) {

    /** Cumulative P&amp;L from today's market to one day of a replayed episode, USD. */
    public record StepPnl(LocalDate date, double pnl) { }

    public StressResult {
        positionPnl = Collections.unmodifiableMap(new LinkedHashMap<>(positionPnl));
        path = List.copyOf(path);
        errors = List.copyOf(errors);
    }

    public boolean isPath() {
        return !path.isEmpty();
    }

    /** The most adverse result by weighted P&amp;L (the stress component's scenario); empty for no results. */
    public static Optional<StressResult> worst(List<StressResult> results) {
        return results.stream().min(Comparator.comparingDouble(StressResult::weightedPnl));
    }
}

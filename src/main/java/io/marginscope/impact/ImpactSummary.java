package io.marginscope.impact;

import java.util.List;
import java.util.Map;

/**
 * The per-policy aggregates of an impact run (docs/impact.md). Every sum runs over the accounts in
 * the order of the client base, so the figures are the same bit for bit whatever the engine or the
 * thread count.
 *
 * @param accounts    accounts read and margined (bad accounts skipped are not counted)
 * @param skipped     bad accounts left out with --skip-bad, each "account: message"
 * @param policies    totals per policy, in the order given
 * @param transitions zone transitions from the first policy to each other one
 * @param changes     distribution of the per-account change of MM from the first policy to each other one
 * @param episodes    per crash and policy (empty without episodes)
 */
public record ImpactSummary(long accounts, List<String> skipped, List<PolicyTotals> policies,
                            List<Transition> transitions, List<ChangeDistribution> changes,
                            List<EpisodeTotals> episodes) {

    /** Zones and the state of an account a policy could not margin, in matrix order. */
    public static final List<String> STATES = List.of("OK", "WARNING", "LIQUIDATION", "N/A");

    /**
     * Totals of one policy over the accounts it margined.
     *
     * @param computed           accounts with figures under this policy
     * @param notComputed        accounts the policy could not margin (left out of the sums)
     * @param initialMargin      sum of IM over the accounts that have one
     * @param initialMarginAccounts how many accounts have an IM under this policy
     * @param marginCall         sum over accounts of max(0, MM - adjusted equity)
     * @param zones              counts by zone (OK, WARNING, LIQUIDATION)
     * @param marginByUnderlying MM allocated by gross notional, summed
     * @param accountsNotCovered accounts with at least one position the policy does not margin
     * @param positionsNotCovered positions the policy does not margin, over all accounts
     */
    public record PolicyTotals(String policy, long computed, long notComputed, double equity, double adjustedEquity,
                               double maintenanceMargin, double initialMargin, long initialMarginAccounts,
                               double marginCall, Map<String, Long> zones, Map<String, Double> marginByUnderlying,
                               long accountsNotCovered, long positionsNotCovered) {
    }

    /** counts[i][j]: accounts in state STATES[i] under {@code from} and STATES[j] under {@code to}. */
    public record Transition(String from, String to, long[][] counts) {
    }

    /**
     * The per-account change of MM, {@code to} minus {@code from}, over accounts margined by both.
     *
     * @param percentiles    by level (1, 5, 10, 25, 50, 75, 90, 95, 99), linear between order statistics
     * @param histogram      equal-width bins from min to max
     * @param topIncreases   the largest increases (change > 0), largest first; fewer when fewer accounts rose
     * @param topDecreases   the largest decreases (change < 0), largest first; fewer when fewer accounts fell
     */
    public record ChangeDistribution(String from, String to, long accounts, double total, double min, double max,
                                     Map<Integer, Double> percentiles, List<Bin> histogram, List<Mover> topIncreases,
                                     List<Mover> topDecreases) {
    }

    /** A histogram bin [low, high) (the last bin includes high). */
    public record Bin(double low, double high, long count) {
    }

    /** An account's MM under both policies and the change. */
    public record Mover(long index, String account, double from, double to, double change) {
    }

    /**
     * One crash under one policy.
     *
     * @param computed          accounts with a loss and margin under the policy
     * @param shortfallAccounts accounts whose loss exceeds their equity under the policy
     * @param totalShortfall    sum of the shortfalls, USD
     * @param liquidated        accounts left below MM by the crash
     */
    public record EpisodeTotals(String episode, String policy, long computed, long shortfallAccounts,
                                double totalShortfall, long liquidated) {
    }
}

package io.marginscope.impact;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Sums account results into an {@link ImpactSummary}. Accounts must be added in the order of the
 * client base (index 0, 1, 2, ...): the sums are then the same bit for bit however the accounts were
 * computed. Holds per account only its MM change per policy (for the percentiles), not the accounts.
 */
public final class ImpactAggregator {

    /** Percentile levels of the change distribution. */
    public static final int[] LEVELS = {1, 5, 10, 25, 50, 75, 90, 95, 99};
    public static final int DEFAULT_TOP = 20;
    public static final int HISTOGRAM_BINS = 20;

    private final List<String> policies;
    private final List<String> episodes;
    private final int top;
    private long next;
    private long accounts;
    private final List<String> skipped = new ArrayList<>();
    private final PolicySums[] sums;
    private final long[][][] transitions;
    private final double[][] changes;
    private final double[] changeTotals;
    private int changeCount;
    private final List<PriorityQueue<ImpactSummary.Mover>> increases = new ArrayList<>();
    private final List<PriorityQueue<ImpactSummary.Mover>> decreases = new ArrayList<>();
    private final EpisodeSums[][] episodeSums;

    private static final Comparator<ImpactSummary.Mover> BY_INCREASE =
            Comparator.comparingDouble(ImpactSummary.Mover::change).reversed()
                    .thenComparingLong(ImpactSummary.Mover::index);
    private static final Comparator<ImpactSummary.Mover> BY_DECREASE =
            Comparator.comparingDouble(ImpactSummary.Mover::change).thenComparingLong(ImpactSummary.Mover::index);

    public ImpactAggregator(List<String> policies, List<String> episodes, int top) {
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("no policy");
        }
        this.policies = List.copyOf(policies);
        this.episodes = List.copyOf(episodes);
        this.top = top;
        int n = policies.size();
        sums = new PolicySums[n];
        for (int i = 0; i < n; i++) {
            sums[i] = new PolicySums();
        }
        transitions = new long[n][ImpactSummary.STATES.size()][ImpactSummary.STATES.size()];
        changes = new double[n][1024];
        changeTotals = new double[n];
        for (int i = 0; i < n; i++) {
            // worst at the head, so the queue keeps the best `top`
            increases.add(new PriorityQueue<>(BY_INCREASE.reversed()));
            decreases.add(new PriorityQueue<>(BY_DECREASE.reversed()));
        }
        episodeSums = new EpisodeSums[this.episodes.size()][n];
        for (EpisodeSums[] row : episodeSums) {
            for (int i = 0; i < n; i++) {
                row[i] = new EpisodeSums();
            }
        }
    }

    /** Adds the next account of the base; out of order is a programming error. */
    public void add(AccountResult r) {
        if (r.index() != next) {
            throw new IllegalStateException("account " + r.index() + " added out of order (expected " + next + ")");
        }
        next++;
        if (r.isBad()) {
            skipped.add(r.account() + ": " + r.badInput());
            return;
        }
        if (r.policies().size() != policies.size()) {
            throw new IllegalArgumentException("account " + r.account() + " has " + r.policies().size()
                    + " policies, expected " + policies.size());
        }
        accounts++;
        AccountFigures first = r.policies().get(0);
        int slot = changeCount;
        boolean anyChange = false;
        for (int p = 0; p < policies.size(); p++) {
            AccountFigures f = r.policies().get(p);
            sums[p].add(f);
            int from = state(first);
            int to = state(f);
            transitions[p][from][to]++;
            if (p > 0 && hasMargin(first) && hasMargin(f)) {
                double change = f.maintenanceMargin() - first.maintenanceMargin();
                if (slot >= changes[p].length) {
                    changes[p] = Arrays.copyOf(changes[p], changes[p].length * 2);
                }
                changes[p][slot] = change;
                anyChange = true;
                changeTotals[p] += change;
                ImpactSummary.Mover m = new ImpactSummary.Mover(r.index(), r.account(), first.maintenanceMargin(),
                        f.maintenanceMargin(), change);
                if (change > 0) {
                    offer(increases.get(p), m);
                } else if (change < 0) {
                    offer(decreases.get(p), m);
                }
            } else if (p > 0) {
                if (slot >= changes[p].length) {
                    changes[p] = Arrays.copyOf(changes[p], changes[p].length * 2);
                }
                changes[p][slot] = Double.NaN;
            }
        }
        if (anyChange || policies.size() > 1) {
            changeCount++;
        }
        for (EpisodeFigures e : r.episodes()) {
            int ei = episodes.indexOf(e.episode());
            int pi = policies.indexOf(e.policy());
            if (ei < 0 || pi < 0) {
                throw new IllegalArgumentException("unknown episode or policy: " + e.episode() + " / " + e.policy());
            }
            episodeSums[ei][pi].add(e);
        }
    }

    private void offer(PriorityQueue<ImpactSummary.Mover> q, ImpactSummary.Mover m) {
        q.add(m);
        if (q.size() > top) {
            q.poll();
        }
    }

    /** Margined with an MM (not an error, not left without margin because no position is covered). */
    private static boolean hasMargin(AccountFigures f) {
        return f.computed() && Double.isFinite(f.maintenanceMargin());
    }

    private static int state(AccountFigures f) {
        // not computed, or computed without a margin (NOT_COVERED: positions the policy does not margin): N/A
        int i = f.computed() ? ImpactSummary.STATES.indexOf(f.zone()) : -1;
        return i >= 0 ? i : ImpactSummary.STATES.size() - 1;
    }

    public ImpactSummary finish() {
        List<ImpactSummary.PolicyTotals> totals = new ArrayList<>();
        for (int p = 0; p < policies.size(); p++) {
            totals.add(sums[p].totals(policies.get(p)));
        }
        List<ImpactSummary.Transition> trans = new ArrayList<>();
        List<ImpactSummary.ChangeDistribution> dist = new ArrayList<>();
        for (int p = 1; p < policies.size(); p++) {
            trans.add(new ImpactSummary.Transition(policies.get(0), policies.get(p), transitions[p]));
            dist.add(distribution(p));
        }
        List<ImpactSummary.EpisodeTotals> eps = new ArrayList<>();
        for (int e = 0; e < episodes.size(); e++) {
            for (int p = 0; p < policies.size(); p++) {
                EpisodeSums s = episodeSums[e][p];
                eps.add(new ImpactSummary.EpisodeTotals(episodes.get(e), policies.get(p), s.computed, s.shortfallAccounts,
                        s.totalShortfall, s.liquidated));
            }
        }
        return new ImpactSummary(accounts, List.copyOf(skipped), totals, trans, dist, eps);
    }

    private ImpactSummary.ChangeDistribution distribution(int p) {
        double[] values = Arrays.stream(changes[p], 0, changeCount).filter(v -> !Double.isNaN(v)).toArray();
        Map<Integer, Double> pct = new LinkedHashMap<>();
        List<ImpactSummary.Bin> bins = new ArrayList<>();
        double min = Double.NaN;
        double max = Double.NaN;
        if (values.length > 0) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            min = sorted[0];
            max = sorted[sorted.length - 1];
            Percentile est = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
            est.setData(sorted);
            for (int level : LEVELS) {
                pct.put(level, est.evaluate(level));
            }
            bins = histogram(sorted, min, max);
        }
        List<ImpactSummary.Mover> inc = new ArrayList<>(increases.get(p));
        inc.sort(BY_INCREASE);
        List<ImpactSummary.Mover> dec = new ArrayList<>(decreases.get(p));
        dec.sort(BY_DECREASE);
        return new ImpactSummary.ChangeDistribution(policies.get(0), policies.get(p), values.length, changeTotals[p],
                min, max, pct, bins, inc, dec);
    }

    /** Equal-width bins over [min, max]; a value falls in bin floor((v - min) / width), max in the last. */
    static List<ImpactSummary.Bin> histogram(double[] sorted, double min, double max) {
        List<ImpactSummary.Bin> out = new ArrayList<>();
        if (min == max) {
            out.add(new ImpactSummary.Bin(min, max, sorted.length));
            return out;
        }
        double width = (max - min) / HISTOGRAM_BINS;
        long[] counts = new long[HISTOGRAM_BINS];
        for (double v : sorted) {
            int b = (int) Math.floor((v - min) / width);
            counts[Math.max(0, Math.min(HISTOGRAM_BINS - 1, b))]++;
        }
        for (int b = 0; b < HISTOGRAM_BINS; b++) {
            double lo = min + b * width;
            double hi = b == HISTOGRAM_BINS - 1 ? max : min + (b + 1) * width;
            out.add(new ImpactSummary.Bin(lo, hi, counts[b]));
        }
        return out;
    }

    private static final class PolicySums {
        long computed;
        long notComputed;
        double equity;
        double adjustedEquity;
        double mm;
        double im;
        long imAccounts;
        double call;
        final long[] zones = new long[3];
        final Map<String, Double> byUnderlying = new TreeMap<>();
        long accountsNotCovered;
        long positionsNotCovered;

        void add(AccountFigures f) {
            if (f.computed() && !f.notCovered().isEmpty()) {
                accountsNotCovered++;
                positionsNotCovered += f.notCovered().size();
            }
            if (!f.computed() || !Double.isFinite(f.maintenanceMargin())) {
                // no margin for this account under the policy (an error, or positions it does not cover):
                // counted apart, never summed as 0
                notComputed++;
                return;
            }
            computed++;
            equity += f.equity();
            adjustedEquity += f.adjustedEquity();
            mm += f.maintenanceMargin();
            if (!Double.isNaN(f.initialMargin())) {
                im += f.initialMargin();
                imAccounts++;
            }
            call += f.marginCall();
            zones[ImpactSummary.STATES.indexOf(f.zone())]++;
            f.marginByUnderlying().forEach((u, v) -> byUnderlying.merge(u, v, Double::sum));
        }

        ImpactSummary.PolicyTotals totals(String policy) {
            Map<String, Long> z = new LinkedHashMap<>();
            for (int i = 0; i < 3; i++) {
                z.put(ImpactSummary.STATES.get(i), zones[i]);
            }
            return new ImpactSummary.PolicyTotals(policy, computed, notComputed, equity, adjustedEquity, mm, im,
                    imAccounts, call, z, new LinkedHashMap<>(byUnderlying), accountsNotCovered, positionsNotCovered);
        }
    }

    private static final class EpisodeSums {
        long computed;
        long shortfallAccounts;
        double totalShortfall;
        long liquidated;

        void add(EpisodeFigures e) {
            if (!e.computed()) {
                return;
            }
            computed++;
            if (e.shortfall() > 0) {
                shortfallAccounts++;
                totalShortfall += e.shortfall();
            }
            if (e.liquidated()) {
                liquidated++;
            }
        }
    }
}

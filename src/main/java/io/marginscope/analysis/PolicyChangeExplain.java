package io.marginscope.analysis;

import io.marginscope.model.Loaded;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskEngine;
import io.marginscope.risk.RiskProgress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Why maintenance margin changed when a policy was edited (docs/methodology.md section 16.7): the
 * change MM(after) - MM(before) of one book on one market split over the edited fields of the
 * policy by Shapley values, as {@link MarginExplain} splits a change over five groups.
 *
 * <p>The fields are the leaves in which the two policy values differ ({@link PolicyFields}: the
 * records themselves, not a file format; a block or list present in one only, or a list whose length
 * changed, is one field). Each is a player; a coalition S is the policy {@code before} with the fields
 * of S set to their values in {@code after}, rebuilt through the policy's records (so their own checks
 * apply) and margined with {@link MarginCalculator}; its MM is v(S). With k players that is 2^k
 * evaluations (cached per distinct policy). At most {@link #MAX_PLAYERS} players: with more changed
 * fields, the {@code MAX_PLAYERS - 1} whose change alone moves MM most are players and the others form
 * one player "other fields" (n more evaluations to rank them). When a coalition is not a valid policy
 * (two fields that must change together, such as the warning and liquidation thresholds), the fields
 * are grouped by their parent block and tried again, and
 * at last all of them form one player. The name, source and description of the policy are not
 * players: they do not enter the margin.
 */
public final class PolicyChangeExplain {

    /** The most players: 2^6 = 64 evaluations. */
    public static final int MAX_PLAYERS = 6;

    /**
     * One changed field.
     *
     * @param label  the field as {@code exchange.parameters.pairs.BTC.grid.priceRange}
     * @param before its value in the first policy (null when absent)
     * @param after  its value in the second (null when absent)
     */
    public record Field(String label, Object before, Object after) {
        static Field of(PolicyFields.Change c) {
            return new Field(c.label(), c.before(), c.after());
        }
    }

    /**
     * A player of the game: one field, the fields of one block, or the other fields.
     *
     * @param label  what it is called in the output
     * @param fields the fields it moves together
     * @param part   its Shapley share of the change, USD
     */
    public record Part(String label, List<Field> fields, double part) {
        public Part {
            fields = List.copyOf(fields);
        }
    }

    /** How the fields were made players. */
    public enum Grouping {
        /** One player per field (ranked and capped above {@link #MAX_PLAYERS}). */
        FIELDS,
        /** Fields grouped by their parent block, some single-field coalitions not being valid policies. */
        BLOCKS,
        /** One player for every change. */
        ALL
    }

    /**
     * @param before       the margin under the first policy
     * @param after        the margin under the second
     * @param fields       every changed field, in document order
     * @param parts        the players and their shares, in document order ("other fields" last)
     * @param grouping     how fields became players
     * @param evaluations  margin evaluations (distinct policies)
     * @param elapsedNanos wall time, set by the caller that timed the call ({@link #withElapsedNanos}); the
     *                     engine reads no clock and leaves 0
     */
    public record Explanation(MarginResult before, MarginResult after, List<Field> fields, List<Part> parts,
                              Grouping grouping, int evaluations, long elapsedNanos) {
        public Explanation {
            fields = List.copyOf(fields);
            parts = List.copyOf(parts);
        }

        /** The same explanation with the wall time its caller measured. */
        public Explanation withElapsedNanos(long nanos) {
            return new Explanation(before, after, fields, parts, grouping, evaluations, nanos);
        }

        /** MM(after) - MM(before), USD. */
        public double change() {
            return after.maintenanceMargin() - before.maintenanceMargin();
        }

        /** change - sum of the parts: rounding only. */
        public double residual() {
            double sum = 0;
            for (Part p : parts) {
                sum += p.part();
            }
            return change() - sum;
        }
    }

    private PolicyChangeExplain() {
    }

    /** The fields in which the two policies differ, in declaration order (name and source left out). */
    public static List<Field> changedFields(Policy before, Policy after) {
        return PolicyFields.diff(before, after).stream().map(Field::of).toList();
    }

    public static Explanation explain(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history,
                                      Policy before, Policy after, MarginCalculator.Settings settings) {
        return explain(book, market, history, before, after, settings, RiskProgress.NONE);
    }

    /**
     * @throws IllegalArgumentException when a policy cannot be margined on this book (as
     *                                  {@link MarginCalculator#prepare} says)
     * @throws CancellationException    when {@code progress} asks to stop
     */
    public static Explanation explain(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history,
                                      Policy before, Policy after, MarginCalculator.Settings settings,
                                      RiskProgress progress) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Evaluator eval = new Evaluator(book, market, history, settings, progress);
        List<PolicyFields.Change> fields = PolicyFields.diff(before, after);
        List<Field> shown = fields.stream().map(Field::of).toList();
        MarginResult from = eval.result(before);
        MarginResult to = eval.result(after);
        if (fields.isEmpty()) {
            return new Explanation(from, to, shown, List.of(), Grouping.FIELDS, eval.count(),
                    0);
        }
        List<List<PolicyFields.Change>> singles = new ArrayList<>();
        fields.forEach(f -> singles.add(List.of(f)));
        List<List<PolicyFields.Change>> blocks = byParent(fields);
        IllegalArgumentException last = null;
        for (Grouping g : Grouping.values()) {
            List<List<PolicyFields.Change>> groups = switch (g) {
                case FIELDS -> singles;
                case BLOCKS -> blocks;
                case ALL -> List.of(fields);
            };
            if ((g == Grouping.BLOCKS && blocks.size() == singles.size())
                    || (g == Grouping.ALL && (blocks.size() == 1 || singles.size() == 1))) {
                continue; // the same players as the grouping tried before
            }
            try {
                List<Part> parts = shapley(groups, before, after, eval);
                return new Explanation(from, to, shown, parts, g, eval.count(), 0);
            } catch (NotAPolicy e) {
                last = e.getCause();
            }
        }
        throw new IllegalStateException("a mix of the two policies is not a policy: " + last.getMessage(), last);
    }

    /** A coalition the policy's records refuse. */
    private static final class NotAPolicy extends Exception {
        private static final long serialVersionUID = 1L;

        NotAPolicy(IllegalArgumentException cause) {
            super(cause);
        }

        @Override
        public synchronized IllegalArgumentException getCause() {
            return (IllegalArgumentException) super.getCause();
        }
    }

    /** Shapley values of the groups (capped at MAX_PLAYERS); NotAPolicy when a coalition is not a policy. */
    private static List<Part> shapley(List<List<PolicyFields.Change>> groups, Policy before, Policy after,
                                      Evaluator eval) throws NotAPolicy {
        List<List<PolicyFields.Change>> players = new ArrayList<>(groups);
        List<String> labels = new ArrayList<>();
        eval.expect(groups.size() > MAX_PLAYERS ? groups.size() + (1 << MAX_PLAYERS) : 1 << groups.size());
        if (players.size() > MAX_PLAYERS) {
            double v0 = eval.mm(before);
            Map<List<PolicyFields.Change>, Double> effect = new HashMap<>();
            for (List<PolicyFields.Change> p : players) {
                effect.put(p, Math.abs(eval.mm(coalition(before, p)) - v0));
            }
            List<List<PolicyFields.Change>> ranked = new ArrayList<>(players);
            ranked.sort(Comparator.comparingDouble((List<PolicyFields.Change> p) -> -effect.get(p)));
            Set<List<PolicyFields.Change>> kept = new LinkedHashSet<>(ranked.subList(0, MAX_PLAYERS - 1));
            List<List<PolicyFields.Change>> next = new ArrayList<>();
            List<PolicyFields.Change> rest = new ArrayList<>();
            for (List<PolicyFields.Change> p : players) {
                if (kept.contains(p)) {
                    next.add(p);
                } else {
                    rest.addAll(p);
                }
            }
            next.add(rest);
            players = next;
            for (int i = 0; i < players.size() - 1; i++) {
                labels.add(label(players.get(i)));
            }
            labels.add("other fields (" + rest.size() + ")");
        } else {
            players.forEach(p -> labels.add(label(p)));
        }
        int n = players.size();
        int count = 1 << n;
        double[] v = new double[count];
        for (int mask = 0; mask < count; mask++) {
            if (mask == 0) {
                v[mask] = eval.mm(before);
            } else if (mask == count - 1) {
                v[mask] = eval.mm(after);
            } else {
                List<PolicyFields.Change> moved = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if ((mask & (1 << i)) != 0) {
                        moved.addAll(players.get(i));
                    }
                }
                v[mask] = eval.mm(coalition(before, moved));
            }
        }
        double[] factorial = new double[n + 1];
        factorial[0] = 1;
        for (int i = 1; i <= n; i++) {
            factorial[i] = factorial[i - 1] * i;
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int bit = 1 << i;
            double phi = 0;
            for (int mask = 0; mask < count; mask++) {
                if ((mask & bit) != 0) {
                    continue;
                }
                int size = Integer.bitCount(mask);
                phi += factorial[size] * factorial[n - size - 1] / factorial[n] * (v[mask | bit] - v[mask]);
            }
            parts.add(new Part(labels.get(i), players.get(i).stream().map(Field::of).toList(), phi));
        }
        return parts;
    }

    private static String label(List<PolicyFields.Change> group) {
        if (group.size() == 1) {
            return group.get(0).label();
        }
        List<PolicyFields.Step> parent = group.get(0).parent();
        boolean same = group.stream().allMatch(f -> f.parent().equals(parent));
        String block = new PolicyFields.Change(parent, null, null).label();
        return (same ? block : group.get(0).label() + " …") + " (" + group.size() + " fields)";
    }

    private static List<List<PolicyFields.Change>> byParent(List<PolicyFields.Change> fields) {
        Map<List<PolicyFields.Step>, List<PolicyFields.Change>> m = new LinkedHashMap<>();
        for (PolicyFields.Change f : fields) {
            m.computeIfAbsent(f.parent(), k -> new ArrayList<>()).add(f);
        }
        return new ArrayList<>(m.values());
    }

    /** The policy {@code before} with the given fields set to their {@code after} values. */
    private static Policy coalition(Policy before, List<PolicyFields.Change> moved) throws NotAPolicy {
        try {
            return PolicyFields.patch(before, moved);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotAPolicy(e instanceof IllegalArgumentException iae ? iae
                    : new IllegalArgumentException(e.getMessage(), e));
        }
    }

    /** MM of a policy on the fixed book and market, one evaluation per distinct policy. */
    private static final class Evaluator {
        private final Portfolio book;
        private final MarketSnapshot market;
        private final Loaded<PriceHistory> history;
        private final MarginCalculator.Settings settings;
        private final RiskProgress progress;
        private final Map<Policy, MarginResult> done = new HashMap<>();
        private int expected = 1 << MAX_PLAYERS;

        Evaluator(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history,
                  MarginCalculator.Settings settings, RiskProgress progress) {
            this.book = book;
            this.market = market;
            this.history = history;
            this.settings = settings;
            this.progress = progress;
        }

        MarginResult result(Policy p) {
            MarginResult r = done.get(p);
            if (r == null) {
                if (progress.cancelled()) {
                    throw new CancellationException("policy change explanation cancelled");
                }
                r = new MarginCalculator(new RiskEngine()).prepare(book, market, history, p, settings).at(market);
                done.put(p, r);
                progress.update(Math.min(0.99, done.size() / (double) expected));
            }
            return r;
        }

        void expect(int evaluations) {
            expected = Math.max(evaluations, done.size() + 1);
        }

        double mm(Policy p) {
            return result(p).maintenanceMargin();
        }

        int count() {
            return done.size();
        }
    }
}

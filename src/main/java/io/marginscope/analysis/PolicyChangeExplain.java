package io.marginscope.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.io.InputException;
import io.marginscope.io.Loaded;
import io.marginscope.io.LocatedJson;
import io.marginscope.io.PolicyJson;
import io.marginscope.io.TextSource;
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
 * <p>The fields are the leaves in which the two policies' JSON ({@link PolicyJson#write}) differ
 * (a block or list present in one only, or a list whose length changed, is one field). Each is a
 * player; a coalition S is the policy {@code before} with the fields of S set to their values in
 * {@code after}, read back by {@link PolicyJson} (so it is validated as a file would be) and
 * margined with {@link MarginCalculator}; its MM is v(S). With k players that is 2^k evaluations
 * (cached per distinct policy). At most {@link #MAX_PLAYERS} players: with more changed fields,
 * the {@code MAX_PLAYERS - 1} whose change alone moves MM most are players and the others form one
 * player "other fields" (n more evaluations to rank them). When a coalition is not a valid policy
 * (two fields that must change together, such as the warning and liquidation thresholds or the
 * floors of a bracket table), the fields are grouped by their parent block and tried again, and
 * at last all of them form one player. The name, source and description of the policy are not
 * players: they do not enter the margin.
 */
public final class PolicyChangeExplain {

    /** The most players: 2^6 = 64 evaluations. */
    public static final int MAX_PLAYERS = 6;

    private static final Set<String> TEXT_ONLY = Set.of("/name", "/source", "/description");

    /**
     * One changed field.
     *
     * @param pointer JSON Pointer of the field in the policy JSON
     * @param label   the field as {@code exchange.parameters.pairs.BTC.priceRange}
     * @param before  its value in the first policy (a missing node when absent)
     * @param after   its value in the second (a missing node when absent)
     */
    public record Field(String pointer, String label, JsonNode before, JsonNode after) {
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
     * @param elapsedNanos wall time
     */
    public record Explanation(MarginResult before, MarginResult after, List<Field> fields, List<Part> parts,
                              Grouping grouping, int evaluations, long elapsedNanos) {
        public Explanation {
            fields = List.copyOf(fields);
            parts = List.copyOf(parts);
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

    /** The fields in which the two policies differ, in document order (name, source and description left out). */
    public static List<Field> changedFields(Policy before, Policy after) {
        List<Field> out = new ArrayList<>();
        diff("", PolicyJson.write(before), PolicyJson.write(after), out);
        out.removeIf(f -> TEXT_ONLY.contains(f.pointer()));
        return out;
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
        long t0 = System.nanoTime();
        Evaluator eval = new Evaluator(book, market, history, settings, progress);
        ObjectNode base = PolicyJson.write(before);
        List<Field> fields = changedFields(before, after);
        MarginResult from = eval.result(before);
        MarginResult to = eval.result(after);
        if (fields.isEmpty()) {
            return new Explanation(from, to, fields, List.of(), Grouping.FIELDS, eval.count(),
                    System.nanoTime() - t0);
        }
        List<List<Field>> singles = new ArrayList<>();
        fields.forEach(f -> singles.add(List.of(f)));
        List<List<Field>> blocks = byParent(fields);
        InputException last = null;
        for (Grouping g : Grouping.values()) {
            List<List<Field>> groups = switch (g) {
                case FIELDS -> singles;
                case BLOCKS -> blocks;
                case ALL -> List.of(fields);
            };
            if ((g == Grouping.BLOCKS && blocks.size() == singles.size())
                    || (g == Grouping.ALL && (blocks.size() == 1 || singles.size() == 1))) {
                continue; // the same players as the grouping tried before
            }
            try {
                List<Part> parts = shapley(groups, base, before, after, eval);
                return new Explanation(from, to, fields, parts, g, eval.count(), System.nanoTime() - t0);
            } catch (InputException e) {
                last = e;
            }
        }
        throw new IllegalStateException("a mix of the two policies does not read back: " + last.getMessage(), last);
    }

    /** Shapley values of the groups (capped at MAX_PLAYERS); InputException when a coalition is not a policy. */
    private static List<Part> shapley(List<List<Field>> groups, ObjectNode base, Policy before, Policy after,
                                      Evaluator eval) throws InputException {
        List<List<Field>> players = new ArrayList<>(groups);
        List<String> labels = new ArrayList<>();
        eval.expect(groups.size() > MAX_PLAYERS ? groups.size() + (1 << MAX_PLAYERS) : 1 << groups.size());
        if (players.size() > MAX_PLAYERS) {
            double v0 = eval.mm(before);
            Map<List<Field>, Double> effect = new HashMap<>();
            for (List<Field> p : players) {
                effect.put(p, Math.abs(eval.mm(coalition(base, p)) - v0));
            }
            List<List<Field>> ranked = new ArrayList<>(players);
            ranked.sort(Comparator.comparingDouble((List<Field> p) -> -effect.get(p)));
            Set<List<Field>> kept = new LinkedHashSet<>(ranked.subList(0, MAX_PLAYERS - 1));
            List<List<Field>> next = new ArrayList<>();
            List<Field> rest = new ArrayList<>();
            for (List<Field> p : players) {
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
                List<Field> moved = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if ((mask & (1 << i)) != 0) {
                        moved.addAll(players.get(i));
                    }
                }
                v[mask] = eval.mm(coalition(base, moved));
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
            parts.add(new Part(labels.get(i), players.get(i), phi));
        }
        return parts;
    }

    private static String label(List<Field> group) {
        if (group.size() == 1) {
            return group.get(0).label();
        }
        String parent = parentOf(group.get(0).pointer());
        boolean same = group.stream().allMatch(f -> parentOf(f.pointer()).equals(parent));
        return (same ? display(parent) : group.get(0).label() + " …") + " (" + group.size() + " fields)";
    }

    private static List<List<Field>> byParent(List<Field> fields) {
        Map<String, List<Field>> m = new LinkedHashMap<>();
        for (Field f : fields) {
            m.computeIfAbsent(parentOf(f.pointer()), k -> new ArrayList<>()).add(f);
        }
        return new ArrayList<>(m.values());
    }

    private static String parentOf(String pointer) {
        int cut = pointer.lastIndexOf('/');
        return cut <= 0 ? "" : pointer.substring(0, cut);
    }

    /** The policy {@code base} with the given fields set to their {@code after} values. */
    static Policy coalition(ObjectNode base, List<Field> moved) throws InputException {
        ObjectNode copy = base.deepCopy();
        for (Field f : moved) {
            set(copy, f.pointer(), f.after());
        }
        return PolicyJson.read(new TextSource("edited policy", PolicyJson.text(copy)), "edited");
    }

    private static void set(ObjectNode root, String pointer, JsonNode value) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, cut));
        String key = pointer.substring(cut + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            if (value == null || value.isMissingNode()) {
                o.remove(key);
            } else {
                o.set(key, value.deepCopy());
            }
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(key), value.deepCopy());
        } else {
            throw new IllegalStateException("no parent at " + pointer);
        }
    }

    private static void diff(String ptr, JsonNode a, JsonNode b, List<Field> out) {
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                String p = ptr + "/" + LocatedJson.escape(k);
                JsonNode x = a.path(k);
                JsonNode y = b.path(k);
                if (x.isMissingNode() || y.isMissingNode()) {
                    out.add(new Field(p, display(p), x, y));
                } else {
                    diff(p, x, y, out);
                }
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(ptr + "/" + i, a.get(i), b.get(i), out);
            }
        } else {
            out.add(new Field(ptr, display(ptr), a, b));
        }
    }

    /** {@code /exchange/parameters/pairs/BTC/priceRange} as {@code exchange.parameters.pairs.BTC.priceRange}, indexes as [i]. */
    static String display(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String key = part.replace("~1", "/").replace("~0", "~");
            if (key.matches("\\d+") && !sb.isEmpty()) {
                sb.append('[').append(key).append(']');
            } else {
                sb.append(sb.isEmpty() ? "" : ".").append(key);
            }
        }
        return sb.isEmpty() ? "(policy)" : sb.toString();
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

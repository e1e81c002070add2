package io.marginscope.margin;

import io.marginscope.margin.exchange.MarginBreakdown;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which positions of a book a policy margins. A policy with a base or a stress block revalues the
 * whole book, so it covers every position. A policy that margins through an exchange model alone
 * ({@code binance-tiered}, {@code deribit-standard}, ...) covers only what that model margins: the
 * positions it names in {@link MarginBreakdown#errors()} ("id: reason") are not covered and add
 * nothing to MM. Collateral (SPOT rows) carries no margin under any policy and counts as covered.
 *
 * <p>Derived from the exchange models' own error lists, in this one place, so that a margin
 * result that carries its coverage can replace it.
 *
 * @param positions  the book's positions
 * @param collateral how many of them are collateral (SPOT)
 * @param notCovered position id to the reason it is not margined, in book order
 */
public record PolicyCoverage(String policy, int positions, int collateral, Map<String, String> notCovered) {

    public PolicyCoverage {
        notCovered = Collections.unmodifiableMap(new LinkedHashMap<>(notCovered));
    }

    /** Every position covered. */
    public static PolicyCoverage full(String policy, Portfolio book) {
        return new PolicyCoverage(policy, book.positions().size(), collateral(book), Map.of());
    }

    public static PolicyCoverage of(Policy policy, Portfolio book, MarketSnapshot market) {
        if (policy.base() != null || policy.stress() != null || policy.exchange() == null) {
            return full(policy.name(), book);
        }
        MarginBreakdown b = policy.exchange().parameters().compute(book, market);
        Map<String, String> missing = new LinkedHashMap<>();
        for (Position p : book.positions()) {
            for (String e : b.errors()) {
                if (e.startsWith(p.id() + ": ")) {
                    missing.putIfAbsent(p.id(), e.substring(p.id().length() + 2));
                }
            }
        }
        return new PolicyCoverage(policy.name(), book.positions().size(), collateral(book), missing);
    }

    private static int collateral(Portfolio book) {
        return (int) book.positions().stream().filter(p -> p.type() == InstrumentType.SPOT).count();
    }

    /** Some position with a margin to charge is not margined. */
    public boolean partial() {
        return !notCovered.isEmpty();
    }

    /** No position that carries margin is margined: MM and the ratio do not exist for this book. */
    public boolean none() {
        return !notCovered.isEmpty() && notCovered.size() >= positions - collateral;
    }

    /** "full", "partial" or "none" (the JSON's coverage status). */
    public String status() {
        return none() ? "none" : partial() ? "partial" : "full";
    }

    /**
     * "partial: 4 of 7 positions not margined by binance-tiered", "none: ..." or "all 7 positions
     * margined by ramm".
     */
    public String summary() {
        if (!partial()) {
            return "all " + positions + " positions margined by " + policy;
        }
        return status() + ": " + notCovered.size() + " of " + positions + " positions not margined by " + policy;
    }

    /** Why the margin ratio does not exist for this policy, or null when it may. */
    public String ratioUndefinedReason() {
        return none() ? policy + " margins none of the book's positions" : null;
    }
}

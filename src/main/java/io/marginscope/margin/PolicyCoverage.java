package io.marginscope.margin;

import io.marginscope.model.InstrumentType;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which positions of a book a policy margins, read from the margin result that policy gave. A
 * policy's exchange block ({@code binance-tiered}, {@code deribit-standard}, {@code deribit-pm}, ...)
 * margins only what its model can: the positions the model names in its errors ("id: reason") are
 * not covered, and then the result has no MM, IM or ratio ({@link MarginResult#covered()}). A policy
 * without an exchange block revalues the whole book and covers every position. Collateral (SPOT rows)
 * carries no margin under any policy and counts as covered.
 *
 * @param positions  the book's positions
 * @param collateral how many of them are collateral (SPOT)
 * @param notCovered position id to the reason it is not margined, in book order
 */
public record PolicyCoverage(String policy, int positions, int collateral, Map<String, String> notCovered) {

    public PolicyCoverage {
        notCovered = Collections.unmodifiableMap(new LinkedHashMap<>(notCovered));
    }

    /**
     * The coverage of a margin result: the positions its policy could not margin, read from the result
     * itself ({@link MarginResult#notCovered()}, each "position id: reason"), so the coverage shown
     * beside a margin is the one that made it. A line that names no position of the book is kept under
     * its own text.
     */
    public static PolicyCoverage of(Portfolio book, MarginResult result) {
        Map<String, String> missing = new LinkedHashMap<>();
        List<String> left = new ArrayList<>(result.notCovered());
        for (Position p : book.positions()) {
            String prefix = p.id() + ": ";
            for (var it = left.iterator(); it.hasNext(); ) {
                String e = it.next();
                if (e.startsWith(prefix)) {
                    missing.putIfAbsent(p.id(), e.substring(prefix.length()));
                    it.remove();
                }
            }
        }
        for (String e : left) {
            missing.putIfAbsent(e, e);
        }
        return new PolicyCoverage(result.policy(), book.positions().size(), collateral(book), missing);
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

package io.marginscope.model;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A book of positions, as loaded from one file.
 *
 * @param name      display name (usually the file name)
 * @param source    where it came from (a path or resource name), for messages
 * @param positions positions in file order; ids are unique
 * @param tier      the account's counterparty tier (a {@code # tier: B} comment line of a portfolio CSV, or
 *                  a state file's {@code tier}), upper case; null when the account names none and the
 *                  policy's default applies
 */
public record Portfolio(String name, String source, List<Position> positions, String tier) {

    public Portfolio {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        positions = List.copyOf(positions);
        Set<String> ids = new HashSet<>();
        for (Position p : positions) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("duplicate position id " + p.id());
            }
        }
        if (tier != null) {
            tier = tier.trim().toUpperCase(java.util.Locale.ROOT);
            if (tier.isEmpty()) {
                throw new IllegalArgumentException("empty tier");
            }
        }
    }

    /** A book without a tier of its own. */
    public Portfolio(String name, String source, List<Position> positions) {
        this(name, source, positions, null);
    }

    public Portfolio(String name, List<Position> positions) {
        this(name, name, positions);
    }

    /** The same book with another counterparty tier (null: the policy's default). */
    public Portfolio withTier(String newTier) {
        return new Portfolio(name, source, positions, newTier);
    }

    /** The same account with other positions. */
    public Portfolio withPositions(List<Position> newPositions) {
        return new Portfolio(name, source, newPositions, tier);
    }

    /** Underlyings in order of first appearance. */
    public Set<String> underlyings() {
        Set<String> out = new LinkedHashSet<>();
        positions.forEach(p -> out.add(p.underlying()));
        return out;
    }

    public int size() {
        return positions.size();
    }
}

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
 */
public record Portfolio(String name, String source, List<Position> positions) {

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
    }

    public Portfolio(String name, List<Position> positions) {
        this(name, name, positions);
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

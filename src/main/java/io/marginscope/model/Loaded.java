package io.marginscope.model;

import java.util.List;

/**
 * Something read from a file, with the non-fatal remarks made while reading it (unknown columns,
 * skipped empty positions, converted units).
 */
public record Loaded<T>(T value, List<String> warnings) {
    public Loaded {
        warnings = List.copyOf(warnings);
    }
}

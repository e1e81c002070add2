package io.marginscope.risk;

import java.util.List;

/**
 * Daily log returns of several assets on their common dates, with what the analyst should know
 * about how they were built (gaps in the data, a history that ends before the snapshot).
 */
public record AlignedReturns(ReturnSeries returns, List<String> warnings) {
    public AlignedReturns {
        warnings = List.copyOf(warnings);
    }
}

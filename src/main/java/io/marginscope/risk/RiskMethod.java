package io.marginscope.risk;

import java.util.Locale;

/** How VaR and ES are measured (see docs/methodology.md, "Risk methods"). */
public enum RiskMethod {
    /** Delta-normal; delta-gamma with a Cornish-Fisher quantile when the book has gamma. */
    PARAMETRIC,
    /** Full revaluation under each overlapping h-day historical return vector of the window. */
    HISTORICAL,
    /** Filtered historical simulation: historical returns rescaled by today's vol over that date's vol. */
    FHS,
    /** Correlated normal or Student-t h-day log returns, full revaluation. */
    MONTECARLO;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean simulates() {
        return this != PARAMETRIC;
    }

    public boolean needsHistory() {
        return this == HISTORICAL || this == FHS;
    }

    public static RiskMethod parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}

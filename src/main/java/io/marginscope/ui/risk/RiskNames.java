package io.marginscope.ui.risk;

import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.VolModels;

/** The analyst's names for the risk methods and vol models, as the workstation shows them. */
final class RiskNames {

    private RiskNames() {
    }

    static String method(RiskMethod m) {
        return switch (m) {
            case PARAMETRIC -> "Parametric";
            case HISTORICAL -> "Historical simulation";
            case FHS -> "Filtered historical (FHS)";
            case MONTECARLO -> "Monte Carlo";
        };
    }

    static String methodDetail(RiskMethod m) {
        return switch (m) {
            case PARAMETRIC -> "Delta-normal closed form; delta-gamma with a Cornish-Fisher quantile when the book "
                    + "has gamma. No scenarios.";
            case HISTORICAL -> "Full revaluation under each overlapping h-day return of the history window.";
            case FHS -> "Historical returns rescaled by today's vol over that day's conditional vol, "
                    + "then full revaluation.";
            case MONTECARLO -> "Correlated normal h-day log returns from the vols and correlations, "
                    + "full revaluation, seeded.";
        };
    }

    static String volModel(String name) {
        return switch (VolModels.normalise(name)) {
            case VolModels.SNAPSHOT -> "Snapshot";
            case VolModels.HISTORICAL -> "Historical";
            case VolModels.EWMA -> "EWMA";
            case VolModels.GARCH -> "GARCH(1,1)";
            default -> name;
        };
    }
}

package io.marginscope.risk;

/** The drift and scale that turn a method's unit scenarios into h-day log returns (see ScenarioSet). */
final class Scalings {

    private Scalings() {
    }

    static ScenarioSet.Scaling of(RiskFactors f, RiskParameters p, double daysPerYear) {
        int na = f.size();
        double[] drift = new double[na];
        double[] scale = new double[na];
        double[] volShift = new double[na];
        double horizon = p.horizonYears(daysPerYear);
        for (int a = 0; a < na; a++) {
            double vol = f.vols()[a];
            switch (p.method()) {
                case MONTECARLO -> {
                    // martingale log returns: mean -sd^2/2 so that E[S1] = S0
                    double sd = vol * Math.sqrt(horizon);
                    scale[a] = sd;
                    drift[a] = -0.5 * sd * sd;
                    volShift[a] = p.volOfVol() * vol * Math.sqrt(horizon);
                }
                case FHS -> {
                    boolean filtered = f.history() != null && f.history().returns()[a] != null;
                    // today's daily vol; assets without history carry h-day draws already
                    scale[a] = filtered ? vol / Math.sqrt(daysPerYear) : 1.0;
                }
                default -> scale[a] = 1.0;
            }
        }
        return new ScenarioSet.Scaling(drift, scale, volShift);
    }
}

package io.marginscope.risk;

/**
 * The analyst's vol from the market snapshot ({@code assets[A].vol}): nothing is estimated and the
 * returns are not read. The forecast is the given annual vol whatever the horizon; the conditional
 * daily vol is {@code annualVol / sqrt(daysPerYear)} for every t (filtered historical simulation
 * then only rescales by a constant).
 *
 * @param annualVol   annualised vol, decimal, at least 0
 * @param daysPerYear the year basis used to turn it into a daily vol
 */
public record SnapshotVol(double annualVol, double daysPerYear) implements VolatilityModel {

    public SnapshotVol {
        if (!(annualVol >= 0) || !Double.isFinite(annualVol)) {
            throw new IllegalArgumentException("snapshot vol must be finite and at least 0, got " + annualVol);
        }
        ReturnStats.checkHorizon(1, daysPerYear);
    }

    /** On a 365-day year. */
    public SnapshotVol(double annualVol) {
        this(annualVol, 365);
    }

    @Override
    public String name() {
        return "snapshot";
    }

    /** The given annual vol; the returns, the horizon and the year basis do not change it. */
    @Override
    public double forecastAnnualVol(double[] dailyReturns, int horizonDays, double daysPerYear) {
        return annualVol;
    }

    @Override
    public double[] conditionalDailyVols(double[] dailyReturns) {
        double[] sigma = new double[dailyReturns.length];
        java.util.Arrays.fill(sigma, annualVol / Math.sqrt(daysPerYear));
        return sigma;
    }
}

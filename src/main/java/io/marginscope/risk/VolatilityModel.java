package io.marginscope.risk;

/**
 * A volatility model estimated on daily log returns (finmath-style: one small interface, several
 * implementations: snapshot, historical, EWMA, GARCH(1,1)).
 */
public interface VolatilityModel {

    /** The name used on the command line: snapshot, historical, ewma, garch. */
    String name();

    /**
     * Annualised vol forecast of one asset's returns over the next {@code horizonDays} days after
     * the end of {@code dailyReturns}: sqrt(sum of the forecast daily variances over the horizon
     * * daysPerYear / horizonDays), so that vol * sqrt(horizonDays / daysPerYear) is the
     * horizon's standard deviation.
     */
    double forecastAnnualVol(double[] dailyReturns, int horizonDays, double daysPerYear);

    /**
     * The model's daily conditional vol for each return, sigma[t] using returns before t only
     * (used by filtered historical simulation to devolatilise return t). Length equals the input.
     */
    double[] conditionalDailyVols(double[] dailyReturns);
}

package io.marginscope.risk;

import java.util.List;

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

    /**
     * {@link #forecastAnnualVol} with the model actually used and any warning. Models that may fall
     * back to another (GARCH to EWMA when the fit fails) override it to say so; the default has none.
     */
    default VolForecast estimate(double[] dailyReturns, int horizonDays, double daysPerYear) {
        return new VolForecast(forecastAnnualVol(dailyReturns, horizonDays, daysPerYear), name(), List.of());
    }
}

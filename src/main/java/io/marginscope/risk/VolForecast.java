package io.marginscope.risk;

import java.util.List;

/**
 * A vol forecast with its provenance.
 *
 * @param annualVol annualised vol over the horizon (decimal, 0.55 = 55%), as
 *                  {@link VolatilityModel#forecastAnnualVol}
 * @param model     the model that produced it (garch, or ewma when GARCH fell back)
 * @param warnings  what the analyst should know (a fit that failed, a short series)
 */
public record VolForecast(double annualVol, String model, List<String> warnings) {
    public VolForecast {
        warnings = List.copyOf(warnings);
    }
}

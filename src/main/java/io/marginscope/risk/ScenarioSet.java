package io.marginscope.risk;

import java.time.LocalDate;
import java.util.List;

/**
 * A set of h-day scenarios for the risk factors, stored as flat primitive arrays (scenario-major,
 * {@code base[s * assets + a]}) so the revaluation loop touches no objects.
 * <p>
 * The scenarios are kept in a unit form that does not depend on spot or vol: the log return of
 * asset a in scenario s is {@code drift[a] + scale[a] * base[s * n + a]} where {@link Scaling}
 * carries drift and scale. Monte Carlo stores correlated unit draws (scale = vol * sqrt(h / year));
 * filtered historical simulation stores devolatilised returns (scale = today's daily vol);
 * historical simulation stores the returns themselves (scale 1, drift 0). So when only spot or vol
 * inputs change the same set is reused with a new {@link Scaling}.
 *
 * @param assets       risk factors, in the order of the columns
 * @param count        number of scenarios
 * @param base         count * assets unit returns
 * @param volShiftBase count * assets unit implied-vol shifts, or null when vols are not shocked
 * @param labels       the end date of each historical scenario, or empty for Monte Carlo
 * @param description  how it was generated, for reports
 */
public record ScenarioSet(List<String> assets, int count, double[] base, double[] volShiftBase,
                          List<LocalDate> labels, String description) {

    public ScenarioSet {
        assets = List.copyOf(assets);
        labels = List.copyOf(labels);
        if (base.length != count * assets.size()) {
            throw new IllegalArgumentException("base must hold count * assets values");
        }
        if (volShiftBase != null && volShiftBase.length != base.length) {
            throw new IllegalArgumentException("vol shifts must match the returns");
        }
    }

    public int assetCount() {
        return assets.size();
    }

    /**
     * Turns unit scenarios into log returns and additive implied-vol shifts:
     * r = drift[a] + scale[a] * base, dv = volShiftScale[a] * volShiftBase.
     */
    public record Scaling(double[] drift, double[] scale, double[] volShiftScale) {

        public static Scaling identity(int assets) {
            double[] one = new double[assets];
            java.util.Arrays.fill(one, 1.0);
            return new Scaling(new double[assets], one, new double[assets]);
        }
    }
}

package io.marginscope.risk;

import java.util.List;

/**
 * The risk factors of a book: its underlyings with the vol used for each and their correlation.
 *
 * @param assets      underlyings of the book, in order of first appearance
 * @param vols        annualised vol used per asset (reported as {@code volatilities})
 * @param correlation correlation matrix, positive semi-definite
 * @param history     daily log returns for historical methods (rows null for assets without history), or null
 * @param warnings    fallbacks and repairs made while building them
 */
public record RiskFactors(List<String> assets, double[] vols, double[][] correlation, FactorHistory history,
                          List<String> warnings) {

    public RiskFactors {
        assets = List.copyOf(assets);
        warnings = List.copyOf(warnings);
    }

    /**
     * Returns of the factors for historical simulation.
     *
     * @param dates    the end date of each daily return in the window, oldest first
     * @param returns  [asset][t] daily log returns; null for an asset without history
     * @param condVols [asset][t] the filter model's daily conditional vol of each return, for FHS (null rows allowed)
     * @param identity a description of the data, part of the scenario cache key
     */
    public record FactorHistory(List<java.time.LocalDate> dates, double[][] returns, double[][] condVols,
                                String identity) {
    }

    public int size() {
        return assets.size();
    }
}

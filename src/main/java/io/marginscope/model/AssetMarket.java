package io.marginscope.model;

/**
 * Market inputs for one asset.
 *
 * @param spot          index price in USD, positive
 * @param vol           annualised volatility (decimal), the analyst's default for the asset
 * @param rate          continuously compounded annual rate used for the forward
 * @param dividendYield continuously compounded yield (staking, lending), default 0
 * @param advUsd        average daily traded volume in USD, NaN when not given
 */
public record AssetMarket(double spot, double vol, double rate, double dividendYield, double advUsd) {

    public AssetMarket {
        if (!(spot > 0) || !Double.isFinite(spot)) {
            throw new IllegalArgumentException("spot must be positive");
        }
        if (!(vol >= 0) || !Double.isFinite(vol)) {
            throw new IllegalArgumentException("vol must be >= 0");
        }
        if (!Double.isFinite(rate) || !Double.isFinite(dividendYield)) {
            throw new IllegalArgumentException("rate and dividendYield must be finite");
        }
    }

    public AssetMarket withSpot(double newSpot) {
        return new AssetMarket(newSpot, vol, rate, dividendYield, advUsd);
    }

    public AssetMarket withVol(double newVol) {
        return new AssetMarket(spot, newVol, rate, dividendYield, advUsd);
    }

    public boolean hasAdv() {
        return Double.isFinite(advUsd);
    }
}

package io.marginscope.backtest;

import io.marginscope.model.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskProgress;

import java.util.Locale;

/**
 * The one set of settings of the rolling backtest of a book: {@code marginscope backtest}'s
 * defaults, the Backtest tab, and the backtest pages of the report made by the workstation and by
 * {@code compute --pdf} all use {@link #DEFAULTS} at the run's confidence, so the same book, market
 * and history give the same exceptions everywhere. The string constants are the CLI's option
 * defaults (picocli needs constants).
 *
 * @param method        VaR/ES method of each day's forecast
 * @param volModel      vol model of each day's forecast (an estimated one, so that the VaR follows the market)
 * @param ewmaLambda    EWMA decay
 * @param horizonDays   backtest horizon; periods do not overlap
 * @param windowDays    estimation window before each day
 * @param scenarios     Monte Carlo scenarios a day (montecarlo only)
 * @param seed          seed of the Monte Carlo scenarios and of the ES test's simulation
 * @param esSimulations simulated samples of the ES test's p-value
 */
public record BacktestSettings(RiskMethod method, String volModel, double ewmaLambda, int horizonDays,
                               int windowDays, int scenarios, long seed, int esSimulations) {

    public static final String CONFIDENCE = "0.99";
    public static final String METHOD = "parametric";
    public static final String VOL_MODEL = "ewma";
    public static final String EWMA_LAMBDA = "0.94";
    public static final String HORIZON_DAYS = "1";
    public static final String WINDOW_DAYS = "250";
    public static final String SCENARIOS = "10000";
    public static final String SEED = "42";
    public static final String ES_SIMULATIONS = "10000";

    /** Basel's daily backtest over a 250-day window, parametric with an EWMA vol (CLI defaults). */
    public static final BacktestSettings DEFAULTS = new BacktestSettings(RiskMethod.parse(METHOD), VOL_MODEL,
            Double.parseDouble(EWMA_LAMBDA), Integer.parseInt(HORIZON_DAYS), Integer.parseInt(WINDOW_DAYS),
            Integer.parseInt(SCENARIOS), Long.parseLong(SEED), Integer.parseInt(ES_SIMULATIONS));

    /** The risk parameters of each day's forecast at {@code confidence}. */
    public RiskParameters parameters(double confidence) {
        return new RiskParameters(confidence, horizonDays, method, volModel, ewmaLambda, windowDays, scenarios, seed,
                0, 0);
    }

    /** The ES test's simulation: normal predictive, {@link #esSimulations} samples, {@link #seed}. */
    public EsSimulation simulation() {
        return new EsSimulation(Predictive.normal(), esSimulations, seed);
    }

    /** The rolling backtest of {@code book} over {@code history} with these settings at {@code confidence}. */
    public RollingBacktest.Result run(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history,
                                      double confidence, RiskProgress progress) {
        return RollingBacktest.run(book, market, history, parameters(confidence), simulation(), progress);
    }

    /** "parametric, vol model ewma (lambda 0.94), 99%, 1-day, 250-day window": what a label names. */
    public String describe(double confidence) {
        String c = String.format(Locale.ROOT, "%.2f", confidence * 100).replaceAll("\\.?0+$", "") + "%";
        return method.cliName() + ", vol model " + volModel + (volModel.equals("ewma")
                ? " (lambda " + String.format(Locale.ROOT, "%.2f", ewmaLambda) + ")" : "") + ", " + c + ", "
                + horizonDays + "-day, " + windowDays + "-day window"
                + (method == RiskMethod.MONTECARLO ? ", " + scenarios + " scenarios a day, seed " + seed : "");
    }
}

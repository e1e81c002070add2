package io.marginscope.risk;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

import java.util.List;

/**
 * GARCH(1,1) vol of daily log returns, zero mean:
 * {@code sigma2[t+1] = omega + alpha * r[t]^2 + beta * sigma2[t]}, with {@code sigma2[0]} the
 * sample variance of the returns (mean subtracted, n - 1).
 *
 * <p>Fit: maximum likelihood, Gaussian, {@code LL = -1/2 sum_t [ln(2 pi) + ln sigma2[t] +
 * r[t]^2 / sigma2[t]]}, maximised with Commons Math's Nelder-Mead simplex over an unconstrained
 * reparametrisation that enforces omega > 0, alpha >= 0, beta >= 0, alpha + beta < 1:
 * {@code p = logistic(x1)} (persistence alpha + beta), {@code s = logistic(x2)} (alpha's share),
 * {@code alpha = p s}, {@code beta = p (1 - s)}, {@code VL = v exp(x0)} (v the sample variance),
 * {@code omega = VL (1 - p)}. Several starting points, each refined by a restart; the best
 * likelihood wins. With variance targeting, VL = v and only alpha, beta are fitted.
 *
 * <p>Forecast over h days from the fitted process: {@code sigma2_{T+1} = sigma2[n]} (includes the
 * latest return), {@code E[sigma2_{T+i}] = VL + (alpha + beta)^(i-1) (sigma2_{T+1} - VL)}, summed
 * over i = 1..h, annualised {@code sqrt(sum * daysPerYear / h)} (mean reversion, not the square-root
 * rule). Conditional vols: {@code sqrt(sigma2[t])} of the fitted recursion.
 *
 * <p>Fallback: with fewer than {@value #MIN_RETURNS} returns, or when the fit fails (no
 * convergence, alpha + beta numerically 1, a constant series), the EWMA model with
 * {@code fallbackLambda} is used instead; {@link #fit} says why in {@link GarchFit#note()} and
 * {@link #estimate} returns it as a warning.
 *
 * @param varianceTargeting fix VL at the sample variance instead of fitting omega
 * @param fallbackLambda    lambda of the EWMA used when GARCH cannot be fitted
 */
public record GarchVol(boolean varianceTargeting, double fallbackLambda) implements VolatilityModel {

    /** Fewer returns than this are not fitted. */
    public static final int MIN_RETURNS = 100;
    private static final double LN_2PI = Math.log(2 * Math.PI);
    private static final int MAX_EVAL = 20_000;
    /** Starting (alpha, beta) pairs. */
    private static final double[][] STARTS = {{0.05, 0.90}, {0.10, 0.80}, {0.20, 0.60}};

    public GarchVol {
        if (!(fallbackLambda > 0 && fallbackLambda < 1)) {
            throw new IllegalArgumentException("EWMA fallback lambda must be in (0, 1), got " + fallbackLambda);
        }
    }

    /** Variance targeting (VL = the sample variance; alpha and beta fitted), EWMA(0.94) fallback. */
    public static GarchVol withVarianceTargeting() {
        return new GarchVol(true, EwmaVol.RISKMETRICS_LAMBDA);
    }

    /** Full MLE, EWMA(0.94) fallback. */
    public GarchVol() {
        this(false, EwmaVol.RISKMETRICS_LAMBDA);
    }

    @Override
    public String name() {
        return "garch";
    }

    /** Fits omega, alpha, beta by maximum likelihood; a fit that is not usable says why. */
    public GarchFit fit(double[] dailyReturns) {
        ReturnStats.check(dailyReturns, 0, "GARCH");
        double[] r = dailyReturns;
        if (r.length < MIN_RETURNS) {
            return GarchFit.failed("GARCH(1,1) needs at least " + MIN_RETURNS + " returns, got " + r.length);
        }
        double v = ReturnStats.sampleVariance(r, 0, r.length);
        if (!(v > 0)) {
            return GarchFit.failed("GARCH(1,1) cannot be fitted: the returns do not vary");
        }
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-11, 1e-14);
        ObjectiveFunction objective = new ObjectiveFunction(x -> {
            double[] p = parameters(x, v);
            double ll = logLikelihood(r, p[0], p[1], p[2], v);
            return Double.isFinite(ll) ? -ll : Double.MAX_VALUE;
        });
        PointValuePair best = null;
        boolean exhausted = false;
        for (double[] start : STARTS) {
            double[] x = guess(start[0], start[1]);
            try {
                for (int pass = 0; pass < 2; pass++) {
                    PointValuePair run = optimizer.optimize(new MaxEval(MAX_EVAL), objective, GoalType.MINIMIZE,
                            new InitialGuess(x), new NelderMeadSimplex(stepSizes()));
                    x = run.getPoint();
                    if (best == null || run.getValue() < best.getValue()) {
                        best = run;
                    }
                }
            } catch (TooManyEvaluationsException e) {
                exhausted = true;
            }
        }
        if (best == null || best.getValue() == Double.MAX_VALUE) {
            return GarchFit.failed("GARCH(1,1) fit did not converge" + (exhausted ? " (evaluation limit)" : ""));
        }
        double[] p = parameters(best.getPoint(), v);
        if (!(p[1] + p[2] < 1 - 1e-9)) {
            return GarchFit.failed("GARCH(1,1) fit is not stationary (alpha + beta = " + (p[1] + p[2]) + ")");
        }
        return new GarchFit(p[0], p[1], p[2], -best.getValue(), true, "");
    }

    /**
     * {x0, x1, x2} (or {x1, x2} with variance targeting) to {omega, alpha, beta} as in the class
     * comment.
     */
    private double[] parameters(double[] x, double sampleVariance) {
        int k = varianceTargeting ? 0 : 1;
        double p = logistic(x[k]);
        double s = logistic(x[k + 1]);
        double vl = varianceTargeting ? sampleVariance : sampleVariance * Math.exp(x[0]);
        return new double[] {vl * (1 - p), p * s, p * (1 - s)};
    }

    private double[] guess(double alpha, double beta) {
        double p = alpha + beta;
        double s = alpha / p;
        double x1 = Math.log(p / (1 - p));
        double x2 = Math.log(s / (1 - s));
        return varianceTargeting ? new double[] {x1, x2} : new double[] {0, x1, x2};
    }

    private double[] stepSizes() {
        return varianceTargeting ? new double[] {0.5, 0.5} : new double[] {0.5, 0.5, 0.5};
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * The Gaussian log likelihood of the returns under GARCH(1,1) with the given parameters and
     * {@code sigma2[0] = sigma2Start}.
     */
    public static double logLikelihood(double[] r, double omega, double alpha, double beta, double sigma2Start) {
        double s2 = sigma2Start;
        double sum = 0;
        for (double x : r) {
            if (!(s2 > 0)) {
                return Double.NEGATIVE_INFINITY;
            }
            sum += LN_2PI + Math.log(s2) + x * x / s2;
            s2 = omega + alpha * x * x + beta * s2;
        }
        return -0.5 * sum;
    }

    /**
     * The daily variances sigma2[0..n] (length n + 1) of the fitted recursion, sigma2[0] the sample
     * variance; sigma2[n] is the next-day forecast sigma2_{T+1}.
     */
    public static double[] variances(GarchFit fit, double[] dailyReturns) {
        requireUsable(fit);
        ReturnStats.check(dailyReturns, 2, "GARCH");
        double[] r = dailyReturns;
        double[] s2 = new double[r.length + 1];
        s2[0] = ReturnStats.sampleVariance(r, 0, r.length);
        for (int t = 0; t < r.length; t++) {
            s2[t + 1] = fit.omega() + fit.alpha() * r[t] * r[t] + fit.beta() * s2[t];
        }
        return s2;
    }

    /**
     * Sum over i = 1..h of E[sigma2_{T+i}] = VL + (alpha + beta)^(i-1) (sigma2Next - VL), in closed
     * form: {@code h VL + (sigma2Next - VL) (1 - p^h) / (1 - p)}, p = alpha + beta. Daily variance
     * units (the h-day variance).
     */
    public static double horizonVariance(GarchFit fit, double sigma2Next, int horizonDays) {
        requireUsable(fit);
        double p = fit.persistence();
        double vl = fit.longRunVariance();
        return horizonDays * vl + (sigma2Next - vl) * (1 - Math.pow(p, horizonDays)) / (1 - p);
    }

    /** Annualised h-day forecast from a usable fit: sqrt(horizonVariance * daysPerYear / h). */
    public static double forecastAnnualVol(GarchFit fit, double[] dailyReturns, int horizonDays, double daysPerYear) {
        ReturnStats.checkHorizon(horizonDays, daysPerYear);
        double[] s2 = variances(fit, dailyReturns);
        return Math.sqrt(horizonVariance(fit, s2[s2.length - 1], horizonDays) * daysPerYear / horizonDays);
    }

    @Override
    public double forecastAnnualVol(double[] dailyReturns, int horizonDays, double daysPerYear) {
        return estimate(dailyReturns, horizonDays, daysPerYear).annualVol();
    }

    @Override
    public VolForecast estimate(double[] dailyReturns, int horizonDays, double daysPerYear) {
        ReturnStats.checkHorizon(horizonDays, daysPerYear);
        GarchFit fit = fit(dailyReturns);
        if (fit.usable()) {
            return new VolForecast(forecastAnnualVol(fit, dailyReturns, horizonDays, daysPerYear), name(), List.of());
        }
        EwmaVol ewma = new EwmaVol(fallbackLambda);
        return new VolForecast(ewma.forecastAnnualVol(dailyReturns, horizonDays, daysPerYear), ewma.name(),
                List.of(fit.note() + "; EWMA (lambda " + fallbackLambda + ") used instead"));
    }

    /** Conditional daily vols of the fitted recursion; EWMA's when the fit is not usable. */
    @Override
    public double[] conditionalDailyVols(double[] dailyReturns) {
        GarchFit fit = fit(dailyReturns);
        return fit.usable() ? conditionalDailyVols(fit, dailyReturns)
                : new EwmaVol(fallbackLambda).conditionalDailyVols(dailyReturns);
    }

    /** sigma[t] = sqrt(sigma2[t]) of a usable fit, t = 0..n-1. */
    public static double[] conditionalDailyVols(GarchFit fit, double[] dailyReturns) {
        double[] s2 = variances(fit, dailyReturns);
        double[] sigma = new double[dailyReturns.length];
        for (int t = 0; t < sigma.length; t++) {
            sigma[t] = Math.sqrt(s2[t]);
        }
        return sigma;
    }

    private static void requireUsable(GarchFit fit) {
        if (!fit.usable()) {
            throw new IllegalArgumentException("GARCH fit not usable: " + fit.note());
        }
    }
}

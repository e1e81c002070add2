package io.marginscope.risk;

/**
 * The analyst's risk settings.
 *
 * @param confidence    VaR/ES confidence c, in (0.5, 1)
 * @param horizonDays   margin period of risk h in days, >= 1
 * @param method        parametric, historical, fhs or montecarlo
 * @param volModel      snapshot, historical, ewma or garch
 * @param ewmaLambda    RiskMetrics decay, in (0, 1)
 * @param windowDays    history window in days for historical simulation and estimation
 * @param scenarios     Monte Carlo scenario count
 * @param seed          Monte Carlo seed: the same seed gives the same numbers bit for bit
 * @param studentDof    Student-t degrees of freedom for Monte Carlo (> 2), or 0 for normal returns
 * @param volOfVol      Monte Carlo implied-vol shift: annualised relative vol of vol (0 = no shift)
 */
public record RiskParameters(double confidence, int horizonDays, RiskMethod method, String volModel,
                             double ewmaLambda, int windowDays, int scenarios, long seed, double studentDof,
                             double volOfVol) {

    /** The home of every default of the risk settings (FORMATS.md section 5; the CLI's option defaults read these). */
    public static final double DEFAULT_CONFIDENCE = 0.99;
    public static final int DEFAULT_HORIZON_DAYS = 2;
    public static final String DEFAULT_VOL_MODEL = "snapshot";
    /** RiskMetrics' daily decay. */
    public static final double DEFAULT_EWMA_LAMBDA = EwmaVol.RISKMETRICS_LAMBDA;
    public static final int DEFAULT_WINDOW_DAYS = 365;
    public static final int DEFAULT_SCENARIOS = 10_000;
    public static final long DEFAULT_SEED = 42L;

    public RiskParameters {
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0.5, 1), got " + confidence);
        }
        if (horizonDays < 1 || horizonDays > 250) {
            throw new IllegalArgumentException("horizon must be 1..250 days, got " + horizonDays);
        }
        if (!(ewmaLambda > 0 && ewmaLambda < 1)) {
            throw new IllegalArgumentException("EWMA lambda must be in (0, 1), got " + ewmaLambda);
        }
        if (windowDays < 2) {
            throw new IllegalArgumentException("window must be at least 2 days, got " + windowDays);
        }
        if (scenarios < 100) {
            throw new IllegalArgumentException("at least 100 scenarios, got " + scenarios);
        }
        if (studentDof != 0 && !(studentDof > 2)) {
            throw new IllegalArgumentException("Student-t degrees of freedom must be > 2 (or 0 for normal)");
        }
        if (!(volOfVol >= 0)) {
            throw new IllegalArgumentException("vol of vol must be >= 0");
        }
    }

    /**
     * The contract's defaults: 99%, 2 days, parametric, snapshot vols, lambda 0.94, 365 days, 10,000 scenarios,
     * seed 42, normal Monte Carlo returns, no vol of vol.
     */
    public static RiskParameters defaults() {
        return new RiskParameters(DEFAULT_CONFIDENCE, DEFAULT_HORIZON_DAYS, RiskMethod.PARAMETRIC, DEFAULT_VOL_MODEL,
                DEFAULT_EWMA_LAMBDA, DEFAULT_WINDOW_DAYS, DEFAULT_SCENARIOS, DEFAULT_SEED, 0, 0);
    }

    /** Named construction from the defaults: {@code RiskParameters.builder().confidence(0.975).build()}. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /** Named construction from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Settings by name; {@link #build()} checks them as the constructor does. */
    public static final class Builder {
        private double confidence;
        private int horizonDays;
        private RiskMethod method;
        private String volModel;
        private double ewmaLambda;
        private int windowDays;
        private int scenarios;
        private long seed;
        private double studentDof;
        private double volOfVol;

        private Builder(RiskParameters p) {
            confidence = p.confidence;
            horizonDays = p.horizonDays;
            method = p.method;
            volModel = p.volModel;
            ewmaLambda = p.ewmaLambda;
            windowDays = p.windowDays;
            scenarios = p.scenarios;
            seed = p.seed;
            studentDof = p.studentDof;
            volOfVol = p.volOfVol;
        }

        public Builder confidence(double c) {
            confidence = c;
            return this;
        }

        public Builder horizonDays(int days) {
            horizonDays = days;
            return this;
        }

        public Builder method(RiskMethod m) {
            method = m;
            return this;
        }

        public Builder volModel(String model) {
            volModel = model;
            return this;
        }

        public Builder ewmaLambda(double lambda) {
            ewmaLambda = lambda;
            return this;
        }

        public Builder windowDays(int days) {
            windowDays = days;
            return this;
        }

        public Builder scenarios(int n) {
            scenarios = n;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Builder studentDof(double dof) {
            studentDof = dof;
            return this;
        }

        public Builder volOfVol(double v) {
            volOfVol = v;
            return this;
        }

        public RiskParameters build() {
            return new RiskParameters(confidence, horizonDays, method, volModel, ewmaLambda, windowDays, scenarios,
                    seed, studentDof, volOfVol);
        }
    }

    public RiskParameters withConfidence(double c) {
        return new RiskParameters(c, horizonDays, method, volModel, ewmaLambda, windowDays, scenarios, seed,
                studentDof, volOfVol);
    }

    public RiskParameters withMethod(RiskMethod m) {
        return new RiskParameters(confidence, horizonDays, m, volModel, ewmaLambda, windowDays, scenarios, seed,
                studentDof, volOfVol);
    }

    public RiskParameters withHorizon(int days) {
        return new RiskParameters(confidence, days, method, volModel, ewmaLambda, windowDays, scenarios, seed,
                studentDof, volOfVol);
    }

    public RiskParameters withVolModel(String model) {
        return new RiskParameters(confidence, horizonDays, method, model, ewmaLambda, windowDays, scenarios, seed,
                studentDof, volOfVol);
    }

    public RiskParameters withScenarios(int n, long newSeed) {
        return new RiskParameters(confidence, horizonDays, method, volModel, ewmaLambda, windowDays, n, newSeed,
                studentDof, volOfVol);
    }

    public RiskParameters withStudentDof(double dof) {
        return new RiskParameters(confidence, horizonDays, method, volModel, ewmaLambda, windowDays, scenarios, seed,
                dof, volOfVol);
    }

    public RiskParameters withWindow(int days) {
        return new RiskParameters(confidence, horizonDays, method, volModel, ewmaLambda, days, scenarios, seed,
                studentDof, volOfVol);
    }

    public RiskParameters withVolOfVol(double v) {
        return new RiskParameters(confidence, horizonDays, method, volModel, ewmaLambda, windowDays, scenarios, seed,
                studentDof, v);
    }

    /** Years in the horizon: h / daysPerYear. */
    public double horizonYears(double daysPerYear) {
        return horizonDays / daysPerYear;
    }
}

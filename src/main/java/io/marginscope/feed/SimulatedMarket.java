package io.marginscope.feed;

import io.marginscope.risk.MonteCarloScenarios;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The generator behind {@link SimulatedFeed}: each {@link #next()} advances the simulated clock by
 * one step and returns one tick per simulated asset (see {@link SimulationSpec} for the model).
 * Deterministic: one random stream seeded by the spec's seed, drawn in a fixed order, so the same
 * spec gives the same ticks. Not thread-safe (one feed thread drives it).
 *
 * <p>Each tick carries the asset's price and, as its vol index, the annualised vol of the regime
 * the step was drawn in.
 */
public final class SimulatedMarket {

    private final SimulationSpec spec;
    private final int n;
    private final String[] names;
    private final double[] logSpot;
    private final double[] calmVol;
    private final double[] stressedVol;
    private final boolean[] moves;
    private final double[][] root;
    private final double dt;
    private final double sqrtDt;
    private final double jumpProbabilityMean;
    private final double compensator;
    private final double pCalmToStressed;
    private final double pStressedToCalm;
    private final SplittableRandom rng;
    private final double[] z;
    private final double[] x;
    private long steps;
    private boolean stressed;
    private long stressedSteps;
    private long poissonJumps;
    private double lastJumpLogSize;
    private boolean lastStepJumped;

    public SimulatedMarket(SimulationSpec spec) {
        this.spec = spec;
        n = spec.assets().size();
        names = new String[n];
        logSpot = new double[n];
        calmVol = new double[n];
        stressedVol = new double[n];
        moves = new boolean[n];
        for (int a = 0; a < n; a++) {
            SimulationSpec.AssetSpec s = spec.assets().get(a);
            names[a] = s.asset();
            logSpot[a] = Math.log(s.spot());
            calmVol[a] = s.calmVol();
            stressedVol[a] = s.stressedVol();
            moves[a] = s.moves();
        }
        root = MonteCarloScenarios.squareRoot(spec.correlation());
        dt = spec.stepYears();
        sqrtDt = Math.sqrt(dt);
        double stepDays = dt * 365.0;
        jumpProbabilityMean = spec.jumps().perDay() * stepDays;
        compensator = spec.jumps().perDay() * 365.0 * spec.jumps().meanRelativeJump();
        double stepMillis = spec.step().toNanos() / 1e6;
        pCalmToStressed = -Math.expm1(-stepMillis / spec.regime().meanCalm().toMillis());
        pStressedToCalm = -Math.expm1(-stepMillis / spec.regime().meanStressed().toMillis());
        rng = new SplittableRandom(spec.seed());
        stressed = spec.regime().startsStressed();
        z = new double[n];
        x = new double[n];
    }

    public SimulationSpec spec() {
        return spec;
    }

    /** Advances one step; the ticks of every simulated asset at the new instant. */
    public List<Tick> next() {
        steps++;
        Instant at = spec.start().plus(spec.step().multipliedBy(steps));
        for (int a = 0; a < n; a++) {
            z[a] = rng.nextGaussian();
        }
        for (int a = 0; a < n; a++) {
            double s = 0;
            for (int j = 0; j <= a; j++) {
                s += root[a][j] * z[j];
            }
            x[a] = s;
        }
        int jumps = poisson(jumpProbabilityMean);
        double jump = 0;
        for (int k = 0; k < jumps; k++) {
            jump += spec.jumps().mean() + spec.jumps().std() * rng.nextGaussian();
        }
        poissonJumps += jumps;
        lastStepJumped = jumps > 0;
        lastJumpLogSize = jump;
        if (stressed) {
            stressedSteps++;
        }
        List<Tick> out = new ArrayList<>(n);
        for (int a = 0; a < n; a++) {
            double vol = stressed ? stressedVol[a] : calmVol[a];
            if (moves[a]) {
                logSpot[a] += -0.5 * vol * vol * dt - compensator * dt + vol * sqrtDt * x[a] + jump;
                for (SimulationSpec.ScheduledJump sj : spec.scheduled()) {
                    if (sj.atStep() == steps && (sj.asset() == null || sj.asset().equals(names[a]))) {
                        logSpot[a] += Math.log1p(sj.size());
                    }
                }
            }
            out.add(new Tick(at, names[a], Math.exp(logSpot[a]), Double.NaN, vol));
        }
        double u = rng.nextDouble();
        stressed = stressed ? u >= pStressedToCalm : u < pCalmToStressed;
        return Collections.unmodifiableList(out);
    }

    /** Knuth's method; the means here are small (a fraction of a jump per step). */
    private int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        double p = rng.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rng.nextDouble();
            k++;
        }
        return k;
    }

    /** Steps taken. */
    public long steps() {
        return steps;
    }

    /** Whether the next step will be drawn in the stressed regime. */
    public boolean stressed() {
        return stressed;
    }

    /** Steps drawn in the stressed regime so far. */
    public long stressedSteps() {
        return stressedSteps;
    }

    /** Poisson jumps so far (scheduled jumps not counted). */
    public long poissonJumps() {
        return poissonJumps;
    }

    /** Whether the last step had a Poisson jump, and its total log size (0 when none). */
    public boolean lastStepJumped() {
        return lastStepJumped;
    }

    public double lastJumpLogSize() {
        return lastJumpLogSize;
    }
}

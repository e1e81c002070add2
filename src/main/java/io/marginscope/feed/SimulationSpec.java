package io.marginscope.feed;

import io.marginscope.model.MarketSnapshot;
import io.marginscope.risk.Correlations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SimulatedMarket} simulates: per asset a geometric Brownian motion whose vol depends
 * on a market-wide regime (calm or stressed, a two-state Markov chain), correlated across assets,
 * with market-wide Poisson jumps and optional jumps scheduled at given steps (a crash on demand).
 *
 * <p>Per step of length dt (years) and asset a, in regime r:
 * <pre>
 *   ln S(t+dt) - ln S(t) = -sigma_r^2 dt / 2 - lambda k dt + sigma_r sqrt(dt) Z_a + sum of jumps J
 *   Z ~ N(0, correlation), J ~ N(jumpMean, jumpStd^2) (log size), N ~ Poisson(lambda dt),
 *   k = E[e^J] - 1 = exp(jumpMean + jumpStd^2 / 2) - 1
 * </pre>
 * so the price is a martingale between scheduled jumps. A Poisson jump moves every asset with a
 * non-zero vol by the same log size (crypto crashes are joint). The regime switches at the end of
 * a step with probability {@code 1 - exp(-dt / meanDuration)} of the regime left.
 *
 * @param start       the simulated clock's first instant
 * @param step        simulated time per update
 * @param assets      the simulated assets, in order; an asset with zero vols stays put
 * @param correlation of the Brownian parts, assets in the same order; positive semi-definite
 * @param regime      calm/stressed chain
 * @param jumps       market-wide Poisson jumps
 * @param scheduled   jumps at given steps, in any order
 * @param seed        seed of the one random stream: the same spec gives the same ticks
 */
public record SimulationSpec(Instant start, Duration step, List<AssetSpec> assets, double[][] correlation,
                             Regime regime, Jumps jumps, List<ScheduledJump> scheduled, long seed) {

    /**
     * @param asset       symbol
     * @param spot        first price, USD
     * @param calmVol     annualised vol in the calm regime
     * @param stressedVol annualised vol in the stressed regime
     */
    public record AssetSpec(String asset, double spot, double calmVol, double stressedVol) {
        public AssetSpec {
            Objects.requireNonNull(asset, "asset");
            if (!(spot > 0) || !Double.isFinite(spot)) {
                throw new IllegalArgumentException(asset + ": spot must be positive");
            }
            if (!(calmVol >= 0) || !(stressedVol >= 0) || !Double.isFinite(calmVol) || !Double.isFinite(stressedVol)) {
                throw new IllegalArgumentException(asset + ": vols must be >= 0");
            }
        }

        boolean moves() {
            return calmVol > 0 || stressedVol > 0;
        }
    }

    /**
     * Two-state Markov chain of the market's vol regime.
     *
     * @param meanCalm       expected time in the calm regime before it turns stressed
     * @param meanStressed   expected time in the stressed regime before it calms down
     * @param startsStressed whether the first step is in the stressed regime
     */
    public record Regime(Duration meanCalm, Duration meanStressed, boolean startsStressed) {
        public Regime {
            if (meanCalm.isNegative() || meanCalm.isZero() || meanStressed.isNegative() || meanStressed.isZero()) {
                throw new IllegalArgumentException("regime durations must be positive");
            }
        }

        /** Long-run share of time in the stressed regime: meanStressed / (meanCalm + meanStressed). */
        public double stressedShare() {
            double c = meanCalm.toMillis();
            double s = meanStressed.toMillis();
            return s / (c + s);
        }
    }

    /**
     * Market-wide Poisson jumps.
     *
     * @param perDay intensity: expected jumps per simulated day (0: none)
     * @param mean   mean of the log jump size (e.g. -0.05)
     * @param std    standard deviation of the log jump size
     */
    public record Jumps(double perDay, double mean, double std) {
        public Jumps {
            if (!(perDay >= 0) || !(std >= 0) || !Double.isFinite(mean) || !Double.isFinite(perDay)
                    || !Double.isFinite(std)) {
                throw new IllegalArgumentException("jumps: intensity and std must be >= 0, mean finite");
            }
        }

        public static Jumps none() {
            return new Jumps(0, 0, 0);
        }

        /** k = E[e^J] - 1, the compensator's mean relative jump. */
        public double meanRelativeJump() {
            return Math.expm1(mean + 0.5 * std * std);
        }
    }

    /**
     * A jump at a given step (1 = the first update), as a simple return: -0.3 takes 30% off.
     *
     * @param asset null for every asset that moves, else one asset
     */
    public record ScheduledJump(long atStep, String asset, double size) {
        public ScheduledJump {
            if (atStep < 1) {
                throw new IllegalArgumentException("a scheduled jump's step counts from 1");
            }
            if (!(size > -1) || !Double.isFinite(size)) {
                throw new IllegalArgumentException("a jump's size must be above -1 (a -100% move), got " + size);
            }
        }

        /**
         * Parses {@code SIZE@STEP} or {@code ASSET:SIZE@STEP}, e.g. {@code -0.3@100} or
         * {@code ETH:-0.25@500}.
         */
        public static ScheduledJump parse(String text) {
            String s = text.strip();
            int at = s.lastIndexOf('@');
            if (at < 0) {
                throw new IllegalArgumentException("jump '" + text + "': expected SIZE@STEP or ASSET:SIZE@STEP");
            }
            String head = s.substring(0, at);
            String asset = null;
            int colon = head.indexOf(':');
            if (colon >= 0) {
                asset = head.substring(0, colon).strip();
                head = head.substring(colon + 1);
            }
            try {
                return new ScheduledJump(Long.parseLong(s.substring(at + 1).strip()), asset,
                        Double.parseDouble(head.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("jump '" + text + "': expected SIZE@STEP or ASSET:SIZE@STEP");
            }
        }
    }

    public SimulationSpec {
        Objects.requireNonNull(start, "start");
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive");
        }
        assets = List.copyOf(assets);
        scheduled = List.copyOf(scheduled);
        int n = assets.size();
        if (n == 0) {
            throw new IllegalArgumentException("nothing to simulate: no asset");
        }
        if (correlation.length != n) {
            throw new IllegalArgumentException("correlation must be " + n + " x " + n);
        }
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            if (correlation[i].length != n) {
                throw new IllegalArgumentException("correlation must be " + n + " x " + n);
            }
            copy[i] = correlation[i].clone();
        }
        correlation = copy;
        for (ScheduledJump j : scheduled) {
            if (j.asset() != null && assets.stream().noneMatch(a -> a.asset().equals(j.asset()))) {
                throw new IllegalArgumentException("jump at step " + j.atStep() + ": " + j.asset() + " is not simulated");
            }
        }
    }

    /** Simulated years per step (a 365-day year, crypto's). */
    public double stepYears() {
        return step.toNanos() / 1e9 / (365.0 * 86_400.0);
    }

    /** A copy with other scheduled jumps. */
    public SimulationSpec withScheduled(List<ScheduledJump> newScheduled) {
        return new SimulationSpec(start, step, assets, correlation, regime, jumps, newScheduled, seed);
    }

    /** A copy with another seed. */
    public SimulationSpec withSeed(long newSeed) {
        return new SimulationSpec(start, step, assets, correlation, regime, jumps, scheduled, newSeed);
    }

    /** Defaults of {@link #fromSnapshot}. */
    public static final Duration DEFAULT_STEP = Duration.ofMinutes(1);
    public static final double DEFAULT_STRESS_MULTIPLE = 2.5;
    public static final Regime DEFAULT_REGIME = new Regime(Duration.ofDays(3), Duration.ofHours(12), false);
    public static final Jumps DEFAULT_JUMPS = new Jumps(0.1, -0.04, 0.04);

    /**
     * The assets of a snapshot with a non-zero vol (a stablecoin stays put, so it is left out),
     * starting at the snapshot's spots and asOf: calm vol = the snapshot's vol, stressed vol =
     * {@code stressMultiple} times it, the snapshot's correlations (repaired to the nearest
     * correlation matrix when needed), and the given regime, jumps, step and seed.
     */
    public static SimulationSpec fromSnapshot(MarketSnapshot m, Duration step, double stressMultiple, Regime regime,
                                              Jumps jumps, List<ScheduledJump> scheduled, long seed) {
        List<AssetSpec> specs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        m.assets().forEach((name, a) -> {
            if (a.vol() > 0) {
                specs.add(new AssetSpec(name, a.spot(), a.vol(), a.vol() * stressMultiple));
                names.add(name);
            }
        });
        double[][] corr = Correlations.forBook(names, m.correlations(), null).matrix().values();
        return new SimulationSpec(m.asOf(), step, specs, corr, regime, jumps, scheduled, seed);
    }
}

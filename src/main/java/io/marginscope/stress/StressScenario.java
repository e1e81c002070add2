package io.marginscope.stress;

import io.marginscope.model.MarketSnapshot.AssetPair;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deterministic stress: a named market move applied to today's snapshot and the book revalued
 * in full ({@link StressEngine}).
 *
 * <p><b>Single move.</b> {@code shocks} moves each asset's spot and vols ({@link AssetShock}) and
 * {@code horizonDays} of calendar time pass (0 = instantaneous; options decay and may expire).
 *
 * <p><b>Path (historical replay).</b> When {@code path} is not empty the scenario is a sequence of
 * dated steps, each a move from today's snapshot to that day of the episode (cumulative, not
 * day-on-day), with the days elapsed since the episode's base date. The engine revalues every step
 * and reports the worst cumulative P&amp;L along the path as the scenario's P&amp;L. {@code shocks}
 * and {@code horizonDays} then hold the episode's single aggregate move (base date to the headline
 * date), available alone through {@link #aggregate()}.
 *
 * <p><b>Weight.</b> The fraction of the scenario's P&amp;L that counts towards a stress charge:
 * SPAN's extreme moves count at their cover (e.g. 0.35); default 1. Within [0, 1].
 *
 * <p><b>Correlations.</b> Stressed correlations by pair, carried as data for a stressed VaR run.
 * The deterministic P&amp;L of {@link StressEngine} ignores them: every asset moves exactly by its
 * shock.
 *
 * @param name         unique, shown in reports (e.g. "2020-03-12 Black Thursday")
 * @param description  what the scenario represents, may be empty
 * @param source       where its numbers come from, may be empty
 * @param shocks       the (aggregate) move
 * @param horizonDays  calendar days that pass, at least 0
 * @param weight       fraction of the P&amp;L that counts, in [0, 1]
 * @param correlations stressed correlations (not used by the deterministic P&amp;L)
 * @param path         dated steps for a replay, in date order; empty for a single move
 */
public record StressScenario(String name, String description, String source, ShockSet shocks, double horizonDays,
                             double weight, Map<AssetPair, Double> correlations, List<PathStep> path) {

    /**
     * One day of a replayed path: the cumulative move from the base date to {@code date}.
     *
     * @param date        the day of the episode
     * @param horizonDays calendar days from the episode's base date to {@code date}
     * @param shocks      cumulative moves from the base date
     */
    public record PathStep(LocalDate date, double horizonDays, ShockSet shocks) {
        public PathStep {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(shocks, "shocks");
            checkHorizon(horizonDays);
        }
    }

    public StressScenario {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a scenario needs a name");
        }
        description = description == null ? "" : description;
        source = source == null ? "" : source;
        Objects.requireNonNull(shocks, "shocks");
        checkHorizon(horizonDays);
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("weight must be within [0, 1], got " + weight);
        }
        correlations = Map.copyOf(correlations);
        correlations.forEach((pair, rho) -> {
            if (pair.first().equals(pair.second())) {
                throw new IllegalArgumentException("a correlation needs two different assets");
            }
            if (!(rho >= -1 && rho <= 1)) {
                throw new IllegalArgumentException("correlation " + pair + " must be within [-1, 1], got " + rho);
            }
        });
        path = List.copyOf(path);
        for (int i = 1; i < path.size(); i++) {
            if (!path.get(i).date().isAfter(path.get(i - 1).date())) {
                throw new IllegalArgumentException("path dates must be strictly ascending: " + path.get(i).date());
            }
        }
    }

    private static void checkHorizon(double horizonDays) {
        if (!Double.isFinite(horizonDays) || horizonDays < 0) {
            throw new IllegalArgumentException("horizonDays must be finite and at least 0, got " + horizonDays);
        }
    }

    /** An instantaneous single move with weight 1 and no description. */
    public static StressScenario of(String name, ShockSet shocks) {
        return new StressScenario(name, "", "", shocks, 0, 1, Map.of(), List.of());
    }

    public boolean isPath() {
        return !path.isEmpty();
    }

    /** The shock of an asset in the (aggregate) move. */
    public AssetShock shockFor(String asset) {
        return shocks.forAsset(asset);
    }

    /** The single aggregate move alone: this scenario without its path. */
    public StressScenario aggregate() {
        return isPath() ? new StressScenario(name, description, source, shocks, horizonDays, weight, correlations,
                List.of()) : this;
    }

    public StressScenario withWeight(double newWeight) {
        return new StressScenario(name, description, source, shocks, horizonDays, newWeight, correlations, path);
    }

    public StressScenario withHorizonDays(double days) {
        return new StressScenario(name, description, source, shocks, days, weight, correlations, path);
    }

    public StressScenario withDescription(String newDescription, String newSource) {
        return new StressScenario(name, newDescription, newSource, shocks, horizonDays, weight, correlations, path);
    }

    public StressScenario withPath(List<PathStep> steps) {
        return new StressScenario(name, description, source, shocks, horizonDays, weight, correlations, steps);
    }
}

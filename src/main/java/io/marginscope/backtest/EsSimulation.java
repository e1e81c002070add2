package io.marginscope.backtest;

/**
 * How the ES backtest's p-value is simulated: the predictive distribution under H0, the number
 * of simulated samples and the seed (same seed, same p-value).
 *
 * @param predictive  the P&L distribution under H0 (normal by default)
 * @param simulations M, the number of simulated samples of Z2 (at least 1)
 * @param seed        seed of the Well19937c generator
 */
public record EsSimulation(Predictive predictive, int simulations, long seed) {

    public static final int DEFAULT_SIMULATIONS = 10_000;
    public static final long DEFAULT_SEED = 42L;

    public EsSimulation {
        if (predictive == null) {
            throw new IllegalArgumentException("predictive distribution required");
        }
        if (simulations < 1) {
            throw new IllegalArgumentException("simulations must be at least 1: " + simulations);
        }
    }

    /** Normal predictive, 10,000 simulations, seed 42. */
    public static EsSimulation defaults() {
        return new EsSimulation(Predictive.normal(), DEFAULT_SIMULATIONS, DEFAULT_SEED);
    }
}

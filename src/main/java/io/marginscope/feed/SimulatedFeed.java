package io.marginscope.feed;

import java.util.List;

/**
 * The default, offline feed: a {@link SimulatedMarket} driven at a pace in updates (steps) per
 * second of wall time, each step moving the simulated clock by the spec's step. Same spec and
 * seed, same ticks.
 */
public final class SimulatedFeed extends PacedFeed {

    private final SimulatedMarket market;

    /**
     * @param updatesPerSecond wall-clock pace; 0 for as fast as possible
     * @param maxUpdates       finish after this many steps; 0 for no limit
     */
    public SimulatedFeed(SimulationSpec spec, double updatesPerSecond, long maxUpdates) {
        super("simulated (seed " + spec.seed() + ", " + spec.assets().size() + " assets, step " + spec.step() + ")",
                updatesPerSecond, maxUpdates);
        this.market = new SimulatedMarket(spec);
    }

    @Override
    protected List<Tick> nextUpdate() {
        return market.next();
    }

    public SimulationSpec spec() {
        return market.spec();
    }
}

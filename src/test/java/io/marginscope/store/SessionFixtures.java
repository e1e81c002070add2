package io.marginscope.store;

import io.marginscope.risk.RiskParameters;
import io.marginscope.run.ComputeRun;
import io.marginscope.run.RunInputs;
import io.marginscope.run.RunParameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Saved sessions in a data folder, made through the store API, for the explain tests of the CLI and the workstation. */
public final class SessionFixtures {

    public static final Path SAMPLES = StoreFixtures.SAMPLES;

    private SessionFixtures() {
    }

    /** The strangle book on its snapshot under ramm: the "now" of the explain example. */
    public static RunInputs now(int scenarios) throws Exception {
        return ComputeRun.fromFiles(SAMPLES.resolve("btc-short-strangle.csv"),
                SAMPLES.resolve("btc-short-strangle.market.json"), List.of(),
                new RunParameters(RiskParameters.defaults().withScenarios(scenarios, 42L), Set.of()), "ramm",
                new ArrayList<>());
    }

    /** Two days later: part of the book closed, BTC lower, vols higher, and ramm at 99.5% (an explicit setting). */
    public static RunInputs later(int scenarios) throws Exception {
        return ComputeRun.fromFiles(SAMPLES.resolve("examples/btc-short-strangle.later.csv"),
                SAMPLES.resolve("examples/btc-short-strangle.later.market.json"), List.of(),
                new RunParameters(RiskParameters.defaults().withScenarios(scenarios, 42L).withConfidence(0.995),
                        Set.of("confidence")), "ramm", new ArrayList<>());
    }

    /** Saves a run of the inputs as a new session in {@code dataDir}; returns it. */
    public static Session save(Path dataDir, String name, RunInputs in) throws Exception {
        try (SessionStore store = SessionStore.open(dataDir.resolve(DataDirectory.STORE_FILE))) {
            return store.save(Session.of(name, ComputeRun.run(in), ""));
        }
    }
}

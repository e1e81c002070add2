package io.marginscope.ui.live;

/** Where live ticks come from. */
public enum LiveSource {
    SIMULATED("Simulated"),
    SIMULATED_CRASH("Simulated with a crash"),
    REPLAY("Replay of a price history"),
    DERIBIT("Deribit");

    private final String label;

    LiveSource(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}

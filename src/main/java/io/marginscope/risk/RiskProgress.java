package io.marginscope.risk;

/** Progress reporting and cancellation for long risk runs (the GUI's Task implements it). */
public interface RiskProgress {

    /** Fraction done in [0, 1]. */
    void update(double fraction);

    /** Polled between blocks of work; when true the run stops with a CancellationException. */
    boolean cancelled();

    RiskProgress NONE = new RiskProgress() {
        @Override
        public void update(double fraction) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };
}

package io.marginscope.store;

import java.util.List;

/**
 * What differs between two saved sessions (or two versions of one).
 *
 * @param changedInputs   the inputs that differ: {@code portfolio}, {@code market}, {@code history},
 *                        {@code policy}, and {@code parameters.<name>} per setting
 * @param positionChanges per position id: added, removed, or its quantity changed
 * @param equity          equity before and after, USD
 * @param maintenanceMargin MM before and after, USD (NaN where a run had no policy)
 * @param es              ES before and after, USD
 */
public record SessionComparison(long firstId, int firstVersion, long secondId, int secondVersion,
                                List<String> changedInputs, List<String> positionChanges, Move equity,
                                Move maintenanceMargin, Move es) {

    public SessionComparison {
        changedInputs = List.copyOf(changedInputs);
        positionChanges = List.copyOf(positionChanges);
    }

    /** A number in the first and the second session. */
    public record Move(double before, double after) {
        public double change() {
            return after - before;
        }

        /** Relative change in percent; NaN when before is 0 or absent. */
        public double changePct() {
            return before == 0 || Double.isNaN(before) ? Double.NaN : (after / before - 1) * 100;
        }
    }

    public boolean inputsEqual() {
        return changedInputs.isEmpty();
    }
}

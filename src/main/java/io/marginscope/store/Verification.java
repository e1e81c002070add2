package io.marginscope.store;

import java.util.List;

/**
 * Whether a saved session's numbers come out again when it is recomputed from its stored inputs.
 *
 * @param storedHash     the input hash saved with the results (null for a migrated session)
 * @param inputHash      the hash of the stored inputs now
 * @param identical      every number of the recomputed JSON equals the saved one exactly (same
 *                       fields, same doubles bit for bit)
 * @param differences    the numeric fields that differ or are missing, as JSON pointers with both values
 *                       (at most 50)
 * @param textDifferences text fields that differ (warnings naming other paths, ...): not counted
 */
public record Verification(String storedHash, String inputHash, boolean identical, List<String> differences,
                           List<String> textDifferences) {

    public Verification {
        differences = List.copyOf(differences);
        textDifferences = List.copyOf(textDifferences);
    }

    /** The stored inputs are those the results were computed from. */
    public boolean hashMatches() {
        return storedHash != null && storedHash.equals(inputHash);
    }

    /** The saved results reproduce: same inputs and identical numbers. */
    public boolean reproduces() {
        return identical && (storedHash == null || hashMatches());
    }
}

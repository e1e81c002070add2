package io.marginscope.store;

import java.time.Instant;

/**
 * A row of the session list: enough to show and search without loading the inputs.
 *
 * @param deletedAt null unless the session is in the bin (soft-deleted)
 * @param equity    from the results, NaN when absent
 * @param maintenanceMargin from the results (a run with a policy), NaN when absent
 * @param es        from the results, NaN when absent
 */
public record SessionSummary(long id, String name, int version, Instant createdAt, Instant savedAt,
                             Instant deletedAt, String portfolioName, String policy, double equity,
                             double maintenanceMargin, double es, String notes) {
}

package io.marginscope.impact;

import java.io.Serializable;

/**
 * One dated crash of the scenario library applied to one account, under one policy (docs/impact.md,
 * Episodes). Under a policy the account enters the crash with its equity topped up to the policy's IM
 * when its adjusted equity was below it (the margin call answered): {@code equityBefore}. Its loss in
 * the crash is the same under every policy; the shortfall is what the loss takes beyond that equity.
 *
 * @param episode      the scenario's id (its date)
 * @param policy       the policy's name
 * @param loss         the account's loss in the crash, USD (the worst day of a path); NaN when a
 *                     position could not be revalued
 * @param equityBefore equity + max(0, IM - adjusted equity) under the policy, USD
 * @param shortfall    max(0, loss - equityBefore), USD: the venue's bad debt
 * @param liquidated   equityBefore - loss is below the policy's MM
 */
public record EpisodeFigures(String episode, String policy, double loss, double equityBefore, double shortfall,
                             boolean liquidated) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The figures of one crash for an account margined under a policy.
     *
     * @param loss the crash's loss (positive = the account lost money)
     */
    public static EpisodeFigures of(String episode, AccountFigures m, double loss) {
        if (!m.computed() || Double.isNaN(loss)) {
            return new EpisodeFigures(episode, m.policy(), loss, Double.NaN, Double.NaN, false);
        }
        double topUp = Double.isNaN(m.initialMargin()) ? Math.max(0, m.maintenanceMargin() - m.adjustedEquity())
                : Math.max(0, m.initialMargin() - m.adjustedEquity());
        double before = m.equity() + topUp;
        double shortfall = Math.max(0, loss - before);
        return new EpisodeFigures(episode, m.policy(), loss, before, shortfall,
                before - loss < m.maintenanceMargin());
    }

    public boolean computed() {
        return !Double.isNaN(shortfall);
    }
}

package io.marginscope.impact;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account under one policy: the figures {@code compute --policy} gives for that account alone.
 * When the policy could not be applied to the account, {@code error} says why and every number is
 * NaN (never 0): the account is left out of the policy's totals and counted as not computed.
 *
 * @param policy             the policy's name
 * @param error              why the account has no margin under this policy, or null
 * @param equity             mark-to-market equity, USD
 * @param adjustedEquity     equity with collateral haircuts, USD
 * @param maintenanceMargin  MM, USD
 * @param initialMargin      IM, USD (NaN when the policy does not compute one)
 * @param marginRatio        MM / adjusted equity; NaN when the adjusted equity is not positive
 * @param zone               OK, WARNING or LIQUIDATION; null with an error
 * @param freeMargin         adjusted equity - IM, USD
 * @param liquidation        per underlying, in the order compute gives them
 * @param notCovered         positions the policy does not margin, each "id: reason"
 * @param marginByUnderlying MM allocated to underlyings in proportion to gross notional (|quantity| x spot)
 */
public record AccountFigures(String policy, String error, double equity, double adjustedEquity,
                             double maintenanceMargin, double initialMargin, double marginRatio, String zone,
                             double freeMargin, Map<String, Liquidation> liquidation, List<String> notCovered,
                             Map<String, Double> marginByUnderlying) implements Serializable {

    private static final long serialVersionUID = 1L;

    public AccountFigures {
        liquidation = Collections.unmodifiableMap(new LinkedHashMap<>(liquidation));
        notCovered = List.copyOf(notCovered);
        marginByUnderlying = Collections.unmodifiableMap(new LinkedHashMap<>(marginByUnderlying));
    }

    /** An account the policy could not margin, with the reason. */
    public static AccountFigures failed(String policy, String error) {
        return new AccountFigures(policy, error, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null,
                Double.NaN, Map.of(), List.of(), Map.of());
    }

    public boolean computed() {
        return error == null;
    }

    /** Why the margin ratio is n/a, or null when it is a number. */
    public String ratioNote() {
        if (error != null) {
            return "not computed: " + error;
        }
        return Double.isNaN(marginRatio) ? "adjusted equity is not positive" : null;
    }

    /** The margin call of this account: max(0, MM - adjusted equity), USD (NaN when not computed). */
    public double marginCall() {
        return computed() ? Math.max(0, maintenanceMargin - adjustedEquity) : Double.NaN;
    }

    /**
     * The liquidation price of one underlying, others fixed.
     *
     * @param price       USD; NaN when no price makes equity equal MM
     * @param distancePct signed distance from spot in percent; NaN when there is no price
     * @param breached    the account is already past it
     */
    public record Liquidation(double price, double distancePct, boolean breached) implements Serializable {
        private static final long serialVersionUID = 1L;

        public boolean exists() {
            return !Double.isNaN(price);
        }
    }
}

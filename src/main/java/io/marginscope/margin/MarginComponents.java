package io.marginscope.margin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The terms of a book's maintenance margin under a policy (docs/methodology.md section 15), USD:
 * MM = max(base, exchange, stress, floor) + liquidity + concentration + counterparty + wrongWay +
 * specificWrongWay. The compute JSON writes them as its {@code components} object ({@link #asMap()}:
 * the field names of FORMATS.md section 5 and docs/cli.md, in their order).
 *
 * @param base          the risk-based term: the policy's multiplier times the ES or VaR of its base block
 *                      (after the anti-procyclicality tools when the block has them); 0 without a base block
 * @param apc           the anti-procyclicality steps that led to {@code base}, or null when none applied
 * @param exchange      the exchange model's maintenance margin (policy block {@code exchange}); NaN when the
 *                      policy has no exchange block (then not written)
 * @param exchangeTerms the exchange model's own named parts (written as {@code exchange.<name>}); empty without
 * @param stress        the largest weighted loss over the policy's scenario sets, 0 when every scenario gains
 * @param floor         the maintenance brackets' rate on notional less amount, summed over positions
 * @param liquidity     the liquidation cost add-on (order book walk or square-root impact)
 * @param concentration the add-on on positions above the policy's share of average daily volume
 * @param haircut       the collateral haircuts: equity less adjusted equity (not part of MM; it lowers what
 *                      MM is compared with)
 * @param counterparty  the counterparty terms (policy block {@code counterparty}), or null without one
 */
public record MarginComponents(double base, ApcSteps apc, double exchange, Map<String, Double> exchangeTerms,
                               double stress, double floor, double liquidity, double concentration, double haircut,
                               CounterpartyTerms counterparty) {

    public MarginComponents {
        exchangeTerms = Collections.unmodifiableMap(new LinkedHashMap<>(exchangeTerms));
    }

    /**
     * EMIR RTS 153/2013 art. 28 steps from the base measure to {@code base}; a step not taken is NaN (not written).
     *
     * @param baseBeforeApc  the base term before the tools
     * @param apcStressed    the stressed-period measure blended in with the policy's weight
     * @param apcLookbackFloor the measure over the lookback the base was floored at
     * @param apcBuffer      the margin buffer added (0 while the market is stressed)
     */
    public record ApcSteps(double baseBeforeApc, double apcStressed, double apcLookbackFloor, double apcBuffer) {
    }

    /**
     * What a counterparty block adds to MM.
     *
     * @param counterparty     (tier multiplier - 1) x max(base, exchange, stress)
     * @param wrongWay         the collateral's loss in the book's tail beyond its ordinary haircut
     * @param specificWrongWay the policy's flat extra haircuts on named collateral
     */
    public record CounterpartyTerms(double counterparty, double wrongWay, double specificWrongWay) {
    }

    /** Every term 0, as for a book with no positions. */
    public static MarginComponents zero() {
        return new MarginComponents(0, null, Double.NaN, Map.of(), 0, 0, 0, 0, 0, null);
    }

    /** The terms by their JSON names, in the JSON's order; terms a policy does not have are left out. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (apc != null) {
            m.put("baseBeforeApc", apc.baseBeforeApc());
            putIfTaken(m, "apcStressed", apc.apcStressed());
            putIfTaken(m, "apcLookbackFloor", apc.apcLookbackFloor());
            putIfTaken(m, "apcBuffer", apc.apcBuffer());
        }
        exchangeTerms.forEach((k, v) -> m.put("exchange." + k, v));
        m.put("base", base);
        if (!Double.isNaN(exchange)) {
            m.put("exchange", exchange);
        }
        m.put("stress", stress);
        m.put("floor", floor);
        m.put("liquidity", liquidity);
        m.put("concentration", concentration);
        m.put("haircut", haircut);
        if (counterparty != null) {
            m.put("counterparty", counterparty.counterparty());
            m.put("wrongWay", counterparty.wrongWay());
            m.put("specificWrongWay", counterparty.specificWrongWay());
        }
        return Collections.unmodifiableMap(m);
    }

    private static void putIfTaken(Map<String, Double> m, String name, double v) {
        if (!Double.isNaN(v)) {
            m.put(name, v);
        }
    }
}

package io.marginscope.report;

import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The maintenance margin's components as a reader names them, and what share of MM each makes.
 * MM = max(base, exchange, stress, floor) + liquidity + concentration + counterparty + wrongWay +
 * specificWrongWay: the largest of the four candidates binds and the add-ons add to it, so those
 * rows have a share of MM and the shares add up to 100%. The candidates that do not bind, the
 * steps of the anti-procyclicality tools (which explain the base) and the collateral haircut
 * (taken from equity, not added to MM) are listed with their role and no share.
 */
public final class ComponentShares {

    /** How a component enters MM. */
    public enum Role {
        BINDING("sets MM"), NOT_BINDING("lower than the binding one"), ADD_ON("added to MM"),
        DETAIL("step of the base"), FROM_EQUITY("taken from equity");

        public final String text;

        Role(String text) {
            this.text = text;
        }
    }

    /** One component: its internal key, readable name, amount, share of MM (NaN without one), role. */
    public record Row(String key, String name, double usd, double share, Role role) {
    }

    static final List<String> CANDIDATES = List.of("base", "exchange", "stress", "floor");
    static final List<String> ADD_ONS = List.of("liquidity", "concentration", "counterparty", "wrongWay",
            "specificWrongWay");

    private ComponentShares() {
    }

    /** The rows, binding candidate first, then the add-ons, the other candidates, the details and the haircut. */
    public static List<Row> of(MarginResult m, Policy policy) {
        Map<String, Double> c = m.components().asMap();
        double mm = m.maintenanceMargin();
        String binding = null;
        for (String k : CANDIDATES) {
            if (c.containsKey(k) && (binding == null || c.get(k) > c.get(binding))) {
                binding = k;
            }
        }
        List<Row> rows = new ArrayList<>();
        if (binding != null) {
            rows.add(new Row(binding, name(binding, policy), c.get(binding), share(c.get(binding), mm), Role.BINDING));
        }
        for (String k : ADD_ONS) {
            if (c.containsKey(k)) {
                rows.add(new Row(k, name(k, policy), c.get(k), share(c.get(k), mm), Role.ADD_ON));
            }
        }
        for (String k : CANDIDATES) {
            if (c.containsKey(k) && !k.equals(binding)) {
                rows.add(new Row(k, name(k, policy), c.get(k), Double.NaN, Role.NOT_BINDING));
            }
        }
        for (String k : List.of("baseBeforeApc", "apcStressed", "apcLookbackFloor", "apcBuffer")) {
            if (c.containsKey(k)) {
                rows.add(new Row(k, name(k, policy), c.get(k), Double.NaN, Role.DETAIL));
            }
        }
        if (c.containsKey("haircut")) {
            rows.add(new Row("haircut", name("haircut", policy), c.get("haircut"), Double.NaN, Role.FROM_EQUITY));
        }
        return rows;
    }

    private static double share(double v, double mm) {
        return mm > 0 ? v / mm : Double.NaN;
    }

    /** What a component key means, for a reader (the legend's text). */
    public static String name(String key, Policy policy) {
        return switch (key) {
            case "base" -> "Base: " + baseText(policy);
            case "exchange" -> "Exchange model" + (policy != null && policy.exchange() != null
                    ? " (" + policy.exchange().model() + ")" : "");
            case "stress" -> "Stress: worst weighted scenario loss";
            case "floor" -> "Floor: tiered rates on perp and future notional";
            case "liquidity" -> "Liquidity add-on (cost of closing out)";
            case "concentration" -> "Concentration add-on (large against daily volume)";
            case "counterparty" -> "Counterparty tier add-on";
            case "wrongWay" -> "Wrong-way add-on (collateral falls with the book)";
            case "specificWrongWay" -> "Specific wrong-way add-on";
            case "baseBeforeApc" -> "Base before anti-procyclicality";
            case "apcStressed" -> "Stressed-period base (anti-procyclicality)";
            case "apcLookbackFloor" -> "Long look-back floor (anti-procyclicality)";
            case "apcBuffer" -> "Anti-procyclicality buffer";
            case "haircut" -> "Collateral haircut";
            default -> key.startsWith("exchange.") ? "Exchange model part " + key.substring("exchange.".length())
                    : key;
        };
    }

    /** "ES 99%, 2-day, montecarlo" for the policy's base block; "risk measure" without one. */
    public static String baseText(Policy policy) {
        if (policy == null || policy.base() == null) {
            return "risk measure";
        }
        Policy.Base b = policy.base();
        String c = String.format(Locale.ROOT, "%.2f", b.confidence() * 100).replaceAll("\\.?0+$", "");
        return b.measure() + " " + c + "%, " + b.horizonDays() + "-day, " + b.method().cliName()
                + (b.multiplier() != 1 ? " x " + Fmt.number(b.multiplier()) : "");
    }

    /** The legend: each readable name with its internal key (as in the JSON and the CSV). */
    public static Map<String, String> legend(List<Row> rows) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Row r : rows) {
            out.put(r.name(), r.key());
        }
        return out;
    }

    /**
     * One sentence on what drives the margin, from the figures: the binding component and its share,
     * the runner-up candidate, and the largest add-on.
     */
    public static String driver(MarginResult m, Policy policy) {
        List<Row> rows = of(m, policy);
        if (rows.isEmpty() || !(m.maintenanceMargin() > 0)) {
            return "The maintenance margin is " + Fmt.money(m.maintenanceMargin()) + " USD: no component charges "
                    + "this book.";
        }
        Row bind = rows.get(0);
        StringBuilder s = new StringBuilder("The maintenance margin of " + Fmt.money(m.maintenanceMargin())
                + " USD is set by the " + lower(bind.name()) + " (" + Fmt.money(bind.usd()) + " USD, "
                + Fmt.pct(bind.share()) + " of MM)");
        Row next = null;
        Row addOn = null;
        for (Row r : rows) {
            if (r.role() == Role.NOT_BINDING && (next == null || r.usd() > next.usd())) {
                next = r;
            }
            if (r.role() == Role.ADD_ON && r.usd() > 0 && (addOn == null || r.usd() > addOn.usd())) {
                addOn = r;
            }
        }
        if (next != null && next.usd() > 0) {
            s.append(", ahead of the ").append(lower(next.name())).append(" at ").append(Fmt.money(next.usd()))
                    .append(" USD");
        }
        if (addOn != null) {
            s.append("; the largest add-on is the ").append(lower(addOn.name())).append(", ")
                    .append(Fmt.pct(addOn.share())).append(" of MM");
        } else {
            s.append("; no add-on charges");
        }
        return s.append('.').toString();
    }

    private static String lower(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}

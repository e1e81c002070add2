package io.marginscope.ui.control;

import javafx.util.StringConverter;

import java.text.DecimalFormat;
import java.text.NumberFormat;

/** Number formats of the workstation: money without cents, Greeks with enough digits to read. */
public final class Formats {

    private Formats() {
    }

    public static String money(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        return NumberFormat.getIntegerInstance().format(Math.round(v));
    }

    /** Three significant decimals for small numbers, grouping for large ones. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        double a = Math.abs(v);
        DecimalFormat f;
        if (a == 0) {
            return "0";
        } else if (a >= 1000) {
            f = new DecimalFormat("#,##0");
        } else if (a >= 1) {
            f = new DecimalFormat("#,##0.###");
        } else if (a >= 1e-4) {
            f = new DecimalFormat("0.######");
        } else if (a >= 1e-9) {
            f = new DecimalFormat("0.###########");
        } else {
            f = new DecimalFormat("0.###E0");
        }
        return f.format(v);
    }

    public static String percent(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        return new DecimalFormat("0.0#'%'").format(v * 100);
    }

    /** A change in USD with its sign: +1,234, -1,234, 0. */
    public static String signedMoney(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        String s = money(v);
        return Math.round(v) > 0 ? "+" + s : s;
    }

    /**
     * The margin ratio, the one display format of the workstation, the PDF and the CSV set: a
     * percent with two decimals (33.75%); empty when it does not exist (callers say n/a and why).
     */
    public static String ratio(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        return new DecimalFormat("#,##0.00'%'").format(v * 100);
    }

    /** A change of the ratio in percentage points, in the ratio's format: +1.25%. */
    public static String signedRatio(double v) {
        return Double.isFinite(v) ? (v > 0 ? "+" : "") + ratio(v) : "";
    }

    /** A distance already in percent: -39.1%. */
    public static String distancePct(double pct) {
        return Double.isFinite(pct) ? new DecimalFormat("0.0'%'").format(pct) : "";
    }

    /** A change of a distance, in percentage points: +3.2 pp. */
    public static String signedPoints(double pp) {
        return Double.isFinite(pp) ? new DecimalFormat("+0.0' pp';-0.0' pp'").format(pp) : "";
    }

    /** Coins or a delta, grouped, up to three decimals: 1,234.5. */
    public static String quantity(double v) {
        return Double.isFinite(v) ? new DecimalFormat("#,##0.###").format(v) : "";
    }

    /** A change in coins or delta with its sign: +0.5. */
    public static String signedQuantity(double v) {
        return Double.isFinite(v) ? new DecimalFormat("+#,##0.###;-#,##0.###").format(v) : "";
    }

    /** A price per coin with cents: 2,638.81. */
    public static String price(double v) {
        return Double.isFinite(v) ? new DecimalFormat("#,##0.00").format(v) : "";
    }

    /** A confidence level as the analyst says it: 99%, 97.5%, 99.9%. */
    public static String confidence(double c) {
        return new DecimalFormat("0.##'%'").format(c * 100);
    }

    /** Short money for axis ticks: 950, -12.5k, 1.2M. */
    public static String compactMoney(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        double a = Math.abs(v);
        if (a >= 1e6) {
            return new DecimalFormat("0.##'M'").format(v / 1e6);
        }
        if (a >= 1e3) {
            return new DecimalFormat("0.#'k'").format(v / 1e3);
        }
        return new DecimalFormat("0").format(v);
    }

    /** A count with grouping: 10,000. */
    public static String count(long n) {
        return NumberFormat.getIntegerInstance().format(n);
    }

    /** Axis tick labels in {@link #compactMoney} (for display only: a label parses to null). */
    public static StringConverter<Number> compactMoneyTicks() {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return compactMoney(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        };
    }
}

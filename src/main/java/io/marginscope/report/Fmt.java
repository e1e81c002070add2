package io.marginscope.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers for reports: comma thousands separators and a point, whatever the machine's locale (so
 * that no narrow no-break space or other locale character reaches a PDF font or a CSV reader).
 */
public final class Fmt {

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.US);

    private Fmt() {
    }

    /** {@code 1,234,567.89}; "n/a" for NaN. */
    public static String money(double v) {
        return fixed(v, 2);
    }

    /** Fixed decimals with thousands separators; "n/a" for NaN, minus sign for negatives, no "-0.00". */
    public static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        DecimalFormat f = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals), SYMBOLS);
        String s = f.format(v);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }

    /** A quantity or Greek: enough significant digits for small values, thousands separators for large. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1000) {
            return fixed(v, 2);
        }
        if (a >= 1) {
            return fixed(v, 4);
        }
        if (a >= 1e-4) {
            return fixed(v, 6);
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** A quantity: thousands separators, up to 4 decimals without trailing zeros ({@code 450,000}, {@code -10}, {@code 1.4}). */
    public static String quantity(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        String s = fixed(v, 4);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return s.equals("-0") ? "0" : s;
    }

    /** {@code 12.34%} of a fraction; "n/a" for NaN. */
    public static String pct(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : fixed(fraction * 100, 2) + "%";
    }

    /** A short axis label: 1.2M, 350k, -12k, 950. */
    public static String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return trim(v / 1e9) + "B";
        }
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        s = s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        return s.equals("-0") ? "0" : s;
    }
}

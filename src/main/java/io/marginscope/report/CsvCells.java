package io.marginscope.report;

import java.math.BigDecimal;

/**
 * Cells of the CSV exports. A text cell that a spreadsheet would run as a formula (starting with
 * {@code = + - @}, a tab or a carriage return) is written with a single quote in front; a text that
 * already starts with a quote followed by one of those gets one more quote, so that
 * {@link #unescape} gives back every text exactly. Numbers are written as plain decimals (the
 * shortest that reads back to the same double, no exponent): a leading minus there is a number.
 */
public final class CsvCells {

    private CsvCells() {
    }

    static boolean trigger(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** True when {@link #text} changes the cell. */
    public static boolean needsEscape(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        return trigger(s.charAt(0)) || s.charAt(0) == '\'' && s.length() > 1 && (trigger(s.charAt(1))
                || needsEscape(s.substring(1)));
    }

    /** The text as written: quoted in front when it could run as a formula. */
    public static String text(String s) {
        if (s == null) {
            return "";
        }
        return needsEscape(s) ? "'" + s : s;
    }

    /** The text of a written cell. */
    public static String unescape(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && needsEscape(cell.substring(1)) ? cell.substring(1) : cell;
    }

    /** A number as written; empty for NaN. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return v == 0 ? "0" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A written number cell; NaN for empty. */
    public static double parseNumber(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }
}

package io.marginscope.io;

import java.util.regex.Pattern;

/** Strict decimal numbers: no hex, no NaN or Infinity, no Java suffixes like 2.5d. */
final class Numbers {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private Numbers() {
    }

    /** Largest magnitude of any number of an input file (quantities, prices, notionals, rates, multipliers). */
    static final double MAX = 1e15;
    /** Smallest magnitude of a non-zero number of an input file (smaller ones underflow in products). */
    static final double MIN = 1e-12;

    /** Null when {@code v} is within the bounds of an input number, else the problem, for an error message. */
    static String outOfRange(double v) {
        double a = Math.abs(v);
        if (a > MAX) {
            return "out of range: at most 1e15 in size";
        }
        if (a != 0 && a < MIN) {
            return "out of range: 0 or at least 1e-12 in size";
        }
        return null;
    }

    /** The number, or null when the text is not a plain decimal number. */
    static Double parse(String text) {
        String s = text.trim();
        if (!DECIMAL.matcher(s).matches()) {
            return null;
        }
        double v = Double.parseDouble(s);
        return Double.isFinite(v) ? v : null;
    }
}

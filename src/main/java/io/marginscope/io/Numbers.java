package io.marginscope.io;

import java.util.regex.Pattern;

/** Strict decimal numbers: no hex, no NaN or Infinity, no Java suffixes like 2.5d. */
final class Numbers {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private Numbers() {
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

package io.marginscope.ui;

import java.text.DecimalFormat;
import java.text.NumberFormat;

/** Number formats of the workstation: money without cents, Greeks with enough digits to read. */
final class Formats {

    private Formats() {
    }

    static String money(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        return NumberFormat.getIntegerInstance().format(Math.round(v));
    }

    /** Three significant decimals for small numbers, grouping for large ones. */
    static String number(double v) {
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

    static String percent(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        return new DecimalFormat("0.0#'%'").format(v * 100);
    }
}

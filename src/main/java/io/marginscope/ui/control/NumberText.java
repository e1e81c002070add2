package io.marginscope.ui.control;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.text.ParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader and writer of numbers typed in the workstation's fields (trade ticket, vol and correlation
 * overrides, editors, risk settings), bound to a locale's decimal and grouping separators: the analyst's own
 * locale ({@link #current()}), the one {@link Formats} prints in.
 *
 * <p>Reading is strict: the whole text must be one number written in the locale, else it is refused (a
 * {@link ParseException}) and the caller keeps the previous value. Under de_DE "0,5" is 0.5, "1.234,5" is
 * 1234.5 and "70.5" is refused (a '.' there groups thousands, so "70.5" is neither 70 nor 705); under en_US
 * "1,234.5" is 1234.5 and "0,5" is refused. Grouping separators are allowed in the integer part only, between
 * groups of three digits. A leading '+', the minus sign U+2212 and an exponent ("1e-4", "2,5E3" under de_DE)
 * are accepted; where the locale groups with a space (fr_FR), a plain space is taken for its grouping space.
 *
 * <p>Writing ({@link #format}) gives the text a field shows for a value: every digit the double needs to read
 * back exactly, the locale's decimal separator, no grouping, no exponent.
 */
public final class NumberText {

    private final Locale locale;
    private final char decimal;
    private final char grouping;
    private final Pattern pattern;

    private NumberText(Locale locale) {
        this.locale = locale;
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        this.decimal = symbols.getDecimalSeparator();
        char g = symbols.getGroupingSeparator();
        this.grouping = Character.isSpaceChar(g) ? ' ' : g;
        String d = Pattern.quote(String.valueOf(decimal));
        String gr = Pattern.quote(String.valueOf(grouping));
        // sign, integer part (plain digits, or groups of three after the first), fraction, exponent
        this.pattern = Pattern.compile("([+-]?)(\\d+|\\d{1,3}(?:" + gr + "\\d{3})+)?(?:" + d + "(\\d*))?"
                + "(?:[eE]([+-]?\\d{1,4}))?");
    }

    /** Numbers as the analyst writes them: the default locale for formatting. */
    public static NumberText current() {
        return of(Locale.getDefault(Locale.Category.FORMAT));
    }

    public static NumberText of(Locale locale) {
        return new NumberText(locale);
    }

    public Locale locale() {
        return locale;
    }

    /** The decimal separator of the locale ('.' or ','). */
    public char decimalSeparator() {
        return decimal;
    }

    /**
     * Reads a finite number written in this locale.
     *
     * @throws ParseException when the text is empty, is not one number in this locale, or is out of range;
     *                        the message says what was typed and how a number is written here
     */
    public double parse(String text) throws ParseException {
        String t = normalise(text);
        if (t.isEmpty()) {
            throw new ParseException("empty", 0);
        }
        Matcher m = pattern.matcher(t);
        if (!m.matches() || (m.group(2) == null && (m.group(3) == null || m.group(3).isEmpty()))) {
            throw new ParseException("'" + text.strip() + "' is not a number", 0);
        }
        String integer = m.group(2) == null ? "0" : m.group(2).replace(String.valueOf(grouping), "");
        String fraction = m.group(3) == null || m.group(3).isEmpty() ? "" : "." + m.group(3);
        String exponent = m.group(4) == null ? "" : "E" + m.group(4);
        double v = new BigDecimal(m.group(1) + integer + fraction + exponent).doubleValue();
        if (!Double.isFinite(v)) {
            throw new ParseException("'" + text.strip() + "' is out of range", 0);
        }
        return v;
    }

    /**
     * Reads a number that may end with '%' (then divided by 100): "60%", "0,6" under de_DE.
     *
     * @throws ParseException as {@link #parse}
     */
    public double parsePercentOrPlain(String text) throws ParseException {
        String t = text == null ? "" : text.strip();
        if (t.endsWith("%")) {
            return parse(t.substring(0, t.length() - 1)) / 100;
        }
        return parse(t);
    }

    /** The value as a field shows it: exact, the locale's decimal separator, no grouping ("-1.5", "-1,5"). */
    public String format(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        if (v == 0) {
            return "0";
        }
        String plain = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return decimal == '.' ? plain : plain.replace('.', decimal);
    }

    /** How a number is written here, for messages: "1,234.5" or "1.234,5". */
    public String example() {
        return "1" + grouping + "234" + decimal + "5";
    }

    private String normalise(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip().replace('\u2212', '-');
        if (grouping == ' ') {
            t = t.replace('\u00a0', ' ').replace('\u202f', ' ');
        }
        if (t.startsWith("+")) {
            t = t.substring(1);
            if (t.startsWith("-") || t.startsWith("+")) {
                return "\u0000";
            }
        }
        return t;
    }
}

package io.marginscope.ui.control;

import javafx.beans.property.StringProperty;
import javafx.util.StringConverter;

import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.function.IntSupplier;

/**
 * Typed settings that do not parse are refused, never bent: a spinner's text that is not a whole
 * number, or one outside the field's range (0 where the least is 1), keeps the previous value and
 * says so in one line naming the field; a good value clears the line.
 */
public final class FieldCheck {

    private FieldCheck() {
    }

    /**
     * Guards an integer spinner: {@link #wholeNumber} as its converter, and on a refusal the
     * spinner's text shows the value kept again (the value did not change, so the spinner would not).
     */
    public static void guard(javafx.scene.control.Spinner<Integer> spinner, String field, int min, int max,
                      IntSupplier current, StringProperty message) {
        StringConverter<Integer> check = wholeNumber(field, min, max, current, message);
        spinner.getValueFactory().setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return check.toString(v);
            }

            @Override
            public Integer fromString(String s) {
                Integer v = check.fromString(s);
                if (!message.get().isEmpty()) {
                    spinner.getEditor().setText(check.toString(v));
                }
                return v;
            }
        });
    }

    /**
     * A converter for an integer spinner: {@code field} names it in the message, {@code current}
     * gives the value kept, {@code message} receives the line (empty when the value was taken).
     */
    public static StringConverter<Integer> wholeNumber(String field, int min, int max, IntSupplier current,
                                                StringProperty message) {
        NumberFormat f = NumberFormat.getIntegerInstance();
        f.setParseIntegerOnly(true);
        return new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : f.format(v);
            }

            @Override
            public Integer fromString(String s) {
                String t = s == null ? "" : s.strip();
                ParsePosition at = new ParsePosition(0);
                Number n = t.isEmpty() ? null : f.parse(t, at);
                int kept = current.getAsInt();
                if (n == null || at.getIndex() != t.length()) {
                    message.set(field + ": '" + t + "' is not a whole number; kept " + f.format(kept));
                    return kept;
                }
                long v = n.longValue();
                if (v < min || v > max) {
                    message.set(field + ": " + t + " is outside " + f.format(min) + " to " + f.format(max) + "; kept "
                            + f.format(kept));
                    return kept;
                }
                message.set("");
                return (int) v;
            }
        };
    }
}

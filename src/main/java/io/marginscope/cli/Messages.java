package io.marginscope.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Error messages as the command line prints them: one line, a quoted value echoed at most 80 characters. */
final class Messages {

    /** Longest value echoed between quotes. */
    static final int MAX_VALUE = 80;
    /** Longest message line. */
    static final int MAX_LINE = 600;

    private static final Pattern QUOTED = Pattern.compile("'([^']{" + (MAX_VALUE + 1) + ",})'");

    private Messages() {
    }

    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String s = message.replaceAll("[\\r\\n\\t]+", " ");
        Matcher m = QUOTED.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = m.group(1);
            m.appendReplacement(sb, Matcher.quoteReplacement("'" + v.substring(0, MAX_VALUE - 3) + "...' ("
                    + v.length() + " characters)"));
        }
        m.appendTail(sb);
        s = sb.toString();
        return s.length() <= MAX_LINE ? s : s.substring(0, MAX_LINE - 3) + "...";
    }
}

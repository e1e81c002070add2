package io.marginscope.io;

import java.util.Arrays;

/**
 * Line numbers of a text computed once, for files with thousands of rows ({@link TextSource#lineOf}
 * rescans the text on each call, which is fine for a portfolio but quadratic for a price history).
 */
final class LineIndex {

    private final String text;
    private final int[] starts;

    LineIndex(String text) {
        this.text = text;
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        starts = new int[n];
        int k = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
    }

    /** 1-based line of a character offset. */
    int lineOf(long offset) {
        int i = Arrays.binarySearch(starts, (int) Math.min(offset, Integer.MAX_VALUE));
        return i >= 0 ? i + 1 : -i - 1;
    }

    /**
     * The 1-based line where a CSV record starting at {@code offset} really starts: the parser
     * reports the position of blank and comment lines in front of it.
     */
    int contentLineOf(long offset, char commentMarker) {
        int line = lineOf(offset);
        for (int l = line; l <= starts.length; l++) {
            int from = starts[l - 1];
            int to = l < starts.length ? starts[l] : text.length();
            String t = text.substring(from, to).strip();
            if (!t.isEmpty() && t.charAt(0) != commentMarker) {
                return l;
            }
        }
        return line;
    }
}

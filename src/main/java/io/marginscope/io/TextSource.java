package io.marginscope.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** A text file read whole, with its name for messages and a map from character offsets to lines. */
public record TextSource(String name, String text) {

    /** Files larger than this are not portfolios or snapshots; refuse rather than exhaust memory. */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    public static TextSource read(Path path) throws InputException {
        String name = path.toString();
        try {
            if (!Files.isRegularFile(path)) {
                throw new InputException(name, 0, null, "no such file");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new InputException(name, 0, null, "file is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            return of(name, Files.readAllBytes(path));
        } catch (IOException e) {
            throw new InputException(name, 0, null, "cannot read: " + e.getMessage(), e);
        }
    }

    public static TextSource read(String name, InputStream in) throws InputException {
        try (in) {
            return of(name, in.readAllBytes());
        } catch (IOException e) {
            throw new InputException(name, 0, null, "cannot read: " + e.getMessage(), e);
        }
    }

    static TextSource of(String name, byte[] bytes) throws InputException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return new TextSource(name, text);
        } catch (CharacterCodingException e) {
            throw new InputException(name, 0, null, "not UTF-8 text");
        }
    }

    /** 1-based line of a character offset. */
    public int lineOf(long offset) {
        int[] starts = lineStarts();
        int i = Arrays.binarySearch(starts, (int) Math.min(offset, Integer.MAX_VALUE));
        return i >= 0 ? i + 1 : -i - 1;
    }

    /**
     * The first line at or after {@code line} that is neither blank nor a comment starting with
     * {@code commentMarker}: where a CSV record really starts when the parser reports the position
     * of the comments in front of it.
     */
    public int contentLineFrom(int line, char commentMarker) {
        String[] lines = text.split("\\R", -1);
        int l = line;
        while (l <= lines.length) {
            String t = lines[l - 1].strip();
            if (!t.isEmpty() && t.charAt(0) != commentMarker) {
                return l;
            }
            l++;
        }
        return line;
    }

    private int[] lineStarts() {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        int[] starts = new int[n];
        int k = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }
}

package io.marginscope.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The {@code index.txt} of a folder of bundled resources: one name per line, blank lines and {@code #} comments skipped. */
public final class BundledIndex {

    private BundledIndex() {
    }

    /** The names listed in {@code folder + "index.txt"} on the class path, in order; none when it is missing. */
    public static List<String> read(String folder) {
        List<String> out = new ArrayList<>();
        try (InputStream in = BundledIndex.class.getResourceAsStream(folder + "index.txt")) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.trim());
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}

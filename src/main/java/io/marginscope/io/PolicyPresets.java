package io.marginscope.io;

import io.marginscope.margin.Policy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The policies shipped in assets/policies (on the class path under /policies/), and policy files. */
public final class PolicyPresets {

    /** Preset names, in the order the workstation offers them. */
    public static final List<String> NAMES = List.of("ramm", "span", "binance-tiered", "deribit-pm",
            "deribit-standard");

    private PolicyPresets() {
    }

    /** A preset by name, else a policy file by path. */
    public static Policy load(String nameOrPath) throws InputException {
        return text(nameOrPath).parse();
    }

    /**
     * The text of a preset by name, else of a policy file by path, unparsed: what a saved session
     * keeps so that it recomputes with the same policy even when the presets change later.
     */
    public static PolicyText text(String nameOrPath) throws InputException {
        InputStream in = PolicyPresets.class.getResourceAsStream("/policies/" + nameOrPath + ".json");
        if (in != null) {
            return new PolicyText(nameOrPath, TextSource.read("policies/" + nameOrPath + ".json", in));
        }
        Path path = Path.of(nameOrPath);
        if (!Files.isRegularFile(path)) {
            throw new InputException(nameOrPath, 0, null, "neither a preset (" + String.join(", ", available())
                    + ") nor a policy file");
        }
        return new PolicyText(nameOrPath, TextSource.read(path));
    }

    /**
     * A policy as text: {@code ref} is what the analyst named (a preset name or a path),
     * {@code source} the text with the name used in messages.
     */
    public record PolicyText(String ref, TextSource source) {

        /** Parses the policy; a policy without a {@code name} takes its file's name without extension. */
        public Policy parse() throws InputException {
            String file = source.name();
            int cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
            file = file.substring(cut + 1);
            int dot = file.lastIndexOf('.');
            return PolicyJson.read(source, dot > 0 ? file.substring(0, dot) : file);
        }
    }

    /** The presets present on the class path. */
    public static List<String> available() {
        return NAMES.stream().filter(n -> PolicyPresets.class.getResource("/policies/" + n + ".json") != null)
                .toList();
    }
}

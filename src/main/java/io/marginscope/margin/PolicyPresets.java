package io.marginscope.margin;

import io.marginscope.io.InputException;
import io.marginscope.io.PolicyJson;
import io.marginscope.io.TextSource;

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
        InputStream in = PolicyPresets.class.getResourceAsStream("/policies/" + nameOrPath + ".json");
        if (in != null) {
            return PolicyJson.read(TextSource.read("policies/" + nameOrPath + ".json", in), nameOrPath);
        }
        Path path = Path.of(nameOrPath);
        if (!Files.isRegularFile(path)) {
            throw new InputException(nameOrPath, 0, null, "neither a preset (" + String.join(", ", available())
                    + ") nor a policy file");
        }
        return PolicyJson.read(path);
    }

    /** The presets present on the class path. */
    public static List<String> available() {
        return NAMES.stream().filter(n -> PolicyPresets.class.getResource("/policies/" + n + ".json") != null)
                .toList();
    }
}

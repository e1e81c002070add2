package io.marginscope.io;

import io.marginscope.stress.StressScenario;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The historical crypto episodes shipped inside the program: the JSON files of
 * {@code assets/scenarios}, packaged as class path resources under {@code /scenarios/} and listed
 * in {@code /scenarios/index.txt}. Each episode is named by its id (the file name without
 * {@code .json}, a date such as {@code 2020-03-12}, as used by a policy's {@code stress.episodes})
 * and carries its own {@code name} (e.g. "2020-03-12 Black Thursday"), aggregate move, daily path
 * and sources. The format is that of {@link ScenarioJson}.
 */
public final class ScenarioLibrary {

    private static final String ROOT = "/scenarios/";

    private ScenarioLibrary() {
    }

    /** Ids of the bundled episodes, in the order of the index (date order). */
    public static List<String> ids() {
        return BundledIndex.read(ROOT);
    }

    /** The id of the episode with this id or name (case-insensitive), if any. */
    public static Optional<String> find(String idOrName) throws InputException {
        String key = idOrName.trim().toLowerCase(Locale.ROOT);
        for (String id : ids()) {
            if (id.toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(id);
            }
        }
        for (String id : ids()) {
            if (load(id).name().toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** One episode by id; an unknown id is an {@link InputException} listing the known ones. */
    public static StressScenario load(String id) throws InputException {
        String name = "scenarios/" + id + ".json";
        InputStream in = ids().contains(id) ? ScenarioLibrary.class.getResourceAsStream(ROOT + id + ".json") : null;
        if (in == null) {
            throw new InputException(name, 0, null, "no such library scenario; the library has " + String.join(", ", ids()));
        }
        return ScenarioJson.read(TextSource.read(name, in));
    }

    /** Every episode, in index order. */
    public static List<StressScenario> all() throws InputException {
        List<StressScenario> out = new ArrayList<>();
        for (String id : ids()) {
            out.add(load(id));
        }
        return out;
    }
}

package io.marginscope.run;

import java.io.Serializable;
import java.util.List;

/**
 * What every account of an impact run is margined against, as text, so that it can be shipped to
 * another JVM (a Spark executor) and read there into exactly the same objects: the market snapshot,
 * the price history files (none: no history), the policies in the order given, the run's settings
 * (the JSON of {@link RunParameters}) and whether the crashes of the scenario library are applied.
 */
public record ImpactInputs(Text market, List<Text> history, List<PolicySource> policies, String parametersJson,
                           boolean episodes) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ImpactInputs {
        history = List.copyOf(history);
        policies = List.copyOf(policies);
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("an impact run needs at least one policy");
        }
    }

    /** A file's name and text. */
    public record Text(String name, String text) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A policy as the analyst named it (preset or path) and its text. */
    public record PolicySource(String ref, Text text) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}

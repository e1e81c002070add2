package io.marginscope.io;


import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Set;

/**
 * A margin state file for {@code explain} (docs/cli.md): {@code {"portfolio": path, "market": path,
 * "policy": name|path, "history": path, "asOf": ISO instant, "tier": name}}. Paths are relative to the
 * state file's folder; {@code policy} is a preset name or a policy file; {@code history}, {@code asOf}
 * (overrides the snapshot's) and {@code tier} (the account's counterparty tier, overrides a
 * {@code # tier:} line of the portfolio) are optional. A missing file, an unknown field or a bad value
 * is an {@link InputException} naming the state file, line and field. Only the paths are resolved
 * here; the files are read by the caller.
 *
 * @param file      the state file
 * @param portfolio portfolio CSV or Deribit positions JSON
 * @param market    market snapshot JSON
 * @param policy    a preset name, or the resolved path of a policy file
 * @param history   price history, or null
 * @param asOf      the valuation instant overriding the snapshot's, or null
 * @param tier      the account's counterparty tier (upper case), or null
 */
public record StateJson(Path file, Path portfolio, Path market, String policy, Path history, Instant asOf,
                        String tier) {

    private static final Set<String> FIELDS = Set.of("portfolio", "market", "policy", "history", "asOf", "tier",
            "description");

    public static StateJson read(Path path) throws InputException {
        JsonFields f = new JsonFields(LocatedJson.parse(TextSource.read(path)));
        if (!f.node("").isObject()) {
            throw f.error("", "a state is a JSON object");
        }
        for (var it = f.node("").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw f.error("/" + LocatedJson.escape(name), "unknown field (expected one of "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")");
            }
        }
        Path dir = path.toAbsolutePath().getParent();
        Path portfolio = file(f, dir, "/portfolio");
        Path market = file(f, dir, "/market");
        String policyText = f.text("/policy");
        String policy;
        if (PolicyPresets.available().contains(policyText)) {
            policy = policyText;
        } else {
            Path p = dir.resolve(policyText);
            if (!Files.isRegularFile(p)) {
                throw f.error("/policy", "'" + policyText + "' is neither a preset ("
                        + String.join(", ", PolicyPresets.available()) + ") nor a file (looked for " + p + ")");
            }
            policy = p.toString();
        }
        Path history = f.present("/history") ? path(f, dir, "/history") : null;
        if (history != null && !Files.exists(history)) {
            throw f.error("/history", "no such file or folder: " + history);
        }
        Instant asOf = null;
        if (f.present("/asOf")) {
            String t = f.text("/asOf");
            try {
                asOf = Expiries.parse(t);
            } catch (DateTimeException e) {
                throw f.error("/asOf", "'" + t + "' is not an ISO instant (2024-11-20T08:00:00Z)");
            }
        }
        String tier = null;
        if (f.present("/tier")) {
            tier = f.text("/tier");
            if (!tier.matches("[A-Za-z0-9_+-]+")) {
                throw f.error("/tier", "'" + tier + "' is not a tier name (one word)");
            }
            tier = tier.toUpperCase(java.util.Locale.ROOT);
        }
        return new StateJson(path, portfolio, market, policy, history, asOf, tier);
    }

    private static Path path(JsonFields f, Path dir, String ptr) throws InputException {
        return dir.resolve(f.text(ptr)).normalize();
    }

    private static Path file(JsonFields f, Path dir, String ptr) throws InputException {
        Path p = path(f, dir, ptr);
        if (!Files.isRegularFile(p)) {
            throw f.error(ptr, "no such file: " + p);
        }
        return p;
    }
}

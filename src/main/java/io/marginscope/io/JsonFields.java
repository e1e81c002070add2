package io.marginscope.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginscope.model.MarketSnapshot.AssetPair;

import java.util.HashMap;
import java.util.Map;

/** Typed reads of a {@link LocatedJson} value at a JSON Pointer, each bad value an {@link InputException}. */
final class JsonFields {

    private final LocatedJson doc;

    JsonFields(LocatedJson doc) {
        this.doc = doc;
    }

    LocatedJson doc() {
        return doc;
    }

    JsonNode node(String pointer) {
        return doc.root().at(pointer);
    }

    boolean present(String pointer) {
        JsonNode n = node(pointer);
        return !n.isMissingNode() && !n.isNull();
    }

    InputException error(String pointer, String problem) {
        return doc.error(pointer, problem);
    }

    JsonNode object(String pointer) throws InputException {
        JsonNode n = node(pointer);
        if (n.isMissingNode() || n.isNull()) {
            throw error(pointer, "missing; an object is required");
        }
        if (!n.isObject()) {
            throw error(pointer, "must be an object");
        }
        return n;
    }

    JsonNode array(String pointer) throws InputException {
        JsonNode n = node(pointer);
        if (!n.isArray()) {
            throw error(pointer, n.isMissingNode() ? "missing; an array is required" : "must be an array");
        }
        return n;
    }

    String text(String pointer) throws InputException {
        JsonNode n = node(pointer);
        if (n.isMissingNode() || n.isNull()) {
            throw error(pointer, "missing; a value is required");
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw error(pointer, "must be a non-empty string");
        }
        return n.asText().trim();
    }

    /** A required finite number. */
    double number(String pointer) throws InputException {
        JsonNode n = node(pointer);
        if (n.isMissingNode() || n.isNull()) {
            throw error(pointer, "missing; a number is required");
        }
        return asNumber(pointer, n);
    }

    /** An optional finite number, {@code whenAbsent} when missing or null. */
    double number(String pointer, double whenAbsent) throws InputException {
        JsonNode n = node(pointer);
        if (n.isMissingNode() || n.isNull()) {
            return whenAbsent;
        }
        return asNumber(pointer, n);
    }

    private double asNumber(String pointer, JsonNode n) throws InputException {
        Double v = null;
        if (n.isNumber()) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                v = d;
            }
        } else if (n.isTextual()) {
            v = Numbers.parse(n.asText());
            if (v == null) {
                throw error(pointer, "'" + n.asText() + "' is not a number");
            }
        }
        if (v == null) {
            throw error(pointer, "must be a number");
        }
        String range = Numbers.outOfRange(v);
        if (range != null) {
            throw error(pointer, n.asText() + " is " + range);
        }
        return v;
    }

    /** Reads an asset name of a correlation row (at its pointer): checked and normalised, or an error. */
    @FunctionalInterface
    interface AssetName {
        String read(String pointer, String name) throws InputException;
    }

    /**
     * The optional {@code /correlations} list of {@code ["A", "B", rho]} rows, the form the snapshot and the
     * scenario files share: two different assets, rho within [-1, 1], a pair given twice only with one value.
     */
    Map<AssetPair, Double> correlations(AssetName asset) throws InputException {
        Map<AssetPair, Double> out = new HashMap<>();
        if (!present("/correlations")) {
            return out;
        }
        JsonNode list = array("/correlations");
        for (int i = 0; i < list.size(); i++) {
            String ptr = child("/correlations", i);
            JsonNode row = array(ptr);
            if (row.size() != 3) {
                throw error(ptr, "a correlation is [\"A\", \"B\", rho]");
            }
            String a = asset.read(child(ptr, 0), text(child(ptr, 0)));
            String b = asset.read(child(ptr, 1), text(child(ptr, 1)));
            if (a.equals(b)) {
                throw error(ptr, "a correlation needs two different assets");
            }
            double rho = number(child(ptr, 2));
            if (rho < -1 || rho > 1) {
                throw error(child(ptr, 2), "correlation must be within [-1, 1], got " + rho);
            }
            Double before = out.put(new AssetPair(a, b), rho);
            if (before != null && before != rho) {
                throw error(ptr, "pair " + a + "/" + b + " is given twice with different values");
            }
        }
        return out;
    }

    static String child(String pointer, String key) {
        return pointer + "/" + LocatedJson.escape(key);
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }
}

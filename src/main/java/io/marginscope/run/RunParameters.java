package io.marginscope.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.RiskParameters;

import java.util.Set;
import java.util.TreeSet;

/**
 * The analyst's risk settings of a compute run, and which of them were given explicitly: an
 * explicit {@code confidence}, {@code horizonDays}, {@code method} or {@code volModel} overrides
 * the policy's base block (as {@code compute --policy} does); the others come from the policy.
 *
 * @param risk      every setting, defaults included
 * @param overrides names of the settings given explicitly, among {@link #OVERRIDABLE}
 */
public record RunParameters(RiskParameters risk, Set<String> overrides) {

    /** The settings that override a policy's base block when given. */
    public static final Set<String> OVERRIDABLE = Set.of("confidence", "horizonDays", "method", "volModel");

    /** Canonical JSON is written on one line (no indentation). */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public RunParameters {
        overrides = Set.copyOf(new TreeSet<>(overrides));
        for (String o : overrides) {
            if (!OVERRIDABLE.contains(o)) {
                throw new IllegalArgumentException("not an overridable setting: " + o);
            }
        }
    }

    public static RunParameters defaults() {
        return new RunParameters(RiskParameters.defaults(), Set.of());
    }

    /** Canonical JSON: fixed field order, every setting written, overrides sorted. */
    public ObjectNode toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("confidence", risk.confidence());
        n.put("horizonDays", risk.horizonDays());
        n.put("method", risk.method().cliName());
        n.put("volModel", risk.volModel());
        n.put("ewmaLambda", risk.ewmaLambda());
        n.put("windowDays", risk.windowDays());
        n.put("scenarios", risk.scenarios());
        n.put("seed", risk.seed());
        n.put("studentDof", risk.studentDof());
        n.put("volOfVol", risk.volOfVol());
        ArrayNode o = n.putArray("overrides");
        new TreeSet<>(overrides).forEach(o::add);
        return n;
    }

    /** The canonical JSON as one line of text (what is stored and hashed). */
    public String toJsonText() {
        try {
            return MAPPER.writeValueAsString(toJson());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@link #toJson()}; a missing setting takes its default. */
    public static RunParameters fromJson(JsonNode n) {
        RiskParameters d = RiskParameters.defaults();
        Set<String> overrides = new TreeSet<>();
        if (n.has("overrides")) {
            n.get("overrides").forEach(x -> overrides.add(x.asText()));
        }
        RiskParameters p = d.toBuilder()
                .confidence(n.path("confidence").asDouble(d.confidence()))
                .horizonDays(n.path("horizonDays").asInt(d.horizonDays()))
                .method(n.has("method") ? RiskMethod.parse(n.get("method").asText()) : d.method())
                .volModel(n.path("volModel").asText(d.volModel()))
                .ewmaLambda(n.path("ewmaLambda").asDouble(d.ewmaLambda()))
                .windowDays(n.path("windowDays").asInt(d.windowDays()))
                .scenarios(n.path("scenarios").asInt(d.scenarios()))
                .seed(n.path("seed").asLong(d.seed()))
                .studentDof(n.path("studentDof").asDouble(d.studentDof()))
                .volOfVol(n.path("volOfVol").asDouble(d.volOfVol()))
                .build();
        return new RunParameters(p, overrides);
    }

    public static RunParameters fromJsonText(String text) {
        try {
            return fromJson(MAPPER.readTree(text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("parameters are not JSON: " + e.getOriginalMessage(), e);
        }
    }
}

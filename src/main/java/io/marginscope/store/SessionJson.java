package io.marginscope.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.io.TextSource;
import io.marginscope.io.PolicyPresets;
import io.marginscope.report.ComputeJson;
import io.marginscope.run.RunInputs;
import io.marginscope.run.RunParameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole session as one JSON document (inputs' texts included): the autosave slot's payload and
 * {@code session show --json}.
 */
public final class SessionJson {

    private SessionJson() {
    }

    public static ObjectNode write(Session s) {
        ObjectNode n = ComputeJson.MAPPER.createObjectNode();
        n.put("id", s.id());
        n.put("name", s.name());
        n.put("version", s.version());
        if (s.savedAt() != null) {
            n.put("savedAt", s.savedAt().toString());
        }
        if (s.inputHash() != null) {
            n.put("inputHash", s.inputHash());
        }
        n.put("notes", s.notes());
        ObjectNode in = n.putObject("inputs");
        RunInputs i = s.inputs();
        text(in.putObject("portfolio"), i.portfolio());
        text(in.putObject("market"), i.market());
        ArrayNode h = in.putArray("history");
        i.history().forEach(t -> text(h.addObject(), t));
        in.set("parameters", i.parameters().toJson());
        if (i.policy() != null) {
            ObjectNode p = in.putObject("policy");
            p.put("ref", i.policy().ref());
            text(p, i.policy().source());
        }
        if (s.resultsJson() != null) {
            n.set("results", s.results());
        }
        ArrayNode tl = n.putArray("timeline");
        for (TimelinePoint t : s.timeline()) {
            ObjectNode r = tl.addObject();
            r.put("time", t.time().toString());
            r.put("equity", t.equity());
            r.put("maintenanceMargin", t.maintenanceMargin());
            r.put("marginRatio", t.marginRatio());
        }
        return n;
    }

    public static String writeText(Session s) {
        try {
            return ComputeJson.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(write(s));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Session read(String text) {
        JsonNode n;
        try {
            n = ComputeJson.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreException("not a session document: " + e.getOriginalMessage(), e);
        }
        JsonNode in = n.get("inputs");
        List<TextSource> history = new ArrayList<>();
        in.path("history").forEach(h -> history.add(text(h)));
        PolicyPresets.PolicyText policy = in.hasNonNull("policy")
                ? new PolicyPresets.PolicyText(in.get("policy").get("ref").asText(), text(in.get("policy"))) : null;
        RunInputs inputs = new RunInputs(text(in.get("portfolio")), text(in.get("market")), history,
                RunParameters.fromJson(in.get("parameters")), policy);
        List<TimelinePoint> timeline = new ArrayList<>();
        n.path("timeline").forEach(t -> timeline.add(new TimelinePoint(Instant.parse(t.get("time").asText()),
                t.get("equity").asDouble(), t.get("maintenanceMargin").asDouble(), t.get("marginRatio").asDouble())));
        String results = null;
        if (n.hasNonNull("results")) {
            try {
                results = ComputeJson.MAPPER.writeValueAsString(n.get("results"));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Session(n.path("id").asLong(0), n.get("name").asText(), n.path("version").asInt(0),
                n.hasNonNull("savedAt") ? Instant.parse(n.get("savedAt").asText()) : null, inputs, results,
                n.hasNonNull("inputHash") ? n.get("inputHash").asText() : null, n.path("notes").asText(""), timeline);
    }

    private static void text(ObjectNode n, TextSource t) {
        n.put("name", t.name());
        n.put("text", t.text());
    }

    private static TextSource text(JsonNode n) {
        return new TextSource(n.get("name").asText(), n.get("text").asText());
    }
}

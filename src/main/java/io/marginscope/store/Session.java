package io.marginscope.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginscope.report.ComputeJson;
import io.marginscope.run.ComputeRun;
import io.marginscope.run.RunInputs;

import java.time.Instant;
import java.util.List;

/**
 * A saved analysis: its inputs (portfolio file text and name, market snapshot, price history
 * files, parameters, policy), its results (the compute JSON), the analyst's notes and the live
 * timeline. A session not yet stored has id 0; {@link SessionStore#save} gives it an id and a
 * version.
 *
 * @param id          the store's id (0 before the first save)
 * @param name        the analyst's name for it
 * @param version     1, 2, ... for each saved change (0 before the first save)
 * @param savedAt     when this version was saved (null before)
 * @param inputs      what the run read
 * @param resultsJson the compute JSON of those inputs (FORMATS.md section 5), or null when not computed
 * @param inputHash   SHA-256 of the canonical inputs ({@link RunInputs#hash()}) the results were computed from;
 *                    null for a session migrated from a store that did not record it
 * @param notes       free text
 * @param timeline    live observations, oldest first
 */
public record Session(long id, String name, int version, Instant savedAt, RunInputs inputs, String resultsJson,
                      String inputHash, String notes, List<TimelinePoint> timeline) {

    public Session {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a session needs a name");
        }
        if (inputs == null) {
            throw new IllegalArgumentException("a session needs its inputs");
        }
        notes = notes == null ? "" : notes;
        timeline = List.copyOf(timeline);
    }

    /** A new session of a finished run. */
    public static Session of(String name, ComputeRun.Result run, String notes) {
        String json;
        try {
            json = ComputeJson.MAPPER.writeValueAsString(ComputeJson.of(run));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Session(0, name, 0, null, run.inputs(), json, run.inputs().hash(), notes, List.of());
    }

    /** The same content as a new session (id 0, no version): {@link SessionStore#save} stores it apart. */
    public Session asNew() {
        return new Session(0, name, 0, null, inputs, resultsJson, inputHash, notes, timeline);
    }

    public Session withName(String n) {
        return new Session(id, n, version, savedAt, inputs, resultsJson, inputHash, notes, timeline);
    }

    public Session withNotes(String n) {
        return new Session(id, name, version, savedAt, inputs, resultsJson, inputHash, n, timeline);
    }

    public Session withTimeline(List<TimelinePoint> t) {
        return new Session(id, name, version, savedAt, inputs, resultsJson, inputHash, notes, t);
    }

    /** The same session with other inputs and their results (a new version once saved). */
    public Session withRun(ComputeRun.Result run) {
        Session s = of(name, run, notes);
        return new Session(id, name, version, savedAt, s.inputs, s.resultsJson, s.inputHash, notes, timeline);
    }

    /** The results as a JSON tree (empty object when none). */
    public JsonNode results() {
        if (resultsJson == null) {
            return ComputeJson.MAPPER.createObjectNode();
        }
        try {
            return ComputeJson.MAPPER.readTree(resultsJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreException("session " + id + ": results are not JSON", e);
        }
    }

    /** A number of the results ({@code maintenanceMargin}, {@code es}, ...), NaN when absent. */
    public double result(String field) {
        JsonNode n = results().get(field);
        return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
    }
}

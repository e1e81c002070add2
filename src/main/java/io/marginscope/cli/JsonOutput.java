package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginscope.report.ComputeJson;
import io.marginscope.report.OutputTarget;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writes a JSON result to {@code --json}: standard output for '-', a device or FIFO directly, a file
 * atomically (a failed write leaves the old file; {@link OutputTarget}).
 */
final class JsonOutput {

    static final String OPTION = "--json";

    private JsonOutput() {
    }

    static void write(JsonNode node, String target, PrintWriter stdout) throws IOException {
        stage(node, target, stdout).commit();
    }

    /** Checks the target before a run: a folder, an empty name or a missing folder is bad input. */
    static OutputTarget target(String target) {
        return OutputTarget.of(OPTION, target);
    }

    /** The JSON written aside, in place on commit (with the other outputs of the run). */
    static OutputTarget.Staged stage(JsonNode node, String target, PrintWriter stdout) throws IOException {
        String text = ComputeJson.MAPPER.writeValueAsString(node) + System.lineSeparator();
        return target(target).stage(out -> out.write(text.getBytes(StandardCharsets.UTF_8)), stdout);
    }
}

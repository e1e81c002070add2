package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginscope.report.ComputeJson;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a JSON result to a file (atomically: a failed write leaves the old file) or to stdout for '-'. */
final class JsonOutput {

    private JsonOutput() {
    }

    static void write(JsonNode node, String target, PrintWriter stdout) throws IOException {
        String text = ComputeJson.MAPPER.writeValueAsString(node) + System.lineSeparator();
        if ("-".equals(target)) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        Path path = Path.of(target).toAbsolutePath();
        Path tmp = Files.createTempFile(path.getParent(), path.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

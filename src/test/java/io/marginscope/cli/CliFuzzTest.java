package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutates the sample inputs (a seeded generator: byte flips, truncation, huge and tiny numbers,
 * NaN/Infinity strings, far dates, unknown fields, other encodings, dropped and repeated lines) and
 * runs the command line in-process on each mutant: every outcome is exit 0 with JSON whose promised
 * numbers are there and finite, or exit 2 with one line. Never exit 1, never a trace.
 * {@code -Dmarginscope.fuzz.count=N} sets the number of mutants (default 2,000).
 */
class CliFuzzTest {

    static final int COUNT = Integer.getInteger("marginscope.fuzz.count", 2000);
    static final long SEED = Long.getLong("marginscope.fuzz.seed", 20261207L);
    static final String[] BOOKS = {"btc-short-strangle", "eth-perp-leveraged", "btc-eth-basis", "deribit-options-book"};
    static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    static final String[] HUGE_TINY = {"1e308", "-1e308", "1e300", "1e35", "-1e35", "1e-320", "4.9e-324", "0", "-0",
            "1e16", "123456789012345678901234567890", "0.000000000000001", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"",
            "NaN", "Infinity", "-Infinity", "1e", "--1", "0x10", "2.5d", "\"\"", "null", "true", "[]", "{}"};
    static final String[] FAR_DATES = {"9999-12-31", "0001-01-01", "1900-01-01", "2100-02-29", "2024-02-30",
            "2024-13-01", "2124-11-20", "1970-01-01"};

    record Outcome(String kind, String mutation, String detail) { }

    @Test
    void mutatedSamplesAreComputedOrRejectedInOneLine(@TempDir Path dir) throws Exception {
        Random rnd = new Random(SEED);
        Path history = writeHistory(dir);
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Integer> counts = new TreeMap<>();
        List<Outcome> bad = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < COUNT; i++) {
            String book = BOOKS[rnd.nextInt(BOOKS.length)];
            boolean json = book.startsWith("deribit");
            Path portfolio = SAMPLES.resolve(book + (json ? ".json" : ".csv"));
            Path market = SAMPLES.resolve(book + ".market.json");
            byte[] original;
            String mutation;
            Path target;
            int which = rnd.nextInt(10);
            if (which < 5) {
                target = portfolio;
            } else if (which < 9) {
                target = market;
            } else {
                target = history;
            }
            original = Files.readAllBytes(target);
            StringBuilder how = new StringBuilder(target.getFileName().toString()).append(": ");
            byte[] mutated = mutate(original, rnd, how);
            mutation = how.toString();
            String name = target.getFileName().toString();
            Path m = dir.resolve("m" + i + "-" + name);
            Files.write(m, mutated);
            if (target == portfolio) {
                portfolio = m;
            } else if (target == market) {
                market = m;
            }
            Path hist = target == history ? m : history;
            List<String> args = new ArrayList<>(List.of(rnd.nextInt(5) == 0 ? "stress" : "compute",
                    "--portfolio", portfolio.toString(), "--market", market.toString(), "--json", "-"));
            boolean policy = false;
            if (args.getFirst().equals("compute")) {
                int mode = rnd.nextInt(4);
                if (mode == 1 || which == 9) {
                    args.addAll(List.of("--history", hist.toString(), "--method", rnd.nextBoolean() ? "historical" : "fhs"));
                } else if (mode == 2) {
                    args.addAll(List.of("--policy", rnd.nextBoolean() ? "ramm" : "span", "--scenarios", "300"));
                    policy = true;
                } else if (mode == 3) {
                    args.addAll(List.of("--method", "montecarlo", "--scenarios", "300"));
                }
            }
            ComputeCommandTest.Run r;
            try {
                r = ComputeCommandTest.run(args.toArray(String[]::new));
            } catch (Throwable t) {
                bad.add(new Outcome("thrown", mutation, t.toString()));
                continue;
            }
            counts.merge("exit " + r.status(), 1, Integer::sum);
            if (r.status() == 2) {
                String err = r.err().strip();
                if (!err.startsWith("error: ") || err.contains("\n") || err.length() > 700) {
                    bad.add(new Outcome("exit 2 not one line", mutation, cut(err)));
                }
            } else if (r.status() == 0) {
                String problem = checkJson(mapper, args.getFirst(), policy, r.out());
                if (problem != null) {
                    bad.add(new Outcome("exit 0 " + problem, mutation, summary(mapper, r.out())));
                }
            } else {
                bad.add(new Outcome("exit " + r.status(), mutation, cut(r.err())));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("fuzz: %d mutants in %.1f s, outcomes %s, bad %d%n", COUNT, seconds, counts, bad.size());
        assertThat(bad).as(() -> bad.stream().limit(15).map(Outcome::toString).reduce("", (a, b) -> a + "\n" + b))
                .isEmpty();
        // the mutants reach both outcomes: the generator does exercise the readers and the engine
        assertThat(counts.getOrDefault("exit 0", 0)).isPositive();
        assertThat(counts.getOrDefault("exit 2", 0)).isPositive();
    }

    /** Null when the promised numbers are there and finite (FORMATS.md section 5), else what is wrong. */
    static String checkJson(ObjectMapper mapper, String command, boolean policy, String out) {
        JsonNode j;
        try {
            j = mapper.readTree(out);
        } catch (Exception e) {
            return "not JSON";
        }
        if (out.contains("NaN") || out.contains("Infinity")) {
            return "NaN or Infinity in the JSON";
        }
        List<String> promised = new ArrayList<>();
        if (command.equals("compute")) {
            promised.addAll(List.of("equity", "var", "es"));
            if (policy) {
                promised.add("maintenanceMargin");
            }
            for (JsonNode p : j.path("positions")) {
                if (!p.has("error") && !p.path("value").isNumber()) {
                    return "position without a value";
                }
            }
            if (j.path("var").isNumber() && j.path("var").asDouble() < 0) {
                return "negative VaR";
            }
        } else {
            if (!j.path("stress").isArray()) {
                return "no stress array";
            }
            for (JsonNode s : j.path("stress")) {
                if (!s.path("pnl").isNumber()) {
                    return "stress scenario without a pnl";
                }
            }
        }
        for (String f : promised) {
            if (!j.path(f).isNumber() || !Double.isFinite(j.path(f).asDouble())) {
                return "missing or not a number: " + f;
            }
        }
        return null;
    }

    static byte[] mutate(byte[] in, Random rnd, StringBuilder how) {
        String text = new String(in, StandardCharsets.UTF_8);
        switch (rnd.nextInt(11)) {
            case 0 -> {
                byte[] b = in.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    int at = rnd.nextInt(b.length);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                how.append("flipped ").append(flips).append(" bits");
                return b;
            }
            case 1 -> {
                int at = rnd.nextInt(in.length);
                how.append("truncated at ").append(at);
                return java.util.Arrays.copyOf(in, at);
            }
            case 2, 3, 4 -> {
                String v = HUGE_TINY[rnd.nextInt(HUGE_TINY.length)];
                how.append("a number replaced by ").append(v);
                return replaceOne(text, NUMBER, v, rnd).getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> {
                String v = FAR_DATES[rnd.nextInt(FAR_DATES.length)];
                how.append("a date replaced by ").append(v);
                return replaceOne(text, DATE, v, rnd).getBytes(StandardCharsets.UTF_8);
            }
            case 6 -> {
                how.append("an unknown field");
                if (text.stripLeading().startsWith("{")) {
                    int brace = text.indexOf('{');
                    return (text.substring(0, brace + 1) + "\"zzUnknown\": {\"x\": [1, 2]}, " + text.substring(brace + 1))
                            .getBytes(StandardCharsets.UTF_8);
                }
                return text.replaceFirst("(?m)^(id|date),", "zz_unknown,$1,").replaceAll("(?m)^([^#\\n][^\\n]*)$", "$1")
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 7 -> {
                String[] enc = {"UTF-16", "ISO-8859-1", "UTF-16LE", "BOM"};
                String e = enc[rnd.nextInt(enc.length)];
                how.append("encoded ").append(e);
                if (e.equals("BOM")) {
                    return ("\uFEFF" + text.replace("a", "\u00e4")).getBytes(StandardCharsets.UTF_8);
                }
                return text.replace("e", "\u00e9").getBytes(java.nio.charset.Charset.forName(e));
            }
            case 8 -> {
                List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
                int at = rnd.nextInt(lines.size());
                if (rnd.nextBoolean()) {
                    how.append("line ").append(at + 1).append(" dropped");
                    lines.remove(at);
                } else {
                    how.append("line ").append(at + 1).append(" repeated");
                    lines.add(at, lines.get(at));
                }
                return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
            }
            case 9 -> {
                how.append("a 100,000-character value");
                return replaceOne(text, NUMBER, "9".repeat(100_000), rnd).getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                // several numbers at once: signs flipped
                how.append("numbers negated");
                Matcher m = NUMBER.matcher(text);
                StringBuilder sb = new StringBuilder();
                while (m.find()) {
                    String g = m.group();
                    m.appendReplacement(sb, rnd.nextInt(3) == 0 ? (g.startsWith("-") ? g.substring(1) : "-" + g) : g);
                }
                m.appendTail(sb);
                return sb.toString().getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    static String replaceOne(String text, Pattern p, String with, Random rnd) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return text + with;
        }
        int[] s = spans.get(rnd.nextInt(spans.size()));
        return text.substring(0, s[0]) + with + text.substring(s[1]);
    }

    /** A wide history of the samples' assets: 400 days of a seeded random walk up to the snapshots' day. */
    static Path writeHistory(Path dir) throws Exception {
        Random rnd = new Random(3);
        StringBuilder sb = new StringBuilder("date,BTC,ETH,SOL,USDC\n");
        double[] px = {30000, 1800, 25, 1};
        LocalDate d = LocalDate.of(2024, 11, 20).minusDays(399);
        for (int i = 0; i < 400; i++, d = d.plusDays(1)) {
            sb.append(d);
            for (int a = 0; a < px.length; a++) {
                if (a < 3) {
                    px[a] *= Math.exp(0.03 * rnd.nextGaussian());
                }
                sb.append(',').append(String.format(java.util.Locale.ROOT, "%.4f", px[a]));
            }
            sb.append('\n');
        }
        return Files.writeString(dir.resolve("history.csv"), sb.toString());
    }

    static String summary(ObjectMapper mapper, String out) {
        try {
            JsonNode j = mapper.readTree(out);
            return "var=" + j.path("var") + " es=" + j.path("es") + " mm=" + j.path("maintenanceMargin") + " warnings="
                    + j.path("warnings");
        } catch (Exception e) {
            return cut(out);
        }
    }

    static String cut(String s) {
        String t = s.strip();
        Iterator<String> lines = t.lines().iterator();
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 4 && lines.hasNext(); k++) {
            sb.append(lines.next()).append(" | ");
        }
        return sb.length() > 400 ? sb.substring(0, 400) : sb.toString();
    }
}

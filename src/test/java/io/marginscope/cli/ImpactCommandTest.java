package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.report.CsvCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code impact} over a generated client base of 200 accounts: every row is {@code compute --policy} on
 * that account's file alone, and every aggregate is its definition recomputed from the per-account CSV.
 */
class ImpactCommandTest {

    static final int ACCOUNTS = 200;
    static final List<String> POLICIES = List.of("ramm", "span");

    @TempDir
    static Path dir;
    static Path base;
    static Path market;
    static Path csv;
    static JsonNode json;

    @BeforeAll
    static void generateAndRun() throws Exception {
        base = dir.resolve("base");
        ComputeCommandTest.Run g = run("accounts-generate", "--accounts", "" + ACCOUNTS, "--seed", "11", "--out",
                base.toString());
        assertThat(g.status()).as(g.err()).isZero();
        market = base.resolve("market.json");
        csv = dir.resolve("impact.csv");
        Path out = dir.resolve("impact.json");
        pdf = dir.resolve("impact.pdf");
        ComputeCommandTest.Run r = run(impactArgs(base, "--csv", csv.toString(), "--json", out.toString(), "--pdf",
                pdf.toString()));
        assertThat(r.status()).as(r.err()).isZero();
        json = new ObjectMapper().readTree(out.toFile());
    }

    static Path pdf;

    @Test
    void thePdfReportShowsThePoliciesSideBySide() throws IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).contains("Totals per policy").contains("Zones: ramm to span")
                    .contains("Change of MM per account: ramm to span").contains(ACCOUNTS + " accounts");
            for (int p = 0; p < POLICIES.size(); p++) {
                double mm = json.get("policies").get(p).get("maintenanceMargin").asDouble();
                assertThat(text).contains(io.marginscope.report.Fmt.fixed(mm, 0));
            }
        }
    }

    /** The impact arguments shared by these tests: ramm with a parametric base (fast) and span. */
    static String[] impactArgs(Path accounts, String... more) {
        List<String> a = new ArrayList<>(List.of("impact", "--accounts", accounts.toString(), "--market",
                market.toString(), "--policy", "ramm", "--policy", "span", "--method", "parametric"));
        a.addAll(Arrays.asList(more));
        return a.toArray(String[]::new);
    }

    @Test
    void everyRowIsComputeOnThatAccountAlone() throws Exception {
        JsonNode accounts = json.get("accounts");
        assertThat(accounts).hasSize(ACCOUNTS);
        assertThat(json.get("accountCount").asLong()).isEqualTo(ACCOUNTS);
        ObjectMapper m = new ObjectMapper();
        for (JsonNode a : accounts) {
            Path file = Path.of(a.get("source").asText());
            assertThat(file.getFileName().toString()).isEqualTo(a.get("account").asText() + ".csv");
            for (int p = 0; p < POLICIES.size(); p++) {
                ComputeCommandTest.Run c = run("compute", "--portfolio", file.toString(), "--market", market.toString(),
                        "--policy", POLICIES.get(p), "--method", "parametric");
                assertThat(c.status()).as(c.err()).isZero();
                JsonNode alone = m.readTree(c.out());
                JsonNode row = a.get("policies").get(p);
                assertThat(row.get("policy").asText()).isEqualTo(POLICIES.get(p));
                for (String f : List.of("equity", "adjustedEquity", "maintenanceMargin", "initialMargin",
                        "marginRatio", "freeMargin", "zone")) {
                    assertThat(row.get(f)).as(a.get("account") + " " + POLICIES.get(p) + " " + f)
                            .isEqualTo(alone.get(f));
                }
                assertThat(row.get("liquidation")).as(a.get("account") + " liquidation").isEqualTo(alone.get("liquidation"));
            }
        }
    }

    record Row(String account, String policy, double equity, double adjusted, double mm, double im, double ratio,
               String zone, double call) { }

    static List<Row> rows(Path file) throws IOException {
        List<Row> out = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(new StringReader(Files.readString(file)),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord r : p) {
                out.add(new Row(r.get("account"), r.get("policy"), CsvCells.parseNumber(r.get("equity")),
                        CsvCells.parseNumber(r.get("adjustedEquity")), CsvCells.parseNumber(r.get("maintenanceMargin")),
                        CsvCells.parseNumber(r.get("initialMargin")), CsvCells.parseNumber(r.get("marginRatio")),
                        r.get("zone"), CsvCells.parseNumber(r.get("marginCall"))));
            }
        }
        return out;
    }

    @Test
    void totalsCountsAndTransitionsAreTheirDefinitionsOverTheCsv() throws IOException {
        List<Row> rows = rows(csv);
        assertThat(rows).hasSize(ACCOUNTS * POLICIES.size());
        Map<String, Map<String, Row>> byPolicy = new LinkedHashMap<>();
        for (Row r : rows) {
            byPolicy.computeIfAbsent(r.policy(), k -> new LinkedHashMap<>()).put(r.account(), r);
        }
        List<String> states = List.of("OK", "WARNING", "LIQUIDATION", "N/A");
        for (int p = 0; p < POLICIES.size(); p++) {
            JsonNode t = json.get("policies").get(p);
            assertThat(t.get("policy").asText()).isEqualTo(POLICIES.get(p));
            double mm = 0;
            double im = 0;
            double call = 0;
            Map<String, Integer> zones = new LinkedHashMap<>();
            for (Row r : byPolicy.get(POLICIES.get(p)).values()) {
                mm += r.mm();
                im += r.im();
                call += Math.max(0, r.mm() - r.adjusted());
                assertThat(r.call()).isEqualTo(Math.max(0, r.mm() - r.adjusted()));
                zones.merge(r.zone(), 1, Integer::sum);
            }
            // summed in the same account order: equal to the last bit
            assertThat(t.get("maintenanceMargin").asDouble()).isEqualTo(mm);
            assertThat(t.get("initialMargin").asDouble()).isEqualTo(im);
            assertThat(t.get("marginCall").asDouble()).isEqualTo(call);
            for (String z : List.of("OK", "WARNING", "LIQUIDATION")) {
                assertThat(t.get("zones").get(z).asInt()).as(z).isEqualTo(zones.getOrDefault(z, 0));
            }
            assertThat(t.get("accounts").asInt()).isEqualTo(ACCOUNTS);
            double byUnderlying = 0;
            for (JsonNode v : t.get("marginByUnderlying")) {
                byUnderlying += v.asDouble();
            }
            assertThat(byUnderlying).isCloseTo(mm, within(1e-9 * mm));
        }
        // the transition matrix ramm -> span, and the change distribution
        long[][] counts = new long[4][4];
        List<Double> changes = new ArrayList<>();
        for (String account : byPolicy.get("ramm").keySet()) {
            Row a = byPolicy.get("ramm").get(account);
            Row b = byPolicy.get("span").get(account);
            counts[states.indexOf(a.zone())][states.indexOf(b.zone())]++;
            changes.add(b.mm() - a.mm());
        }
        JsonNode tr = json.get("transitions").get(0);
        assertThat(tr.get("from").asText()).isEqualTo("ramm");
        assertThat(tr.get("to").asText()).isEqualTo("span");
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(tr.get("counts").get(i).get(j).asLong()).as(i + "->" + j).isEqualTo(counts[i][j]);
            }
        }
        JsonNode ch = json.get("changes").get(0);
        double[] sorted = changes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertThat(ch.get("min").asDouble()).isEqualTo(sorted[0]);
        assertThat(ch.get("max").asDouble()).isEqualTo(sorted[sorted.length - 1]);
        // the median of an even count: the mean of the two middle values
        double median = (sorted[ACCOUNTS / 2 - 1] + sorted[ACCOUNTS / 2]) / 2;
        assertThat(ch.get("percentiles").get("p50").asDouble()).isCloseTo(median, within(1e-9 * Math.abs(median) + 1e-9));
        long binned = 0;
        for (JsonNode b : ch.get("histogram")) {
            binned += b.get("count").asLong();
        }
        assertThat(binned).isEqualTo(ACCOUNTS);
        // the top movers: the 20 largest rises (change > 0) and falls (change < 0), largest first
        double[] rises = Arrays.stream(sorted).filter(v -> v > 0).toArray();
        double[] falls = Arrays.stream(sorted).filter(v -> v < 0).toArray();
        JsonNode up = ch.get("topIncreases");
        JsonNode down = ch.get("topDecreases");
        assertThat(up).hasSize(Math.min(20, rises.length));
        assertThat(down).hasSize(Math.min(20, falls.length));
        assertThat(up.size() + down.size()).isPositive();
        for (int i = 0; i < up.size(); i++) {
            assertThat(up.get(i).get("change").asDouble()).isEqualTo(rises[rises.length - 1 - i]);
        }
        for (int i = 0; i < down.size(); i++) {
            assertThat(down.get(i).get("change").asDouble()).isEqualTo(falls[i]);
        }
    }

    @Test
    void theFiguresDoNotDependOnTheThreadCount() throws IOException {
        Path one = dir.resolve("t1.csv");
        Path three = dir.resolve("t3.csv");
        assertThat(run(impactArgs(base, "--threads", "1", "--csv", one.toString())).status()).isZero();
        assertThat(run(impactArgs(base, "--threads", "3", "--csv", three.toString())).status()).isZero();
        assertThat(Files.readString(one)).isEqualTo(Files.readString(csv)).isEqualTo(Files.readString(three));
    }

    @Test
    void sparkInLocal2GivesTheSameRowsAndTotalsAsTheLocalEngine() throws IOException {
        Path out = dir.resolve("spark.csv");
        Path outJson = dir.resolve("spark.json");
        ComputeCommandTest.Run r = run(impactArgs(base, "--engine", "spark", "--spark-master", "local[2]", "--csv",
                out.toString(), "--json", outJson.toString()));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo(Files.readString(csv));
        JsonNode s = new ObjectMapper().readTree(outJson.toFile());
        assertThat(s.get("accounts")).isEqualTo(json.get("accounts"));
        assertThat(s.get("policies")).isEqualTo(json.get("policies"));
        assertThat(s.get("transitions")).isEqualTo(json.get("transitions"));
        assertThat(s.get("changes")).isEqualTo(json.get("changes"));
        assertThat(s.get("parameters").get("engine").asText()).isEqualTo("spark");
    }

    @Test
    void aMalformedAccountStopsTheRunNamingFileLineAndColumn() throws IOException {
        Path bad = copyBase("bad");
        Path victim = bad.resolve("acct-000017.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(victim));
        String[] cells = lines.get(1).split(",", -1);
        cells[2] = "SWAP";
        lines.set(1, String.join(",", cells));
        Files.write(victim, lines);
        Path out = bad.resolve("out.csv");
        Path jsonOut = bad.resolve("out.json");
        ComputeCommandTest.Run r = run(impactArgs(bad, "--csv", out.toString(), "--json", jsonOut.toString()));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(victim.toString()).contains("line 2").contains("column 'type'").contains("SWAP");
        assertThat(out).doesNotExist();
        assertThat(jsonOut).doesNotExist();
        try (Stream<Path> left = Files.list(bad)) {
            assertThat(left.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }

        ComputeCommandTest.Run skip = run(impactArgs(bad, "--skip-bad", "--json", jsonOut.toString()));
        assertThat(skip.status()).as(skip.err()).isZero();
        assertThat(skip.err()).contains("warning: account acct-000017 left out").contains("line 2");
        JsonNode j = new ObjectMapper().readTree(jsonOut.toFile());
        assertThat(j.get("accountCount").asInt()).isEqualTo(ACCOUNTS - 1);
        assertThat(j.get("skipped").get(0).asText()).startsWith("acct-000017: ");
        double expected = 0;
        for (Row row : rows(csv)) {
            if (row.policy().equals("span") && !row.account().equals("acct-000017")) {
                expected += row.mm();
            }
        }
        assertThat(j.get("policies").get(1).get("maintenanceMargin").asDouble()).isEqualTo(expected);
    }

    @Test
    void oneCsvWithAnAccountColumnGivesTheSameRowsAsTheFolder() throws IOException {
        Path single = dir.resolve("single").resolve("clients.csv");
        Files.createDirectories(single.getParent());
        assertThat(run("accounts-generate", "--accounts", "" + ACCOUNTS, "--seed", "11", "--out", single.toString())
                .status()).isZero();
        Path out = dir.resolve("single.csv");
        ComputeCommandTest.Run r = run(impactArgs(single, "--csv", out.toString()));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo(Files.readString(csv));

        List<String> lines = new ArrayList<>(Files.readAllLines(single));
        int line = 40;
        String[] cells = lines.get(line - 1).split(",", -1);
        cells[6] = "lots";
        lines.set(line - 1, String.join(",", cells));
        Path broken = single.resolveSibling("broken.csv");
        Files.write(broken, lines);
        ComputeCommandTest.Run b = run(impactArgs(broken, "--csv", dir.resolve("never.csv").toString()));
        assertThat(b.status()).isEqualTo(2);
        assertThat(b.err()).contains(broken.toString()).contains("line " + line).contains("column 'quantity'");
        assertThat(dir.resolve("never.csv")).doesNotExist();
    }

    static Path copyBase(String name) throws IOException {
        Path to = dir.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(base)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}

package io.marginscope.report;

import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.margin.PolicyComparison;
import io.marginscope.margin.PolicyCoverage;
import io.marginscope.io.PolicyPresets;
import io.marginscope.run.ComputeRun;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code margin-components.csv} of the CSV set: one row per policy and component (the run's policy
 * first, then every preset of the comparison), with the readable name, the amount, the share of MM
 * (empty for a part that does not make MM; the shares of a policy add up to 1) and the role, and
 * the policy's coverage. And {@code policy.json}: the policy file the run used.
 */
final class MarginComponentsCsv {

    static final List<String> HEADER = List.of("policy", "this_run", "coverage", "not_covered", "component",
            "name", "usd", "share_of_mm", "role");

    private MarginComponentsCsv() {
    }

    static void print(ReportData data, CSVPrinter out, int[] escaped) throws IOException {
        out.printRecord(HEADER);
        ComputeRun.Result run = data.run();
        if (run.margin() != null) {
            rows(out, run.margin(), run.policy(), data.coverage(), true, escaped);
        }
        for (PolicyComparison.Row row : data.comparison()) {
            if (row.result() == null || run.policy() != null && run.policy().name().equals(row.policy())
                    && run.margin() != null) {
                continue;
            }
            Policy p = PolicyPresets.available().contains(row.policy()) ? load(row.policy()) : null;
            rows(out, row.result(), p, row.coverage(), false, escaped);
        }
    }

    private static Policy load(String name) {
        try {
            return PolicyPresets.load(name);
        } catch (io.marginscope.io.InputException e) {
            return null;
        }
    }

    private static void rows(CSVPrinter out, MarginResult m, Policy p, PolicyCoverage c, boolean thisRun,
                             int[] escaped) throws IOException {
        String status = c == null ? "" : c.status();
        String missing = c == null ? "" : String.join(";", c.notCovered().keySet());
        List<ComponentShares.Row> rows = new ArrayList<>(ComponentShares.of(m, p));
        for (ComponentShares.Row r : rows) {
            out.printRecord(CsvExport.text(m.policy(), escaped), thisRun, status, CsvExport.text(missing, escaped),
                    r.key(), CsvExport.text(r.name(), escaped), CsvCells.number(r.usd()), CsvCells.number(r.share()),
                    r.role().name().toLowerCase(java.util.Locale.ROOT));
        }
        out.printRecord(CsvExport.text(m.policy(), escaped), thisRun, status, CsvExport.text(missing, escaped),
                "maintenanceMargin", "Maintenance margin", CsvCells.number(m.maintenanceMargin()),
                CsvCells.number(m.maintenanceMargin() > 0 ? 1 : Double.NaN), "total");
    }
}

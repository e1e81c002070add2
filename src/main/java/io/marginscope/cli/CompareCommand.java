package io.marginscope.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.io.InputException;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.margin.PolicyComparison;
import io.marginscope.io.PolicyPresets;
import io.marginscope.report.ComputeJson;
import io.marginscope.report.MarginJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code marginscope compare}: one book under many policies, side by side. Each row is the margin
 * {@code compute --policy} gives for that policy (the same engine call).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Maintenance margin, initial margin and margin ratio of one book under several policies.")
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--portfolio", required = true, paramLabel = "P") Path portfolio;
    @Option(names = "--market", required = true, paramLabel = "M") Path market;
    @Option(names = "--policy", paramLabel = "NAME|policy.json",
            description = "Policies to compare (repeatable); default: every preset that applies.")
    List<String> policies = new ArrayList<>();
    @Mixin MarginRunOptions run;
    @Option(names = "--json", defaultValue = "-", paramLabel = "OUT|-") String json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InputException, IOException {
        Inputs in = Inputs.load(portfolio, market);
        List<String> names = policies.isEmpty() ? PolicyPresets.available() : policies;
        List<Policy> list = new ArrayList<>();
        for (String n : names) {
            list.add(PolicyPresets.load(n));
        }
        // each policy with the history compute would give it (--history, else the bundled one when it needs one)
        List<PolicyComparison.Row> rows = new ArrayList<>();
        try {
            for (Policy p : list) {
                rows.addAll(PolicyComparison.compare(in.book(), in.market(), run.history(p), List.of(p),
                        run.settings(), !policies.isEmpty()));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ObjectNode out = ComputeJson.MAPPER.createObjectNode();
        out.put("portfolio", in.book().name());
        out.put("asOf", in.market().asOf().toString());
        ArrayNode arr = out.putArray("policies");
        for (PolicyComparison.Row row : rows) {
            ObjectNode n = arr.addObject();
            n.put("policy", row.policy());
            if (row.result() == null) {
                n.put("skipped", row.note());
                continue;
            }
            MarginResult m = row.result();
            ComputeJson.put(n, "equity", m.equity());
            MarginJson.write(n, m, row.coverage());
        }
        JsonOutput.write(out, json, spec.commandLine().getOut());
        return MarginScopeCommand.OK;
    }
}

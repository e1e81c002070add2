package io.marginscope.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginscope.io.InputException;
import io.marginscope.io.TextSource;
import io.marginscope.report.ComputeJson;
import io.marginscope.run.ComputeRun;
import io.marginscope.run.RunInputs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Comparing two sessions, and a session with its recomputation. */
final class SessionDiff {

    static final int MAX_DIFFERENCES = 50;

    private SessionDiff() {
    }

    static SessionComparison compare(Session a, Session b) {
        RunInputs x = a.inputs();
        RunInputs y = b.inputs();
        List<String> changed = new ArrayList<>();
        if (!same(x.portfolio(), y.portfolio())) {
            changed.add("portfolio");
        }
        if (!same(x.market(), y.market())) {
            changed.add("market");
        }
        if (x.history().size() != y.history().size()) {
            changed.add("history");
        } else {
            for (int i = 0; i < x.history().size(); i++) {
                if (!same(x.history().get(i), y.history().get(i))) {
                    changed.add("history");
                    break;
                }
            }
        }
        JsonNode px = x.parameters().toJson();
        JsonNode py = y.parameters().toJson();
        for (Iterator<String> it = px.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Objects.equals(px.get(f), py.get(f))) {
                changed.add("parameters." + f);
            }
        }
        String policyX = x.policy() == null ? null : RunInputs.canonical(x.policy().source().text());
        String policyY = y.policy() == null ? null : RunInputs.canonical(y.policy().source().text());
        if (!Objects.equals(policyX, policyY)) {
            changed.add("policy");
        }
        return new SessionComparison(a.id(), a.version(), b.id(), b.version(), changed, positionChanges(a, b),
                move(a, b, "equity"), move(a, b, "maintenanceMargin"), move(a, b, "es"));
    }

    private static boolean same(TextSource p, TextSource q) {
        return RunInputs.fileName(p.name()).equals(RunInputs.fileName(q.name()))
                && RunInputs.canonical(p.text()).equals(RunInputs.canonical(q.text()));
    }

    private static SessionComparison.Move move(Session a, Session b, String field) {
        return new SessionComparison.Move(a.result(field), b.result(field));
    }

    /** From the results' positions: ids added, removed, or with another quantity. */
    private static List<String> positionChanges(Session a, Session b) {
        Map<String, Double> qa = quantities(a.results());
        Map<String, Double> qb = quantities(b.results());
        List<String> out = new ArrayList<>();
        qa.forEach((id, q) -> {
            if (!qb.containsKey(id)) {
                out.add(id + ": removed");
            } else if (Double.compare(q, qb.get(id)) != 0) {
                out.add(id + ": quantity " + fmt(q) + " -> " + fmt(qb.get(id)));
            }
        });
        qb.forEach((id, q) -> {
            if (!qa.containsKey(id)) {
                out.add(id + ": added (" + fmt(q) + ")");
            }
        });
        return out;
    }

    private static String fmt(double q) {
        return q == Math.rint(q) && Math.abs(q) < 1e15 ? Long.toString((long) q) : Double.toString(q);
    }

    private static Map<String, Double> quantities(JsonNode results) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (JsonNode p : results.path("positions")) {
            out.put(p.path("id").asText(), p.path("quantity").asDouble(Double.NaN));
        }
        return out;
    }

    static Verification verify(Session s) {
        ComputeRun.Result run;
        try {
            run = ComputeRun.run(s.inputs());
        } catch (InputException | RuntimeException e) {
            throw new StoreException("session " + s.id() + " does not recompute from its stored inputs: "
                    + e.getMessage(), e);
        }
        List<String> numbers = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        walk("", s.results(), ComputeJson.of(run), numbers, texts);
        return new Verification(s.inputHash(), s.inputs().hash(), numbers.isEmpty() && s.resultsJson() != null,
                numbers, texts);
    }

    /** Every difference of two JSON trees: numbers (exact, bit for bit) apart from everything else. */
    static void walk(String at, JsonNode saved, JsonNode now, List<String> numbers, List<String> texts) {
        if (numbers.size() >= MAX_DIFFERENCES) {
            return;
        }
        boolean numeric = saved != null && saved.isNumber() || now != null && now.isNumber();
        if (saved == null || now == null || saved.isMissingNode() || now.isMissingNode()) {
            (numeric || containsNumber(saved) || containsNumber(now) ? numbers : texts)
                    .add(at + ": " + (saved == null ? "absent" : saved) + " -> " + (now == null ? "absent" : now));
            return;
        }
        if (saved.isNumber() && now.isNumber()) {
            if (Double.doubleToLongBits(saved.asDouble()) != Double.doubleToLongBits(now.asDouble())) {
                numbers.add(at + ": " + saved.asText() + " -> " + now.asText());
            }
            return;
        }
        if (saved.isObject() && now.isObject()) {
            java.util.Set<String> fields = new java.util.LinkedHashSet<>();
            saved.fieldNames().forEachRemaining(fields::add);
            now.fieldNames().forEachRemaining(fields::add);
            for (String f : fields) {
                walk(at + "/" + f, saved.get(f), now.get(f), numbers, texts);
            }
            return;
        }
        if (saved.isArray() && now.isArray()) {
            for (int i = 0; i < Math.max(saved.size(), now.size()); i++) {
                walk(at + "/" + i, saved.get(i), now.get(i), numbers, texts);
            }
            return;
        }
        if (!saved.equals(now)) {
            (numeric ? numbers : texts).add(at + ": " + saved + " -> " + now);
        }
    }

    private static boolean containsNumber(JsonNode n) {
        if (n == null) {
            return false;
        }
        if (n.isNumber()) {
            return true;
        }
        for (JsonNode c : n) {
            if (containsNumber(c)) {
                return true;
            }
        }
        return false;
    }
}

package io.marginscope.ui.impact;

import io.marginscope.ui.control.SignedCell;
import io.marginscope.impact.ImpactSummary;
import io.marginscope.ui.control.Formats;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The rows the Impact window shows, read off an {@link ImpactSummary} as they stand (nothing is
 * recomputed here, only formatted in the user's locale): the totals per policy side by side, the zone
 * transitions from the reference to another policy, the top movers and the crashes.
 */
final class ImpactTables {

    /** "not computed" and "not covered" say why a number is missing; never 0. */
    static final String NONE = "n/a";

    private ImpactTables() {
    }

    /** One row of the totals: a label and a cell per policy. */
    record Line(String label, List<String> cells, boolean money) {
    }

    /** The totals per policy, rows in the order of the PDF page, with the total change against the reference. */
    static List<Line> totals(ImpactSummary s) {
        List<ImpactSummary.PolicyTotals> ps = s.policies();
        List<Line> out = new ArrayList<>();
        out.add(line("Accounts margined", ps, t -> Formats.count(t.computed()), false));
        out.add(line("Maintenance margin (USD)", ps, t -> t.computed() == 0 ? NONE : Formats.money(t.maintenanceMargin()),
                true));
        out.add(line("Initial margin (USD)", ps, t -> t.initialMarginAccounts() == 0 ? NONE + " (none computed)"
                : Formats.money(t.initialMargin()), true));
        out.add(line("Margin call (USD)", ps, t -> t.computed() == 0 ? NONE : Formats.money(t.marginCall()), true));
        out.add(line("Adjusted equity (USD)", ps, t -> t.computed() == 0 ? NONE : Formats.money(t.adjustedEquity()),
                true));
        List<String> change = new ArrayList<>();
        change.add("reference");
        for (ImpactSummary.ChangeDistribution d : s.changes()) {
            change.add(d.accounts() == 0 || !Double.isFinite(d.total()) ? NONE : Formats.signedMoney(d.total()));
        }
        out.add(new Line("Change of MM (USD)", change, true));
        for (String z : List.of("OK", "WARNING", "LIQUIDATION")) {
            out.add(line("Accounts " + z, ps, t -> Formats.count(t.zones().getOrDefault(z, 0L)), false));
        }
        out.add(line("Accounts without MM", ps, t -> Formats.count(t.notComputed()), false));
        out.add(line("Accounts partly not covered", ps, t -> Formats.count(t.accountsNotCovered()), false));
        out.add(line("Positions not covered", ps, t -> Formats.count(t.positionsNotCovered()), false));
        return out;
    }

    private static Line line(String label, List<ImpactSummary.PolicyTotals> ps,
                             Function<ImpactSummary.PolicyTotals, String> f, boolean money) {
        return new Line(label, ps.stream().map(f).toList(), money);
    }

    /** Rows of the transition matrix: the reference's state, then the count into each state of the other. */
    static List<List<String>> transitions(ImpactSummary.Transition t) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ImpactSummary.STATES.size(); i++) {
            List<String> r = new ArrayList<>();
            r.add(ImpactSummary.STATES.get(i));
            long sum = 0;
            for (long c : t.counts()[i]) {
                r.add(Formats.count(c));
                sum += c;
            }
            r.add(Formats.count(sum));
            rows.add(r);
        }
        return rows;
    }

    /** A histogram bar's label: its lower edge in short money (the bins are equal-width, up to the maximum). */
    static String binLabel(ImpactSummary.Bin b) {
        return Formats.compactMoney(b.low());
    }

    /** Rows of the crashes: episode, policy, accounts, shortfall accounts, total shortfall, liquidated. */
    static List<List<String>> episodes(ImpactSummary s) {
        List<List<String>> rows = new ArrayList<>();
        for (ImpactSummary.EpisodeTotals e : s.episodes()) {
            rows.add(List.of(e.episode(), e.policy(), Formats.count(e.computed()), Formats.count(e.shortfallAccounts()),
                    e.computed() == 0 ? NONE : Formats.money(e.totalShortfall()), Formats.count(e.liquidated())));
        }
        return rows;
    }

    /** A column of a table of text rows, right-aligned when numeric. */
    static TableColumn<List<String>, String> column(String title, int index, boolean number, double width) {
        TableColumn<List<String>, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(index < d.getValue().size() ? d.getValue().get(index) : ""));
        c.setSortable(false);
        c.setPrefWidth(width);
        if (number) {
            c.getStyleClass().add("number-cell");
            c.setCellFactory(col -> new SignedCell<>());
        }
        return c;
    }

    /** A table of text rows with a fixed cell size, its columns constrained to its width. */
    static TableView<List<String>> table(String id, String placeholder) {
        TableView<List<String>> t = new TableView<>();
        t.setId(id);
        t.getStyleClass().add("positions-table");
        t.setPlaceholder(new javafx.scene.control.Label(placeholder));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        t.setFixedCellSize(24);
        return t;
    }
}

package io.marginscope.ui.editors;

import io.marginscope.ui.control.WindowSizing;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.marginscope.analysis.PolicyChangeExplain;
import io.marginscope.io.InputException;
import io.marginscope.io.LocatedJson;
import io.marginscope.io.PolicyJson;
import io.marginscope.io.TextSource;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.cell.TextFieldTreeTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import javafx.util.converter.DefaultStringConverter;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import io.marginscope.ui.control.ExplainPanel;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.margin.MarginRequest;
import io.marginscope.ui.margin.MarginViewModel;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.control.NumberText;
import java.text.ParseException;

/**
 * Edit policy…: every field of the policy on show as a tree (key, value, value as opened), its
 * numbers, booleans and strings editable. An edit is read back by {@link PolicyJson} (so a bad
 * value is refused with the field named and the previous figures stay), then MM of the open book
 * under the edited policy is computed off the FX thread (coalesced, the latest edit wins) and the
 * change from the policy as opened is split over the edited fields ({@link PolicyChangeExplain})
 * and drawn as a waterfall. Save as… writes the edited policy to a new file (an existing file only
 * when confirmed) and makes it the workstation's policy.
 */
public final class PolicyEditor {

    /** One node of the policy JSON: its key under its parent, its JSON Pointer, its value. */
    record Entry(String key, String pointer, JsonNode value) {
        boolean editable() {
            return value.isValueNode();
        }
    }

    private final Stage stage = new Stage();
    private final MarginViewModel margin;
    private final PolicyEditService service = new PolicyEditService();
    private final PauseTransition debounce = new PauseTransition(Duration.millis(RiskViewModel.DEBOUNCE_MS));
    private final TreeTableView<Entry> tree = new TreeTableView<>();
    private final ExplainPanel explain = new ExplainPanel("policyExplain");
    private final Label heading = new Label();
    private final Label before = new Label();
    private final Label after = new Label();
    private final Label change = new Label();
    private final Label error = new Label();
    private final Label status = new Label();
    private Policy original;
    private String originalRef;
    private ObjectNode originalJson;
    private ObjectNode json;
    private Policy edited;
    private long edits;
    private PolicyEditService.Result shown;

    public PolicyEditor(Stage owner, MarginViewModel margin, ReadOnlyObjectProperty<LoadedBook> book) {
        this.margin = margin;
        stage.initOwner(owner);
        stage.setTitle("Edit policy — MarginScope");

        heading.getStyleClass().add("panel-heading");
        heading.setId("policyEditorHeading");
        tree.setId("policyTree");
        tree.setEditable(true);
        tree.setShowRoot(false);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TreeTableColumn<Entry, String> key = new TreeTableColumn<>("Field");
        key.setId("fieldColumn");
        key.setPrefWidth(250);
        key.setEditable(false);
        key.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().getValue().key()));
        TreeTableColumn<Entry, String> value = new TreeTableColumn<>("Value");
        value.setId("valueColumn");
        value.setPrefWidth(150);
        value.setCellValueFactory(d -> new SimpleStringProperty(show(d.getValue().getValue().value())));
        value.setCellFactory(c -> new ValueCell());
        value.setOnEditCommit(e -> commit(e.getRowValue().getValue(), e.getNewValue()));
        TreeTableColumn<Entry, String> was = new TreeTableColumn<>("As opened");
        was.setId("wasColumn");
        was.setEditable(false);
        was.setPrefWidth(110);
        was.setCellValueFactory(d -> {
            Entry en = d.getValue().getValue();
            JsonNode o = originalJson == null ? null : originalJson.at(en.pointer());
            boolean same = o != null && o.equals(en.value());
            return new SimpleStringProperty(same ? "" : o == null || o.isMissingNode() ? "(absent)" : show(o));
        });
        tree.getColumns().setAll(List.of(key, value, was));
        tree.setPlaceholder(new Label("No policy"));

        error.setId("policyEditError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        Label hint = new Label("Double-click a value to edit it; Enter applies it. Every edit is read as a policy file "
                + "would be, then the margin of the open book is computed again.");
        hint.getStyleClass().add("caption");
        hint.setWrapText(true);
        VBox left = new VBox(8, heading, hint, tree, error);
        VBox.setVgrow(tree, Priority.ALWAYS);
        left.setPadding(new Insets(0, 6, 0, 0));

        before.setId("mmBefore");
        after.setId("mmAfter");
        change.setId("mmChange");
        for (Label l : List.of(before, after, change)) {
            l.getStyleClass().add("figure");
        }
        HBox figures = new HBox(18, before, new Label("→"), after, change);
        figures.setAlignment(Pos.CENTER_LEFT);
        figures.getStyleClass().add("policy-edit-figures");
        ProgressBar progress = new ProgressBar();
        progress.setId("policyEditProgress");
        progress.progressProperty().bind(service.progressProperty());
        progress.visibleProperty().bind(service.runningProperty());
        Label message = new Label();
        message.getStyleClass().add("caption");
        message.textProperty().bind(service.messageProperty());
        HBox bar = new HBox(8, progress, message);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setMinHeight(24);
        status.setId("policyEditStatus");
        status.getStyleClass().add("caption");
        status.setWrapText(true);
        explain.waterfall().setTitle("MM as opened → MM edited, by edited field (Shapley values)");
        VBox right = new VBox(8, figures, bar, explain, status);
        VBox.setVgrow(explain, Priority.ALWAYS);
        right.setPadding(new Insets(0, 0, 0, 6));

        SplitPane split = new SplitPane(left, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.44);

        Button saveAs = new Button("Save as…");
        saveAs.setId("savePolicyAs");
        saveAs.setDefaultButton(false);
        saveAs.setOnAction(e -> chooseAndSave());
        Button revert = new Button("Revert");
        revert.setId("revertPolicy");
        revert.setOnAction(e -> open(original, originalRef));
        Button recompute = new Button("Recompute");
        recompute.setOnAction(e -> start());
        Button close = new Button("Close");
        close.setOnAction(e -> stage.close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, saveAs, revert, recompute, gap, close);

        BorderPane root = new BorderPane(split, null, null, buttons, null);
        BorderPane.setMargin(buttons, new Insets(8, 0, 0, 0));
        root.setPadding(new Insets(10));
        root.getStyleClass().add("policy-editor");
        Scene scene = new Scene(root, 1240, 700);
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        owner.getScene().getStylesheets().addListener((javafx.collections.ListChangeListener<String>) c ->
                scene.getStylesheets().setAll(owner.getScene().getStylesheets()));
        stage.setScene(scene);
        WindowSizing.requestSize(stage, 1240, 700);

        debounce.setOnFinished(e -> start());
        service.setOnSucceeded(e -> showResult(service.getValue()));
        service.setOnFailed(e -> {
            Throwable ex = service.getException();
            status.setText("Not computed: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
        });
        book.addListener(o -> {
            if (stage.isShowing()) {
                start();
            }
        });
    }

    /** Opens the editor on the workstation's policy. */
    public void show() {
        open(margin.policy(), margin.policyRefProperty().get());
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    /** Starts editing {@code p} as opened from {@code ref}: no edits, MM before = MM after. */
    void open(Policy p, String ref) {
        original = p;
        originalRef = ref;
        originalJson = PolicyJson.write(p);
        json = originalJson.deepCopy();
        edited = p;
        edits++;
        shown = null;
        error.setText("");
        heading.setText("Policy " + p.name() + " (" + (PolicyPresets.available().contains(ref) ? "preset"
                : Path.of(ref).getFileName()) + ")");
        rebuild();
        explain.clear("Edit a value: the change of MM is explained here");
        start();
    }

    // ---- editing ----

    /**
     * Applies a typed value to a field: the whole policy is read back by PolicyJson; when it does not
     * read, the error names the field and nothing changes (the previous policy and figures stay).
     *
     * @return the error, or null when applied
     */
    String commit(Entry entry, String text) {
        if (entry == null || !entry.editable()) {
            return "not an editable value";
        }
        ObjectNode next = json.deepCopy();
        set(next, entry.pointer(), parse(entry.value(), text));
        Policy p;
        try {
            p = PolicyJson.read(new TextSource("edited policy", PolicyJson.text(next)), original.name());
        } catch (InputException e) {
            String msg = "Not applied — field '" + (e.field() == null ? entry.key() : e.field())
                    + "': " + e.problem();
            error.setText(msg);
            tree.refresh();
            return msg;
        }
        error.setText("");
        json = next;
        edited = p;
        edits++;
        replace(entry, next.at(entry.pointer()));
        // coalesced: a burst of edits computes once, for the last (the run in flight is cancelled)
        debounce.playFromStart();
        return null;
    }

    /**
     * Typed text as a JSON value of the field's kind, a number read in the analyst's locale ({@link NumberText});
     * a number field given other text stays text (and is refused).
     */
    private static JsonNode parse(JsonNode old, String text) {
        String t = text == null ? "" : text.strip();
        if (old.isNumber()) {
            try {
                BigDecimal d = BigDecimal.valueOf(NumberText.current().parse(t));
                if (d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(1e15)) < 0) {
                    return LongNode.valueOf(d.longValueExact());
                }
                return DoubleNode.valueOf(d.doubleValue());
            } catch (ParseException | ArithmeticException e) {
                return TextNode.valueOf(t);
            }
        }
        if (old.isBoolean()) {
            if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                return BooleanNode.valueOf(Boolean.parseBoolean(t.toLowerCase(java.util.Locale.ROOT)));
            }
            return TextNode.valueOf(t);
        }
        return TextNode.valueOf(t);
    }

    private static void set(ObjectNode root, String pointer, JsonNode value) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, cut));
        String key = pointer.substring(cut + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            o.set(key, value);
        } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            a.set(Integer.parseInt(key), value);
        }
    }

    private void replace(Entry entry, JsonNode value) {
        TreeItem<Entry> item = find(tree.getRoot(), e -> e.pointer().equals(entry.pointer()));
        if (item != null) {
            item.setValue(new Entry(entry.key(), entry.pointer(), value));
        }
        tree.refresh();
    }

    /** Edits the field at a JSON Pointer (for tests and scripts): as typing {@code text} into its value cell. */
    String edit(String pointer, String text) {
        TreeItem<Entry> item = find(tree.getRoot(), e -> e.pointer().equals(pointer));
        if (item == null) {
            throw new IllegalArgumentException("no field " + pointer);
        }
        return commit(item.getValue(), text);
    }

    // ---- the tree ----

    private void rebuild() {
        TreeItem<Entry> root = item("policy", "", json);
        root.setExpanded(true);
        tree.setRoot(root);
    }

    private static TreeItem<Entry> item(String key, String pointer, JsonNode node) {
        TreeItem<Entry> it = new TreeItem<>(new Entry(key, pointer, node));
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                it.getChildren().add(item(e.getKey(), pointer + "/" + LocatedJson.escape(e.getKey()), e.getValue()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                it.getChildren().add(item(elementName(pointer, i), pointer + "/" + i, node.get(i)));
            }
        }
        // open the blocks, not the long lists
        it.setExpanded(node.isObject() || (node.isArray() && node.size() <= 3 && !isTable(pointer)));
        return it;
    }

    /** Rows of a bracket table and the cells of a row have names. */
    private static String elementName(String parent, int i) {
        if (parent.matches("/tiers/[^/]+|/exchange/parameters/[^/]+/brackets")) {
            return "bracket " + (i + 1);
        }
        if (parent.matches("/tiers/[^/]+/\\d+|/exchange/parameters/[^/]+/brackets/\\d+")) {
            return switch (i) {
                case 0 -> "notional floor (USD)";
                case 1 -> "rate";
                default -> "amount (USD)";
            };
        }
        return "[" + i + "]";
    }

    private static boolean isTable(String pointer) {
        return pointer.endsWith("/brackets") || pointer.endsWith("/extendedMoves");
    }

    private static TreeItem<Entry> find(TreeItem<Entry> item, Predicate<Entry> p) {
        if (item == null) {
            return null;
        }
        if (p.test(item.getValue())) {
            return item;
        }
        for (TreeItem<Entry> c : item.getChildren()) {
            TreeItem<Entry> f = find(c, p);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static String show(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "";
        }
        if (n.isObject()) {
            return "";
        }
        if (n.isArray()) {
            return n.size() + (n.size() == 1 ? " item" : " items");
        }
        if (n.isNumber()) {
            return n.isIntegralNumber() ? n.asText() : NumberText.current().format(n.doubleValue());
        }
        return n.asText();
    }

    /** The value cell: editable on leaves only; an edited value is marked. */
    private final class ValueCell extends TextFieldTreeTableCell<Entry, String> {
        ValueCell() {
            super(new DefaultStringConverter());
        }

        @Override
        public void startEdit() {
            TreeItem<Entry> it = getTableRow() == null ? null : getTableRow().getTreeItem();
            if (it == null || !it.getValue().editable()) {
                return;
            }
            super.startEdit();
        }

        @Override
        public void updateItem(String v, boolean empty) {
            super.updateItem(v, empty);
            getStyleClass().remove("edited-cell");
            TreeItem<Entry> it = getTableRow() == null ? null : getTableRow().getTreeItem();
            if (!empty && it != null && originalJson != null && it.getValue().editable()
                    && !originalJson.at(it.getValue().pointer()).equals(it.getValue().value())) {
                getStyleClass().add("edited-cell");
            }
        }
    }

    // ---- computing ----

    private void start() {
        debounce.stop();
        MarginRequest in = margin.request();
        if (in == null || original == null) {
            status.setText("Open a book: the editor computes its margin");
            return;
        }
        service.submit(new PolicyEditService.Request(in, original, edited, edits));
    }

    private void showResult(PolicyEditService.Result r) {
        if (r == null || r.request().edit() != edits) {
            return;
        }
        shown = r;
        PolicyChangeExplain.Explanation e = r.explanation();
        double mmBefore = e.before().maintenanceMargin();
        double mmAfter = e.after().maintenanceMargin();
        before.setText("MM as opened " + Formats.money(mmBefore));
        after.setText("MM edited " + Formats.money(mmAfter));
        change.setText("change " + ExplainPanel.cents(mmAfter - mmBefore));
        change.getStyleClass().removeAll("raise", "lower");
        change.getStyleClass().add(mmAfter > mmBefore ? "raise" : mmAfter < mmBefore ? "lower" : "same");
        if (e.fields().isEmpty()) {
            explain.clear("No field edited: MM " + Formats.money(mmBefore) + " under " + original.name());
        } else {
            List<ExplainPanel.Row> rows = new ArrayList<>();
            for (PolicyChangeExplain.Part p : e.parts()) {
                rows.add(new ExplainPanel.Row(shortLabel(p), p.label() + describe(p), p.part(), ""));
            }
            explain.show("MM as opened", mmBefore, rows, "MM edited", mmAfter);
        }
        status.setText(String.format(
                "%d field(s) edited, %d player(s)%s; %d margin evaluations in %.0f ms on %s (%,d scenarios, seed %d)",
                e.fields().size(), e.parts().size(),
                e.grouping() == PolicyChangeExplain.Grouping.FIELDS ? "" : " (grouped by " + e.grouping().name()
                        .toLowerCase(java.util.Locale.ROOT) + ")",
                e.evaluations(), e.elapsedNanos() / 1e6, r.request().inputs().book().name(),
                r.request().inputs().settings().scenarios(), r.request().inputs().settings().seed()));
    }

    private static String describe(PolicyChangeExplain.Part p) {
        if (p.fields().size() != 1) {
            return "";
        }
        PolicyChangeExplain.Field f = p.fields().get(0);
        return ": " + showField(f.before()) + " → " + showField(f.after());
    }

    /** A changed field's value: a number, text or flag as written; a block or list by its size. */
    private static String showField(Object v) {
        if (v == null || v instanceof Record || v instanceof java.util.Map<?, ?>) {
            return "";
        }
        if (v instanceof java.util.List<?> l) {
            return l.size() + (l.size() == 1 ? " item" : " items");
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue()).stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    /** The last two names of a field (BTC.priceRange), for under a bar. */
    private static String shortLabel(PolicyChangeExplain.Part p) {
        if (p.fields().size() != 1) {
            return p.label();
        }
        String[] parts = p.label().split("\\.");
        return parts.length <= 2 ? p.label() : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    // ---- saving ----

    private void chooseAndSave() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save the edited policy as");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Policy (JSON)", "*.json"));
        fc.setInitialFileName(original.name() + "-edited.json");
        if (!PolicyPresets.available().contains(originalRef)) {
            Path parent = Path.of(originalRef).toAbsolutePath().getParent();
            if (parent != null && Files.isDirectory(parent)) {
                fc.setInitialDirectory(parent.toFile());
            }
        }
        JsonTarget target = JsonTarget.of(stage, fc.showSaveDialog(stage), "the edited policy");
        if (target != null) {
            saveAs(target.path(), target.replace());
        }
    }

    /**
     * Writes the edited policy to a new file and makes it the workstation's policy. Its name becomes
     * the file's when the name was not edited. An existing file is left alone unless {@code replace}.
     *
     * @return the policy written, or null when nothing was written (the reason is on show)
     */
    Policy saveAs(Path path, boolean replace) {
        if (Files.exists(path) && !replace) {
            status.setText("Not saved: " + path + " exists");
            return null;
        }
        Policy p = edited;
        if (p.name().equals(original.name())) {
            String file = path.getFileName().toString();
            int dot = file.lastIndexOf('.');
            ObjectNode named = json.deepCopy();
            named.put("name", dot > 0 ? file.substring(0, dot) : file);
            try {
                p = PolicyJson.read(new TextSource("edited policy", PolicyJson.text(named)), original.name());
            } catch (InputException e) {
                status.setText("Not saved: " + e.getMessage());
                return null;
            }
        }
        try {
            PolicyJson.write(p, path);
        } catch (IOException e) {
            status.setText("Not saved: " + e.getMessage());
            Alert a = new Alert(Alert.AlertType.ERROR, String.valueOf(e.getMessage()));
            a.initOwner(stage);
            a.setHeaderText("Could not write " + path);
            a.show();
            return null;
        }
        status.setText("Saved " + path + "; it is now the workstation's policy");
        // the editor keeps explaining against the policy as opened; the workstation now uses the file
        margin.openPolicyFile(path);
        return p;
    }

    // ---- for tests ----

    Stage stage() {
        return stage;
    }

    ExplainPanel explainPanel() {
        return explain;
    }

    PolicyEditService service() {
        return service;
    }

    Policy edited() {
        return edited;
    }

    Policy original() {
        return original;
    }

    PolicyEditService.Result shown() {
        return shown;
    }

    long edits() {
        return edits;
    }

    Label errorLabel() {
        return error;
    }

    TreeTableView<Entry> tree() {
        return tree;
    }
}

package io.marginscope.ui.editors;

import io.marginscope.io.InputException;
import io.marginscope.io.ScenarioJson;
import io.marginscope.io.TextSource;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.stress.AssetShock;
import io.marginscope.stress.ShockSet;
import io.marginscope.stress.StressEngine;
import io.marginscope.stress.StressResult;
import io.marginscope.stress.StressScenario;
import javafx.animation.PauseTransition;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.compute.Pools;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.control.NumberText;
import java.text.ParseException;

/**
 * The custom stress scenario editor of the Stress tab: name, description, horizon, weight and one
 * row of shocks per asset of the book (plus {@code default} for the others): spot move in %, vol
 * change relative in % and in vol points ({@link AssetShock}). Every field is checked as typed (the
 * message names the field; OK is disabled while one is wrong) and the scenario is checked to read
 * back from its own JSON ({@link ScenarioJson}). A preview line shows the book's P&amp;L under the
 * scenario as typed, computed off the FX thread by {@link StressEngine} (coalesced, latest wins).
 * "Save as…" writes the scenario file (an existing file only after a confirmation).
 */
public final class ScenarioEditor {

    /** The row of the shocks of the assets not named. */
    public static final String DEFAULT_ROW = ShockSet.DEFAULT_KEY;

    private static final ButtonType SAVE = new ButtonType("Save as…", ButtonBar.ButtonData.LEFT);

    /** One row of the shock table. */
    public record ShockRow(String asset, TextField price, TextField volRelative, TextField volPoints) {
    }

    private final Dialog<StressScenario> dialog = new Dialog<>();
    private final Window owner;
    private final Portfolio book;
    private final MarketSnapshot market;
    private final Set<String> takenNames;
    private final TextField name = new TextField();
    private final TextField description = new TextField();
    private final TextField horizon = new TextField();
    private final TextField weight = new TextField();
    private final Map<String, ShockRow> rows = new LinkedHashMap<>();
    private final Label error = new Label();
    private final Label preview = new Label();
    private final Label saved = new Label();
    private final Button ok;
    private final Button save;
    private final PreviewService previews = new PreviewService();
    private final PauseTransition debounce = new PauseTransition(Duration.millis(RiskViewModel.DEBOUNCE_MS));
    private final List<TextField> all = new ArrayList<>();
    private final Set<String> named = new LinkedHashSet<>();
    private StressScenario valid;

    /**
     * @param template   the scenario to start from (its aggregate move), or null for an empty one
     * @param title      the window's title
     * @param takenNames names the scenario may not take (the other scenarios of the list)
     */
    public ScenarioEditor(Window owner, Portfolio book, MarketSnapshot market, StressScenario template, String title,
                   Set<String> takenNames) {
        this.owner = owner;
        this.book = book;
        this.market = market;
        this.takenNames = takenNames;
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(template != null && template.isPath()
                ? "Starts from the episode's aggregate move (its daily path is not kept)"
                : "A custom scenario: spot and vol moves per asset of the book");
        dialog.setResizable(true);
        DialogPane pane = dialog.getDialogPane();
        pane.setId("scenarioEditor");
        pane.getStyleClass().addAll("position-editor", "scenario-editor");
        if (owner != null && owner.getScene() != null) {
            pane.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        pane.getButtonTypes().setAll(SAVE, ButtonType.OK, ButtonType.CANCEL);
        ok = (Button) pane.lookupButton(ButtonType.OK);
        ok.setId("scenarioOk");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            if (valid == null) {
                e.consume();
            }
        });
        save = (Button) pane.lookupButton(SAVE);
        save.setId("scenarioSave");
        save.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            chooseFile();
        });
        ((Button) pane.lookupButton(ButtonType.CANCEL)).setId("scenarioCancel");
        dialog.setResultConverter(b -> b == ButtonType.OK ? valid : null);

        GridPane head = new GridPane();
        head.setHgap(8);
        head.setVgap(6);
        field(head, 0, "Name", name, "scenarioName", "e.g. BTC -25%, vol +50%");
        field(head, 1, "Description", description, "scenarioDescription", "optional");
        field(head, 2, "Horizon (days)", horizon, "scenarioHorizon", "0 = instantaneous");
        field(head, 3, "Weight (0 to 1)", weight, "scenarioWeight", "fraction of the P&L that counts");
        description.setPrefColumnCount(30);

        GridPane shocks = new GridPane();
        shocks.setId("scenarioShocks");
        shocks.setHgap(8);
        shocks.setVgap(4);
        String[] titles = {"Asset", "Spot move %", "Vol change % (relative)", "Vol points (+10 = +0.10)"};
        for (int c = 0; c < titles.length; c++) {
            Label t = new Label(titles[c]);
            t.getStyleClass().add("panel-heading");
            shocks.add(t, c, 0);
        }
        Set<String> assets = new LinkedHashSet<>(book.underlyings());
        if (template != null) {
            assets.addAll(template.shocks().byAsset().keySet());
            named.addAll(template.shocks().byAsset().keySet());
        }
        assets.add(DEFAULT_ROW);
        for (String a : assets) {
            AssetShock s = template == null ? AssetShock.NONE
                    : a.equals(DEFAULT_ROW) ? template.shocks().defaultShock() : template.shockFor(a);
            ShockRow row = new ShockRow(a, number(s.price() * 100, "scenarioPrice-" + a),
                    number(s.volRelative() * 100, "scenarioVolRelative-" + a),
                    number(s.volPoints(), "scenarioVolPoints-" + a));
            int r = rows.size() + 1;
            Label label = new Label(a.equals(DEFAULT_ROW) ? "default (others)" : a);
            shocks.add(label, 0, r);
            shocks.add(row.price(), 1, r);
            shocks.add(row.volRelative(), 2, r);
            shocks.add(row.volPoints(), 3, r);
            rows.put(a, row);
        }
        ScrollPane scroll = new ScrollPane(shocks);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(Math.min(6, rows.size() + 1) * 30.0);

        error.setId("scenarioError");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        preview.setId("scenarioPreview");
        preview.getStyleClass().add("panel-heading");
        saved.setId("scenarioSaved");
        saved.setWrapText(true);
        VBox content = new VBox(8, head, scroll, preview, error, saved);
        content.setPadding(new Insets(4, 0, 0, 0));
        content.setPrefWidth(640);
        pane.setContent(content);

        if (template != null) {
            name.setText(template.name());
            description.setText(template.description());
            horizon.setText(plain(template.horizonDays()));
            weight.setText(plain(template.weight()));
        } else {
            horizon.setText("0");
            weight.setText("1");
        }
        for (TextField f : all) {
            f.textProperty().addListener(o -> validate());
        }
        previews.setOnSucceeded(e -> showPreview(previews.getValue()));
        previews.setOnFailed(e -> preview.setText("Book P&L: not computed (" + previews.getException().getMessage()
                + ")"));
        debounce.setOnFinished(e -> {
            if (valid != null) {
                previews.submit(valid);
            }
        });
        dialog.setOnHidden(e -> {
            debounce.stop();
            previews.cancel();
        });
        validate();
    }

    private void field(GridPane grid, int row, String label, TextField f, String id, String prompt) {
        f.setId(id);
        f.setPromptText(prompt);
        Label l = new Label(label);
        l.setLabelFor(f);
        grid.add(l, 0, row);
        grid.add(f, 1, row);
        all.add(f);
    }

    private TextField number(double v, String id) {
        TextField f = new TextField(plain(v));
        f.setId(id);
        f.setPrefColumnCount(8);
        f.getStyleClass().add("number-field");
        all.add(f);
        return f;
    }

    /** A number as typed by hand in the analyst's locale ({@link NumberText}): no exponent, no trailing zeros. */
    static String plain(double v) {
        return NumberText.current().format(v);
    }

    /** Shows the editor (not blocking); {@code onOk} gets the scenario when the analyst presses OK. */
    public void show(Consumer<StressScenario> onOk) {
        dialog.setOnHidden(e -> {
            debounce.stop();
            previews.cancel();
            StressScenario s = dialog.getResult();
            if (s != null) {
                onOk.accept(s);
            }
        });
        dialog.show();
        name.requestFocus();
    }

    /** Checks every field; the scenario (valid) or the first problem, naming its field. */
    private void validate() {
        for (TextField f : all) {
            f.getStyleClass().remove("field-error");
        }
        valid = null;
        String problem = null;
        try {
            valid = build();
        } catch (FieldException e) {
            problem = e.getMessage();
            e.field.getStyleClass().add("field-error");
        }
        error.setText(problem == null ? "" : problem);
        ok.setDisable(valid == null);
        save.setDisable(valid == null);
        if (valid == null) {
            debounce.stop();
            previews.cancel();
            preview.setText("Book P&L: —");
        } else {
            preview.setText("Book P&L: computing…");
            debounce.playFromStart();
        }
    }

    /** An invalid field and why. */
    static final class FieldException extends Exception {
        final transient TextField field;

        FieldException(TextField field, String message) {
            super(message);
            this.field = field;
        }
    }

    private StressScenario build() throws FieldException {
        String n = name.getText() == null ? "" : name.getText().trim();
        if (n.isEmpty()) {
            throw new FieldException(name, "Name: a scenario needs a name");
        }
        if (takenNames.contains(n)) {
            throw new FieldException(name, "Name: '" + n + "' is already in the list; choose another name");
        }
        double h = parse(horizon, "Horizon");
        if (h < 0 || h > 3650) {
            throw new FieldException(horizon, "Horizon: must be between 0 and 3650 days, got " + plain(h));
        }
        double w = parse(weight, "Weight");
        if (w < 0 || w > 1) {
            throw new FieldException(weight, "Weight: must be within 0 and 1 (the fraction of the P&L that counts), got "
                    + plain(w));
        }
        Map<String, AssetShock> byAsset = new LinkedHashMap<>();
        AssetShock defaultShock = AssetShock.NONE;
        Map<String, AssetShock> typed = new LinkedHashMap<>();
        for (ShockRow r : rows.values()) {
            String who = r.asset().equals(DEFAULT_ROW) ? "Default" : r.asset();
            double p = parse(r.price(), who + " spot move");
            if (p <= -100) {
                throw new FieldException(r.price(), who + " spot move: " + plain(p)
                        + "% would take the price to zero or below (moves are above -100%)");
            }
            if (p > 1000) {
                throw new FieldException(r.price(), who + " spot move: " + plain(p) + "% is above +1000%");
            }
            double rel = parse(r.volRelative(), who + " vol change");
            if (rel < -100 || rel > 1000) {
                throw new FieldException(r.volRelative(), who + " vol change: must be between -100% and +1000%, got "
                        + plain(rel) + "%");
            }
            double pts = parse(r.volPoints(), who + " vol points");
            if (Math.abs(pts) > 500) {
                throw new FieldException(r.volPoints(), who + " vol points: must be within ±500, got " + plain(pts));
            }
            AssetShock s = new AssetShock(p / 100, rel / 100, pts);
            if (r.asset().equals(DEFAULT_ROW)) {
                defaultShock = s;
            } else {
                typed.put(r.asset(), s);
            }
        }
        // an asset is named when its row differs from the default (or the scenario started named it)
        for (Map.Entry<String, AssetShock> t : typed.entrySet()) {
            if (named.contains(t.getKey()) || !t.getValue().equals(defaultShock)) {
                byAsset.put(t.getKey(), t.getValue());
            }
        }
        String d = description.getText() == null ? "" : description.getText().trim();
        StressScenario s = new StressScenario(n, d, "", new ShockSet(byAsset, defaultShock), h, w, Map.of(), List.of());
        try {
            // what is saved must read back as it is
            return ScenarioJson.read(new TextSource(n, ScenarioJson.writeText(s)));
        } catch (InputException e) {
            throw new FieldException(name, "Scenario: " + e.getMessage());
        }
    }

    private static double parse(TextField f, String what) throws FieldException {
        String t = f.getText() == null ? "" : f.getText().trim().replace("%", "").trim();
        if (t.isEmpty()) {
            throw new FieldException(f, what + ": empty (type 0 for no change)");
        }
        try {
            return NumberText.current().parse(t);
        } catch (ParseException e) {
            throw new FieldException(f, what + ": " + e.getMessage());
        }
    }

    private void showPreview(StressResult r) {
        if (r == null || valid == null || !r.scenario().equals(valid.name())) {
            return;
        }
        preview.setText("Book P&L under this scenario: " + Formats.money(r.pnl()) + " USD"
                + (r.weight() != 1 ? " (weighted " + Formats.money(r.weightedPnl()) + ")" : "")
                + (r.errors().isEmpty() ? "" : " — " + r.errors().size() + " position(s) not valued"));
    }

    private void chooseFile() {
        if (valid == null) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Save the scenario");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scenario (JSON)", "*.json"));
        fc.setInitialFileName(valid.name().replaceAll("[^A-Za-z0-9._-]+", "-").toLowerCase(Locale.ROOT) + ".json");
        javafx.stage.Window owner = dialog.getDialogPane().getScene().getWindow();
        JsonTarget target = JsonTarget.of(owner, fc.showSaveDialog(owner), "this scenario");
        if (target != null) {
            saveAs(target.path(), target.replace());
        }
    }

    /**
     * Writes the scenario as typed to {@code path}; an existing file is left alone unless
     * {@code replace}. @return true when written (the outcome is on show below the form)
     */
    public boolean saveAs(Path path, boolean replace) {
        if (valid == null) {
            saved.setText("Not saved: the scenario is not valid");
            return false;
        }
        if (Files.exists(path) && !replace) {
            saved.setText("Not saved: " + path + " exists");
            return false;
        }
        try {
            ScenarioJson.write(valid, path);
        } catch (IOException e) {
            saved.setText("Not saved: " + e.getMessage());
            return false;
        }
        saved.setText("Saved to " + path + " — marginscope stress --scenario " + path);
        return true;
    }

    Dialog<StressScenario> dialog() {
        return dialog;
    }

    /** The scenario the form describes, or null while it is not valid. */
    public StressScenario valid() {
        return valid;
    }

    public Map<String, ShockRow> rows() {
        return rows;
    }

    public TextField nameField() {
        return name;
    }

    public Label error() {
        return error;
    }

    public Label preview() {
        return preview;
    }

    public Button okButton() {
        return ok;
    }

    PreviewService previews() {
        return previews;
    }

    /** The P&amp;L of the scenario as typed, off the FX thread; a new scenario cancels the one running. */
    final class PreviewService extends Service<StressResult> {
        private StressScenario scenario;

        PreviewService() {
            setExecutor(Pools.named("stress-preview"));
        }

        void submit(StressScenario next) {
            scenario = next;
            restart();
        }

        @Override
        protected Task<StressResult> createTask() {
            StressScenario s = scenario;
            return new Task<>() {
                @Override
                protected StressResult call() {
                    return StressEngine.run(book, market, s);
                }
            };
        }
    }
}

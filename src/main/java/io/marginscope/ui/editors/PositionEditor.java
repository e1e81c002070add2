package io.marginscope.ui.editors;

import io.marginscope.io.InputException;
import io.marginscope.io.PortfolioCsv;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.pricing.PositionPricer;
import io.marginscope.pricing.PositionValuation;
import javafx.beans.value.ObservableValue;
import javafx.event.ActionEvent;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.control.NumberText;
import java.text.ParseException;

/**
 * The form of one position for a what-if edit: id, underlying, type, expiry, strike, quantity, entry
 * price and settlement. Fields that do not apply to the type are disabled (and ignored). Every change
 * is checked by the rules of a portfolio file's row ({@link PortfolioCsv#position}), then for an id
 * already in the book and an underlying the market snapshot does not have; the first problem is
 * shown next to its field, naming it, and OK stays disabled until the form is valid. A valid form
 * shows the engine's valuation of the position at the snapshot ({@link PositionPricer}).
 */
public final class PositionEditor {

    /** The form's names of the CSV columns, for messages. */
    private static final Map<String, String> NAMES = Map.of("id", "ID", "underlying", "Underlying", "type", "Type",
            "expiry", "Expiry", "strike", "Strike", "quantity", "Quantity", "entry_price", "Entry price",
            "settlement", "Settlement");

    private static final java.time.format.DateTimeFormatter AS_OF =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Dialog<Position> dialog = new Dialog<>();
    private final MarketSnapshot market;
    private final Set<String> takenIds;
    private final Position original;
    private final TextField id = new TextField();
    private final ComboBox<String> underlying = new ComboBox<>();
    private final ComboBox<InstrumentType> type = new ComboBox<>();
    private final DatePicker expiry = new DatePicker();
    private final TextField strike = new TextField();
    private final TextField quantity = new TextField();
    private final TextField entry = new TextField();
    private final ComboBox<Settlement> settlement = new ComboBox<>();
    private final Map<String, Label> errors = new LinkedHashMap<>();
    private final Map<String, Control> fields = new LinkedHashMap<>();
    private final Set<String> touched = new java.util.HashSet<>();
    private final Label preview = new Label();
    private final Button ok;
    private Position valid;
    private String problem = "";

    /**
     * @param book     the book on show (its ids are taken, its market values the position)
     * @param template the position to start from (null: an empty form)
     * @param editing  true to edit {@code template} in place (its own id stays allowed), false to add
     */
    private PositionEditor(Window owner, LoadedBook book, Position template, boolean editing) {
        this.market = book.market();
        this.original = editing ? template : null;
        this.takenIds = new TreeSet<>();
        for (Position p : book.book().positions()) {
            takenIds.add(p.id());
        }
        if (original != null) {
            takenIds.remove(original.id());
        }

        dialog.initOwner(owner);
        dialog.setTitle(editing ? "Edit Position" : "Add Position");
        dialog.setHeaderText(editing ? "Edit " + template.id() + " (what-if)"
                : template != null ? "Add a copy of a position (what-if)" : "Add a position (what-if)");
        dialog.setResizable(true);
        DialogPane pane = dialog.getDialogPane();
        pane.setId("positionEditor");
        pane.getStyleClass().add("position-editor");
        if (owner != null && owner.getScene() != null) {
            pane.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        pane.getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        ok = (Button) pane.lookupButton(ButtonType.OK);
        ok.setId("editorOk");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            if (valid == null) {
                e.consume();
            }
        });
        ((Button) pane.lookupButton(ButtonType.CANCEL)).setId("editorCancel");
        dialog.setResultConverter(b -> b == ButtonType.OK ? valid : null);

        id.setId("editorId");
        id.setPromptText("unique in the book, e.g. btc-c100k");
        underlying.setId("editorUnderlying");
        underlying.setEditable(true);
        underlying.getItems().setAll(new TreeSet<>(market.assets().keySet()));
        underlying.setPromptText("asset symbol");
        type.setId("editorType");
        type.getItems().setAll(InstrumentType.values());
        expiry.setId("editorExpiry");
        expiry.setConverter(new IsoDates());
        expiry.setPromptText("yyyy-mm-dd");
        strike.setId("editorStrike");
        strike.setPromptText("USD, options only");
        quantity.setId("editorQuantity");
        quantity.setPromptText("coins; negative is short");
        entry.setId("editorEntry");
        entry.setPromptText("USD per coin");
        settlement.setId("editorSettlement");
        settlement.getItems().setAll(Settlement.values());

        GridPane grid = new GridPane();
        grid.getStyleClass().add("editor-grid");
        grid.setHgap(10);
        grid.setVgap(6);
        ColumnConstraints names = new ColumnConstraints();
        names.setHalignment(HPos.RIGHT);
        names.setMinWidth(80);
        ColumnConstraints inputs = new ColumnConstraints(190, 210, 260);
        ColumnConstraints messages = new ColumnConstraints(250, 320, Double.MAX_VALUE);
        messages.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(names, inputs, messages);
        row(grid, "id", id);
        row(grid, "underlying", underlying);
        row(grid, "type", type);
        row(grid, "expiry", expiry);
        row(grid, "strike", strike);
        row(grid, "quantity", quantity);
        row(grid, "entry_price", entry);
        row(grid, "settlement", settlement);

        preview.setId("editorPreview");
        preview.getStyleClass().add("caption");
        preview.setWrapText(true);
        // two lines, always: the form keeps its height whatever the preview says
        preview.setMinHeight(34);
        preview.setPrefHeight(34);
        preview.setMaxHeight(34);
        preview.setMaxWidth(Double.MAX_VALUE);
        Label note = new Label("The book on show changes as a what-if: the file is not touched; "
                + "Edit > Undo takes the step back.");
        note.getStyleClass().add("caption");
        note.setWrapText(true);
        VBox content = new VBox(10, grid, preview, note);
        content.setPadding(new Insets(4, 0, 0, 0));
        content.setPrefWidth(660);
        pane.setContent(content);

        fill(template);
        for (ObservableValue<?> v : List.of(id.textProperty(), underlying.getEditor().textProperty(),
                underlying.valueProperty(), type.valueProperty(), expiry.getEditor().textProperty(),
                expiry.valueProperty(), strike.textProperty(), quantity.textProperty(), entry.textProperty(),
                settlement.valueProperty())) {
            v.addListener(o -> validate());
        }
        touch("id", id.textProperty());
        touch("underlying", underlying.getEditor().textProperty());
        touch("expiry", expiry.getEditor().textProperty());
        touch("strike", strike.textProperty());
        touch("quantity", quantity.textProperty());
        touch("entry_price", entry.textProperty());
        type.valueProperty().addListener(o -> applicable());
        applicable();
        validate();
    }

    /** A form to add a position: empty, or a copy of {@code template} with its fields (e.g. Duplicate). */
    public static PositionEditor add(Window owner, LoadedBook book, Position template) {
        return new PositionEditor(owner, book, template, false);
    }

    /** A form to edit {@code position}, pre-filled with it. */
    public static PositionEditor edit(Window owner, LoadedBook book, Position position) {
        return new PositionEditor(owner, book, position, true);
    }

    /** Marks a field touched at its first change after the form is filled (then an empty cell is an error). */
    private void touch(String column, ObservableValue<String> text) {
        text.addListener((o, was, now) -> {
            if (touched.add(column)) {
                validate();
            }
        });
    }

    /** Shows the form (not blocking); {@code onOk} gets the valid position when the analyst presses OK. */
    public void show(Consumer<Position> onOk) {
        dialog.setOnHidden(e -> {
            Position p = dialog.getResult();
            if (p != null) {
                onOk.accept(p);
            }
        });
        dialog.setOnShown(e -> growToFit());
        dialog.show();
        id.requestFocus();
    }

    private void row(GridPane grid, String column, Control field) {
        int r = fields.size();
        Label name = new Label(NAMES.get(column));
        name.setLabelFor(field);
        field.setMaxWidth(Double.MAX_VALUE);
        Label error = new Label();
        error.setId("error-" + column.replace('_', '-'));
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        grid.addRow(r, name, field, error);
        fields.put(column, field);
        errors.put(column, error);
    }

    private void fill(Position p) {
        if (p == null) {
            underlying.getEditor().setText(underlying.getItems().isEmpty() ? "" : underlying.getItems().get(0));
            type.setValue(InstrumentType.PERP);
            settlement.setValue(Settlement.LINEAR);
            return;
        }
        id.setText(p.id());
        underlying.setValue(p.underlying());
        underlying.getEditor().setText(p.underlying());
        type.setValue(p.type());
        Instant x = p.instrument().expiry();
        expiry.setValue(x == null ? null : LocalDate.ofInstant(x, ZoneOffset.UTC));
        expiry.getEditor().setText(x == null ? "" : LocalDate.ofInstant(x, ZoneOffset.UTC).toString());
        strike.setText(NumberText.current().format(p.instrument().strike()));
        quantity.setText(NumberText.current().format(p.quantity()));
        entry.setText(NumberText.current().format(p.entryPrice()));
        settlement.setValue(p.instrument().settlement());
    }

    /** The number as typed in a file: plain, exact; empty for NaN. */
    private static String plain(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return v == 0 ? "0" : new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /**
     * The numbers typed in the analyst's locale ({@link NumberText}) as a file writes them; a cell that is
     * not one number in that locale is noted and replaced by a placeholder that passes.
     */
    private void toFileNumbers(Map<String, String> cells, Map<String, String> found) {
        for (String column : List.of("strike", "quantity", "entry_price")) {
            String text = cells.get(column);
            if (text == null || text.isBlank()) {
                continue;
            }
            try {
                cells.put(column, plain(NumberText.current().parse(text)));
            } catch (ParseException e) {
                found.put(column, e.getMessage());
                cells.put(column, placeholder(column));
            }
        }
    }

    /** Disables the fields the type has no use for. */
    private void applicable() {
        InstrumentType t = type.getValue();
        expiry.setDisable(t == null || !t.hasExpiry());
        strike.setDisable(t == null || !t.isOption());
        settlement.setDisable(t == InstrumentType.SPOT);
    }

    /** The form as the cells of a file row; fields disabled for the type are empty. */
    private Map<String, String> cells() {
        InstrumentType t = type.getValue();
        Map<String, String> c = new LinkedHashMap<>();
        c.put("id", id.getText());
        c.put("underlying", underlying.getEditor().getText());
        c.put("type", t == null ? "" : t.name());
        String date = expiry.getEditor().getText().strip();
        if (original != null && original.instrument().expiry() != null
                && date.equals(LocalDate.ofInstant(original.instrument().expiry(), ZoneOffset.UTC).toString())) {
            // the same day as before: keep the original instant (a Deribit expiry need not be at 08:00)
            date = original.instrument().expiry().toString();
        }
        c.put("expiry", t != null && t.hasExpiry() ? date : "");
        c.put("strike", t != null && t.isOption() ? strike.getText() : "");
        c.put("quantity", quantity.getText());
        c.put("entry_price", entry.getText());
        c.put("settlement", t == InstrumentType.SPOT || settlement.getValue() == null ? "LINEAR"
                : settlement.getValue().name());
        return c;
    }

    /**
     * Checks the form: the cells by the file rules, every field at once (a bad cell is noted, then replaced
     * by a placeholder that passes so that the next one is checked), then the id against the book and the
     * underlying against the snapshot. A field not yet touched that is only empty shows its message muted.
     */
    private void validate() {
        errors.values().forEach(l -> {
            l.setText("");
            l.getStyleClass().remove("field-hint");
        });
        fields.values().forEach(f -> f.getStyleClass().remove("invalid"));
        valid = null;
        problem = "";
        Map<String, String> cells = cells();
        Map<String, String> found = new LinkedHashMap<>();
        toFileNumbers(cells, found);
        Position p = null;
        for (int guard = 0; guard <= fields.size(); guard++) {
            try {
                p = PortfolioCsv.position("position", cells);
                break;
            } catch (InputException e) {
                String column = e.field() == null || !fields.containsKey(e.field()) ? "id" : e.field();
                String stand = placeholder(column);
                if (found.containsKey(column) || stand == null) {
                    found.putIfAbsent(column, e.problem());
                    break;
                }
                found.put(column, e.problem());
                cells.put(column, stand);
            }
        }
        String typedId = cells().get("id").strip();
        if (!found.containsKey("id") && takenIds.contains(typedId)) {
            found.put("id", "'" + typedId + "' is already in the book; ids are unique");
        }
        String asset = cells().get("underlying").strip().toUpperCase(java.util.Locale.ROOT);
        if (!found.containsKey("underlying") && !asset.isEmpty() && !market.has(asset)) {
            found.put("underlying", "no market data for " + asset + " in the snapshot (it has "
                    + String.join(", ", new TreeSet<>(market.assets().keySet())) + ")");
        }
        PositionValuation v = found.isEmpty() && p != null ? PositionPricer.value(p, market) : null;
        if (v != null && !v.ok()) {
            found.put("underlying", v.error());
        }
        if (!found.isEmpty() || p == null) {
            Map<String, String> cellsNow = cells();
            for (String column : fields.keySet()) {
                String message = found.get(column);
                if (message == null) {
                    continue;
                }
                String text = NAMES.get(column) + ": " + message;
                if (problem.isEmpty()) {
                    problem = text;
                }
                errors.get(column).setText(text);
                if (!touched.contains(column) && cellsNow.get(column).isBlank()) {
                    errors.get(column).getStyleClass().add("field-hint");
                } else {
                    fields.get(column).getStyleClass().add("invalid");
                }
            }
            ok.setDisable(true);
            preview.setText("");
            growToFit();
            return;
        }
        valid = p;
        ok.setDisable(false);
        preview.setText("Valued at the snapshot of " + AS_OF.format(market.asOf()) + ": mark "
                + Formats.number(v.price()) + (Double.isNaN(v.vol()) ? "" : " (vol " + Formats.percent(v.vol()) + ")")
                + " · value " + Formats.money(v.value()) + " USD · delta " + Formats.number(v.delta()) + " "
                + p.underlying() + (original != null && p.equals(original) ? " · unchanged" : ""));
        growToFit();
    }

    /** A value of the column that passes the file rules for the type chosen, to check the other cells. */
    private String placeholder(String column) {
        InstrumentType t = type.getValue();
        return switch (column) {
            case "id" -> "x";
            case "underlying" -> "X";
            case "type" -> null;
            case "expiry" -> t != null && t.hasExpiry() ? "2000-01-01" : "";
            case "strike" -> t != null && t.isOption() ? "1" : "";
            case "quantity", "entry_price" -> "0";
            case "settlement" -> "LINEAR";
            default -> null;
        };
    }

    /** A longer message wraps to another line: the window grows (never shrinks) to show the whole form. */
    private void growToFit() {
        DialogPane pane = dialog.getDialogPane();
        if (!dialog.isShowing() || pane.getScene() == null) {
            return;
        }
        javafx.application.Platform.runLater(() -> {
            Window w = pane.getScene().getWindow();
            double need = pane.prefHeight(pane.getWidth());
            if (w != null && need > pane.getHeight() + 0.5) {
                w.setHeight(w.getHeight() + need - pane.getHeight());
            }
        });
    }

    public Dialog<Position> dialog() {
        return dialog;
    }

    /** The position the form describes, or null while it is not valid. */
    public Position valid() {
        return valid;
    }

    /** The problem on show ("Quantity: 'abc' is not a number"), empty when the form is valid. */
    public String problem() {
        return problem;
    }

    public TextField idField() {
        return id;
    }

    public ComboBox<String> underlyingField() {
        return underlying;
    }

    public ComboBox<InstrumentType> typeField() {
        return type;
    }

    public DatePicker expiryField() {
        return expiry;
    }

    public TextField strikeField() {
        return strike;
    }

    public TextField quantityField() {
        return quantity;
    }

    public TextField entryField() {
        return entry;
    }

    public ComboBox<Settlement> settlementField() {
        return settlement;
    }

    public Node okButton() {
        return ok;
    }

    /** An id not yet in the book for a copy of {@code base}: btc-perp-2, btc-perp-3, … */
    public static String freshId(Portfolio book, String base) {
        Set<String> ids = new TreeSet<>();
        book.positions().forEach(p -> ids.add(p.id()));
        String stem = base.replaceFirst("-\\d+$", "");
        for (int n = 2; ; n++) {
            String candidate = stem + "-" + n;
            if (!ids.contains(candidate)) {
                return candidate;
            }
        }
    }

    /** ISO dates (2024-12-27) both ways; text that is not one leaves the value empty (the form says why). */
    private static final class IsoDates extends StringConverter<LocalDate> {
        @Override
        public String toString(LocalDate d) {
            return d == null ? "" : d.toString();
        }

        @Override
        public LocalDate fromString(String s) {
            if (s == null || s.isBlank()) {
                return null;
            }
            try {
                return LocalDate.parse(s.strip());
            } catch (DateTimeParseException e) {
                try {
                    return LocalDate.ofInstant(io.marginscope.io.Expiries.parse(s), ZoneOffset.UTC);
                } catch (RuntimeException again) {
                    return null;
                }
            }
        }
    }
}

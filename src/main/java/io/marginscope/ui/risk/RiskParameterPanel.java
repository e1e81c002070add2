package io.marginscope.ui.risk;

import io.marginscope.ui.control.FieldCheck;
import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.VolModels;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.text.ParseException;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import io.marginscope.ui.control.Formats;
import io.marginscope.io.BundledHistory;
import io.marginscope.ui.workbook.LoadedHistory;
import io.marginscope.ui.control.NumberText;

/**
 * The risk settings: confidence (slider and presets), horizon, method, vol model with its EWMA
 * decay and history window, Monte Carlo scenarios and seed, the price history, the per-asset
 * vol overrides and the pairwise correlation overrides. Every control writes to the {@link RiskViewModel}, which decides when to run.
 */
public final class RiskParameterPanel extends ScrollPane {

    /** Confidence presets in percent, as the analyst quotes them. */
    static final List<String> PRESETS = List.of("95", "97.5", "99", "99.5");

    private final RiskViewModel model;
    private final VBox content;
    private final CorrelationOverrideTable correlations;
    // strong references: bidirectional bindings to asObject() adapters are weak
    private final ObjectProperty<Integer> horizonObject;
    /** The last typed setting refused, naming its field; empty when none. */
    private final javafx.scene.control.Label fieldError = new javafx.scene.control.Label();
    private final ObjectProperty<Integer> windowObject;
    private final ObjectProperty<Integer> scenariosObject;

    public RiskParameterPanel(RiskViewModel model, Runnable chooseHistory) {
        this.model = model;
        this.horizonObject = model.horizonDaysProperty().asObject();
        this.windowObject = model.windowDaysProperty().asObject();
        this.scenariosObject = model.scenariosProperty().asObject();
        setId("riskPanel");
        getStyleClass().add("risk-panel");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);

        correlations = new CorrelationOverrideTable(model);
        content = new VBox(6,
                heading("Risk settings"),
                confidence(),
                settingsGrid(),
                notice(),
                heading("Price history"),
                history(chooseHistory),
                heading("Vol overrides"),
                new VolOverrideTable(model),
                heading("Correlation overrides"),
                correlations,
                heading("Notes"),
                notes());
        content.getStyleClass().add("risk-panel-content");
        setContent(content);
    }

    /**
     * Puts a section at the top of the panel, above the risk settings (the margin policy: visible
     * without scrolling at 1366x768).
     */
    public void addSectionFirst(Node section) {
        content.getChildren().addFirst(section);
    }

    CorrelationOverrideTable correlationEditor() {
        return correlations;
    }

    /** Adds a section (another view's settings) after the overrides, before the notes. */
    public void addSection(javafx.scene.Node section) {
        int notes = content.getChildren().size() - 2;
        content.getChildren().add(notes, section);
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-heading");
        return l;
    }

    private Node confidence() {
        Label value = new Label();
        value.setId("confidenceValue");
        value.getStyleClass().add("panel-value");
        value.textProperty().bind(Bindings.createStringBinding(
                () -> Formats.confidence(model.confidenceProperty().get()), model.confidenceProperty()));
        Label title = new Label("Confidence");
        HBox head = new HBox(title, spacer(), value);

        Slider slider = new Slider(0.90, 0.999, model.confidenceProperty().get());
        slider.setId("confidenceSlider");
        slider.setBlockIncrement(0.001);
        slider.setMajorTickUnit(0.01);
        slider.setTooltip(new Tooltip("VaR/ES confidence c, 90% to 99.9% in steps of 0.1%"));
        slider.valueProperty().addListener((o, a, v) -> {
            double c = Math.round(v.doubleValue() * 1000) / 1000.0;
            if (c != model.confidenceProperty().get()) {
                model.confidenceProperty().set(c);
            }
        });
        model.confidenceProperty().addListener((o, a, c) -> {
            if (Math.round(slider.getValue() * 1000) / 1000.0 != c.doubleValue()) {
                slider.setValue(c.doubleValue());
            }
        });

        ToggleGroup group = new ToggleGroup();
        HBox presets = new HBox(4);
        presets.getStyleClass().add("presets");
        for (String p : PRESETS) {
            double c = Double.parseDouble(p) / 100;
            ToggleButton b = new ToggleButton(Formats.confidence(c));
            b.setId("preset-" + p.replace('.', '-'));
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
            b.setSelected(c == model.confidenceProperty().get());
            b.setOnAction(e -> {
                model.confidenceProperty().set(c);
                b.setSelected(true);
            });
            model.confidenceProperty().addListener((o, was, now) -> b.setSelected(now.doubleValue() == c));
            presets.getChildren().add(b);
        }
        return new VBox(4, head, slider, presets);
    }

    private GridPane settingsGrid() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("settings-grid");
        grid.setHgap(8);
        grid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.LEFT);
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, fields);
        fieldError.setId("settingsFieldError");
        fieldError.getStyleClass().add("error-text");
        fieldError.setWrapText(true);
        fieldError.visibleProperty().bind(fieldError.textProperty().isNotEmpty());
        fieldError.managedProperty().bind(fieldError.visibleProperty());
        grid.add(fieldError, 0, 99, 2, 1);

        Spinner<Integer> horizon = new Spinner<>(1, 10, model.horizonDaysProperty().get());
        horizon.setId("horizonSpinner");
        FieldCheck.guard(horizon, "Horizon, days", 1, 10, () -> model.horizonDaysProperty().get(),
                fieldError.textProperty());
        horizon.getValueFactory().valueProperty().bindBidirectional(horizonObject);
        commitOnFocusLoss(horizon);
        row(grid, 0, "Horizon, days", horizon, "Margin period of risk h, 1 to 10 days");

        ComboBox<RiskMethod> method = new ComboBox<>(FXCollections.observableArrayList(RiskMethod.values()));
        method.setId("methodCombo");
        method.setConverter(names(RiskNames::method));
        method.valueProperty().bindBidirectional(model.methodProperty());
        Tooltip methodHelp = new Tooltip();
        methodHelp.textProperty().bind(Bindings.createStringBinding(
                () -> RiskNames.methodDetail(model.methodProperty().get()), model.methodProperty()));
        method.setTooltip(methodHelp);
        row(grid, 1, "Method", method, null);

        ComboBox<String> vol = new ComboBox<>(FXCollections.observableArrayList(VolModels.NAMES));
        vol.setId("volModelCombo");
        vol.setConverter(names(RiskNames::volModel));
        vol.valueProperty().bindBidirectional(model.volModelProperty());
        row(grid, 2, "Vol model", vol, "Snapshot: the snapshot's vol per asset. Historical, EWMA and GARCH(1,1) "
                + "are estimated on the price history's daily returns up to the snapshot's date.");

        Spinner<Double> lambda = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.80, 0.99,
                model.ewmaLambdaProperty().get(), 0.01));
        lambda.setId("lambdaSpinner");
        lambda.getValueFactory().setConverter(fixed("0.00", () -> model.ewmaLambdaProperty().get()));
        lambda.getValueFactory().valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                model.ewmaLambdaProperty().set(Math.round(v * 100) / 100.0);
            }
        });
        lambda.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !(VolModels.EWMA.equals(model.volModelProperty().get())
                        || VolModels.GARCH.equals(model.volModelProperty().get())
                        || model.methodProperty().get() == RiskMethod.FHS),
                model.volModelProperty(), model.methodProperty()));
        commitOnFocusLoss(lambda);
        row(grid, 3, "EWMA λ", lambda, "RiskMetrics decay of the EWMA vol and correlation; also the FHS filter "
                + "and the GARCH fallback");

        Spinner<Integer> window = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(30, 3650,
                model.windowDaysProperty().get(), 30));
        window.setId("windowSpinner");
        FieldCheck.guard(window, "Window, days", 30, 3650, () -> model.windowDaysProperty().get(),
                fieldError.textProperty());
        window.getValueFactory().valueProperty().bindBidirectional(windowObject);
        window.disableProperty().bind(model.historyProperty().isNull());
        commitOnFocusLoss(window);
        row(grid, 4, "Window, days", window, "History window for historical simulation, the historical vol "
                + "and sample correlations");

        Spinner<Integer> scenarios = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(1_000,
                2_000_000, model.scenariosProperty().get(), 5_000));
        scenarios.setId("scenariosSpinner");
        scenarios.getValueFactory().setConverter(grouped(() -> model.scenariosProperty().get()));
        scenarios.getValueFactory().valueProperty().bindBidirectional(scenariosObject);
        scenarios.setEditable(true);
        commitOnFocusLoss(scenarios);
        BooleanBinding notMonteCarlo = Bindings.createBooleanBinding(
                () -> model.methodProperty().get() != RiskMethod.MONTECARLO, model.methodProperty());
        scenarios.disableProperty().bind(notMonteCarlo);
        row(grid, 5, "MC scenarios", scenarios, "Monte Carlo scenario count, 1,000 to 2,000,000");

        TextField seed = new TextField();
        seed.setId("seedField");
        TextFormatter<Long> seedFormat = new TextFormatter<>(new StringConverter<>() {
            @Override
            public String toString(Long v) {
                return v == null ? "" : Long.toString(v);
            }

            @Override
            public Long fromString(String s) {
                try {
                    return Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    return model.seedProperty().get();
                }
            }
        }, model.seedProperty().get(), c -> c.getControlNewText().matches("\\d{0,18}") ? c : null);
        seed.setTextFormatter(seedFormat);
        seedFormat.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                model.seedProperty().set(v);
            }
        });
        model.seedProperty().addListener((o, a, v) -> seedFormat.setValue(v.longValue()));
        seed.disableProperty().bind(notMonteCarlo);
        row(grid, 6, "MC seed", seed, "The same seed gives the same scenarios, bit for bit");
        return grid;
    }

    private static void row(GridPane grid, int r, String label, javafx.scene.control.Control field, String help) {
        Label l = new Label(label);
        l.setLabelFor(field);
        field.setMaxWidth(Double.MAX_VALUE);
        if (help != null) {
            Tooltip t = new Tooltip(help);
            t.setWrapText(true);
            t.setMaxWidth(360);
            l.setTooltip(t);
            if (field.getTooltip() == null) {
                field.setTooltip(t);
            }
        }
        grid.addRow(r, l, field);
    }

    private Node notice() {
        Label notice = new Label();
        notice.setId("riskNotice");
        notice.getStyleClass().add("notice");
        notice.setWrapText(true);
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        return notice;
    }

    private Node history(Runnable chooseHistory) {
        Label what = new Label();
        what.setId("historyLabel");
        what.getStyleClass().add("caption");
        what.setWrapText(true);
        what.textProperty().bind(Bindings.createStringBinding(() -> {
            LoadedHistory h = model.historyProperty().get();
            if (h == null) {
                return "None open. Historical simulation, FHS and the estimated vol models need one.";
            }
            return h.isBundled() ? h.describe() + " (" + BundledHistory.ranges(h.history().value())
                    + "), used where a run needs a history (as the command line without --history); Open… for "
                    + "your own" : h.describe();
        }, model.historyProperty()));
        Button open = new Button("Open…");
        open.setId("openHistoryButton");
        open.setOnAction(e -> chooseHistory.run());
        open.setTooltip(new Tooltip("Daily closes: <ASSET>-USD.daily.csv files, a folder of them, "
                + "or a wide date,BTC,ETH,... file"));
        Button clear = new Button("Clear");
        clear.setId("clearHistoryButton");
        clear.disableProperty().bind(model.historyProperty().isNull());
        clear.setOnAction(e -> model.clearHistory());
        return new VBox(4, what, new HBox(6, open, clear));
    }

    private Node notes() {
        Label notes = new Label();
        notes.setId("riskNotes");
        notes.getStyleClass().add("caption");
        notes.setWrapText(true);
        Tooltip all = new Tooltip();
        all.setWrapText(true);
        all.setMaxWidth(520);
        model.runProperty().addListener((o, was, run) -> {
            List<String> w = run == null ? List.of() : run.result().warnings();
            if (w.isEmpty()) {
                notes.setText(run == null ? "" : "None");
                notes.setTooltip(null);
                return;
            }
            StringBuilder sb = new StringBuilder();
            int shown = Math.min(4, w.size());
            for (int i = 0; i < shown; i++) {
                sb.append("• ").append(w.get(i)).append('\n');
            }
            if (w.size() > shown) {
                sb.append("… and ").append(w.size() - shown).append(" more (hover for all)");
            }
            notes.setText(sb.toString().strip());
            all.setText("• " + String.join("\n• ", w));
            notes.setTooltip(all);
        });
        return notes;
    }

    private static javafx.scene.layout.Region spacer() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    /** Typed values take effect on Enter and when the field loses focus. */
    private static <T> void commitOnFocusLoss(Spinner<T> spinner) {
        spinner.setEditable(true);
        spinner.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                spinner.commitValue();
            }
        });
    }

    private static <T> StringConverter<T> names(java.util.function.Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : name.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    /** Fixed decimals; text that is not a number ({@link NumberText}) gives back the current value. */
    private static StringConverter<Double> fixed(String pattern, DoubleSupplier current) {
        DecimalFormat f = new DecimalFormat(pattern);
        NumberText entry = NumberText.current();
        return new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : f.format(v);
            }

            @Override
            public Double fromString(String s) {
                try {
                    return entry.parse(s);
                } catch (ParseException e) {
                    return current.getAsDouble();
                }
            }
        };
    }

    /** Grouped digits (10,000); text that is not a whole number ({@link NumberText}) gives back the current value. */
    private static StringConverter<Integer> grouped(IntSupplier current) {
        NumberFormat f = NumberFormat.getIntegerInstance();
        NumberText entry = NumberText.current();
        return new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : f.format(v);
            }

            @Override
            public Integer fromString(String s) {
                try {
                    double v = entry.parse(s);
                    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                        return current.getAsInt();
                    }
                    return (int) v;
                } catch (ParseException e) {
                    return current.getAsInt();
                }
            }
        };
    }
}

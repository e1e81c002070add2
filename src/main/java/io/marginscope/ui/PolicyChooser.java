package io.marginscope.ui;

import io.marginscope.margin.PolicyPresets;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;

/**
 * The margin policy in the settings panel: the bundled presets and "Open policy file…". A file
 * that does not parse leaves the policy on show; the view model reports it.
 */
public final class PolicyChooser extends VBox {

    /** The combo box's entry for a policy read from a file. */
    static final String FROM_FILE = "(policy file)";

    private final ComboBox<String> presets = new ComboBox<>();
    private boolean syncing;

    public PolicyChooser(MarginViewModel margin, Window owner) {
        super(6);
        getStyleClass().add("policy-chooser");
        Label heading = new Label("Margin policy");
        heading.getStyleClass().add("panel-heading");

        presets.setId("policyChoice");
        presets.setItems(FXCollections.observableArrayList(PolicyPresets.available()));
        presets.setMaxWidth(Double.MAX_VALUE);
        presets.setTooltip(new Tooltip("The margin policy applied to the book: a bundled preset or a policy file"));
        presets.getSelectionModel().select(margin.policyRefProperty().get());
        presets.valueProperty().addListener((o, a, name) -> {
            if (!syncing && name != null && !name.equals(FROM_FILE)) {
                margin.choosePreset(name);
            }
        });
        HBox.setHgrow(presets, Priority.ALWAYS);

        Button open = new Button("Open policy file…");
        open.setId("openPolicyButton");
        open.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Open a margin policy");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Policy (JSON)", "*.json"));
            File f = fc.showOpenDialog(owner);
            if (f != null) {
                margin.openPolicyFile(f.toPath());
            }
        });
        open.setMaxWidth(Double.MAX_VALUE);

        Label source = new Label();
        source.setId("policySource");
        source.getStyleClass().add("caption");
        source.setWrapText(true);
        margin.policyRefProperty().addListener((o, a, ref) -> {
            syncing = true;
            try {
                if (PolicyPresets.available().contains(ref)) {
                    presets.getItems().remove(FROM_FILE);
                    presets.getSelectionModel().select(ref);
                } else {
                    if (!presets.getItems().contains(FROM_FILE)) {
                        presets.getItems().add(FROM_FILE);
                    }
                    presets.getSelectionModel().select(FROM_FILE);
                }
            } finally {
                syncing = false;
            }
            source.setText(describe(margin, ref));
        });
        source.setText(describe(margin, margin.policyRefProperty().get()));
        getChildren().addAll(heading, presets, open, source);
    }

    private static String describe(MarginViewModel margin, String ref) {
        var t = margin.policy().thresholds();
        String from = PolicyPresets.available().contains(ref) ? "preset" : Path.of(ref).getFileName().toString();
        return margin.policy().name() + " (" + from + "): warning at ratio " + t.warning() + ", liquidation at "
                + t.liquidation();
    }

    ComboBox<String> presets() {
        return presets;
    }
}

package io.marginscope.ui;

import io.marginscope.io.PolicyPresets;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The margin policy in the settings panel: the bundled presets, the policy files opened (or saved
 * by the policy editor) this session, "Open policy file…" and "Edit policy…". A file that does not
 * parse leaves the policy on show; the view model reports it.
 */
public final class PolicyChooser extends VBox {

    /** How a policy file is listed: its file name. */
    static String fileEntry(Path file) {
        return file.getFileName() + " (file)";
    }

    private final ComboBox<String> presets = new ComboBox<>();
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final MarginViewModel margin;
    private final Button edit = new Button("Edit policy…");
    private boolean syncing;

    public PolicyChooser(MarginViewModel margin, Window owner) {
        super(6);
        this.margin = margin;
        getStyleClass().add("policy-chooser");
        Label heading = new Label("Margin policy");
        heading.getStyleClass().add("panel-heading");

        presets.setId("policyChoice");
        presets.setItems(FXCollections.observableArrayList(PolicyPresets.available()));
        presets.setMaxWidth(Double.MAX_VALUE);
        presets.setTooltip(new Tooltip("The margin policy applied to the book: a bundled preset or a policy file"));
        presets.getSelectionModel().select(margin.policyRefProperty().get());
        presets.valueProperty().addListener((o, a, name) -> {
            if (syncing || name == null) {
                return;
            }
            Path file = files.get(name);
            if (file != null) {
                margin.openPolicyFile(file);
            } else {
                margin.choosePreset(name);
            }
            sync(margin.policyRefProperty().get());
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
        edit.setId("editPolicyButton");
        edit.setMaxWidth(Double.MAX_VALUE);
        edit.setTooltip(new Tooltip("Edit any number of the policy on show; see the new MM and why it changed; save "
                + "it as a new file"));
        edit.setDisable(true);

        Label source = new Label();
        source.setId("policySource");
        source.getStyleClass().add("caption");
        source.setWrapText(true);
        margin.policyRefProperty().addListener((o, a, ref) -> {
            sync(ref);
            source.setText(describe(margin, ref));
        });
        source.setText(describe(margin, margin.policyRefProperty().get()));
        getChildren().addAll(heading, presets, open, edit, source);
    }

    /** What "Edit policy…" does (the workspace opens its editor). */
    void setOnEdit(Runnable action) {
        edit.setOnAction(e -> action.run());
        edit.setDisable(action == null);
    }

    /** Shows the policy of {@code ref}: a preset, or a file (listed from then on). */
    private void sync(String ref) {
        syncing = true;
        try {
            if (PolicyPresets.available().contains(ref)) {
                presets.getSelectionModel().select(ref);
            } else if (ref != null) {
                Path file = Path.of(ref);
                String entry = fileEntry(file);
                files.put(entry, file);
                if (!presets.getItems().contains(entry)) {
                    presets.getItems().add(entry);
                }
                presets.getSelectionModel().select(entry);
            }
        } finally {
            syncing = false;
        }
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

    Button editButton() {
        return edit;
    }
}

package io.marginscope.ui.control;

import javafx.concurrent.Worker;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

/** A run / cancel bar of a tab: Recompute, Cancel (while a run is in flight), its progress and message. */
public final class RunBar {

    private RunBar() {
    }

    /**
     * @param worker the runs shown (progress, message, running)
     * @param run    what Recompute does
     * @param cancel what Cancel does
     */
    public static HBox of(Worker<?> worker, Runnable run, Runnable cancel) {
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(worker.progressProperty());
        progress.visibleProperty().bind(worker.runningProperty());
        Label message = new Label();
        message.getStyleClass().add("caption");
        message.textProperty().bind(worker.messageProperty());
        Button recompute = new Button("Recompute");
        recompute.setOnAction(e -> run.run());
        Button stop = new Button("Cancel");
        stop.disableProperty().bind(worker.runningProperty().not());
        stop.setOnAction(e -> cancel.run());
        HBox bar = new HBox(8, recompute, stop, progress, message);
        bar.getStyleClass().add("tab-toolbar");
        return bar;
    }
}

package io.marginscope.ui.app;

import io.marginscope.report.PdfReport;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import io.marginscope.ui.margin.MarginViewModel;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.sessions.SessionInputs;
import io.marginscope.ui.workbook.WorkbookViewModel;

/**
 * File > Export: the PDF report (A4 or Letter) and the CSV folder of what the workstation shows,
 * written by the {@link ExportService} while a small window shows its progress.
 */
public final class ExportActions {

    private final Stage stage;
    private final WorkbookViewModel model;
    private final MarginViewModel margin;
    private final RiskViewModel risk;
    private final ExportService service = new ExportService();
    private Stage progress;

    ExportActions(Stage stage, WorkbookViewModel model, RiskViewModel risk, MarginViewModel margin) {
        this.stage = stage;
        this.model = model;
        this.risk = risk;
        this.margin = margin;
        service.setOnSucceeded(e -> done("Written: " + service.getValue(), Alert.AlertType.INFORMATION));
        service.setOnFailed(e -> done("Export failed: " + service.getException().getMessage(), Alert.AlertType.ERROR));
        service.setOnCancelled(e -> hideProgress());
    }

    Menu menu() {
        MenuItem a4 = new MenuItem("PDF Report (A4)…");
        a4.setId("exportPdfA4");
        a4.setOnAction(e -> choosePdf(PdfReport.PageSize.A4));
        MenuItem letter = new MenuItem("PDF Report (Letter)…");
        letter.setId("exportPdfLetter");
        letter.setOnAction(e -> choosePdf(PdfReport.PageSize.LETTER));
        MenuItem csv = new MenuItem("CSV Folder…");
        csv.setId("exportCsv");
        csv.setOnAction(e -> chooseCsv());
        Menu m = new Menu("Export", null, a4, letter, csv);
        m.setId("exportMenu");
        m.disableProperty().bind(model.currentProperty().isNull().or(service.runningProperty()));
        return m;
    }

    private void choosePdf(PdfReport.PageSize size) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export PDF Report (" + size + ")");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF (*.pdf)", "*.pdf"));
        fc.setInitialFileName(model.current().book().name() + "-report.pdf");
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            exportPdf(f.toPath(), size);
        }
    }

    private void chooseCsv() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Export CSV files into a folder");
        File f = dc.showDialog(stage);
        if (f != null) {
            exportCsv(f.toPath());
        }
    }

    void exportPdf(Path file, PdfReport.PageSize size) {
        start(new ExportService.Request(state(), file, size, false));
    }

    public void exportCsv(Path folder) {
        start(new ExportService.Request(state(), folder, PdfReport.PageSize.A4, true));
    }

    public ExportService service() {
        return service;
    }

    private SessionInputs.Snapshot state() {
        return new SessionInputs.Snapshot(model.current(), risk.parameters(), risk.openedHistory(),
                margin.policyRef());
    }

    private void start(ExportService.Request r) {
        if (r.state().book() == null) {
            return;
        }
        showProgress();
        service.submit(r);
    }

    private void showProgress() {
        if (progress == null) {
            ProgressBar bar = new ProgressBar();
            bar.setId("exportProgress");
            bar.setPrefWidth(320);
            bar.progressProperty().bind(service.progressProperty());
            Label message = new Label();
            message.textProperty().bind(service.messageProperty());
            Button cancel = new Button("Cancel");
            cancel.setOnAction(e -> service.cancel());
            VBox box = new VBox(10, message, bar, cancel);
            box.setPadding(new Insets(14));
            progress = new Stage();
            progress.initOwner(stage);
            progress.initModality(Modality.NONE);
            progress.setTitle("Exporting …");
            Scene s = new Scene(box);
            s.getStylesheets().setAll(stage.getScene().getStylesheets());
            progress.setScene(s);
        }
        progress.show();
    }

    private void hideProgress() {
        if (progress != null) {
            progress.hide();
        }
    }

    private void done(String text, Alert.AlertType type) {
        hideProgress();
        Alert a = new Alert(type, text);
        a.initOwner(stage);
        a.setHeaderText(type == Alert.AlertType.ERROR ? "Export failed" : "Export finished");
        a.show();
    }
}

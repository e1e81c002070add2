package io.marginscope.ui.app;

import io.marginscope.report.CsvExport;
import io.marginscope.report.PdfReport;
import io.marginscope.report.ReportBuilder;
import io.marginscope.report.ReportData;
import io.marginscope.run.ComputeRun;
import io.marginscope.run.RunInputs;
import javafx.concurrent.Service;
import javafx.concurrent.Task;

import java.nio.file.Path;
import io.marginscope.ui.sessions.SessionInputs;

/**
 * Writes the report of what the workstation shows, off the FX thread: the compute run of its
 * inputs ({@link SessionInputs}, margin under {@code ramm}), then {@link ReportBuilder} (stress,
 * backtest when a history is open) and a PDF ({@link PdfReport}) or a folder of CSV files
 * ({@link CsvExport}). Reports progress by step.
 */
public final class ExportService extends Service<Path> {

    /** What to write and where. */
    record Request(SessionInputs.Snapshot state, Path target, PdfReport.PageSize pageSize, boolean csv) { }

    private Request request;

    void submit(Request r) {
        this.request = r;
        restart();
    }

    @Override
    protected Task<Path> createTask() {
        Request r = request;
        return new Task<>() {
            @Override
            protected Path call() throws Exception {
                updateProgress(0, 4);
                updateMessage("Reading the inputs …");
                RunInputs in = SessionInputs.of(r.state());
                updateProgress(1, 4);
                updateMessage("Computing risk and margin …");
                ComputeRun.Result run = ComputeRun.run(in);
                updateProgress(2, 4);
                updateMessage("Stress and backtest …");
                ReportData data = ReportBuilder.build(run);
                updateProgress(3, 4);
                if (r.csv()) {
                    updateMessage("Writing CSV files …");
                    CsvExport.write(data, r.target());
                } else {
                    updateMessage("Writing the PDF …");
                    PdfReport.write(data, r.target(), r.pageSize());
                }
                updateProgress(4, 4);
                updateMessage("");
                return r.target();
            }
        };
    }
}

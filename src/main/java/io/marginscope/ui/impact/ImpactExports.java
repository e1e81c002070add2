package io.marginscope.ui.impact;

import io.marginscope.impact.AccountInput;
import io.marginscope.impact.ImpactSummary;
import io.marginscope.io.ClientBaseFiles;
import io.marginscope.io.InputException;
import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.SnapshotJson;
import io.marginscope.io.TextSource;
import io.marginscope.model.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.report.ImpactPdf;
import io.marginscope.report.OutputTarget;
import io.marginscope.report.PdfReport;
import io.marginscope.ui.compute.Pools;
import io.marginscope.ui.workbook.BookRequest;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.workbook.WorkbookViewModel;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What the Impact window reads and writes beside its run: the client base and its snapshot chosen, the
 * policy-impact PDF page ({@link ImpactPdf}, written through a temporary file) and the per-account CSV
 * (the run's rows, put in place by {@link OutputTarget}: a temporary sibling renamed over the target),
 * and a mover's account opened as the main window's book. All file work runs off the FX thread.
 */
final class ImpactExports {

    private final Stage stage;
    private final WorkbookViewModel model;
    private final Label status;
    private final Executor pool = Pools.named("impact-io");

    ImpactExports(Stage stage, WorkbookViewModel model, Label status) {
        this.stage = stage;
        this.model = model;
        this.status = status;
    }

    /** Asks: a folder of account files, or one CSV with an account column. */
    static Path chooseBase(Stage owner, Path last) {
        ButtonType folder = new ButtonType("A folder of account files…", ButtonBar.ButtonData.YES);
        ButtonType csv = new ButtonType("One CSV with an account column…", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "A client base is a folder of portfolio files (one "
                + "account each, the file name is the account) or one CSV whose rows carry an 'account' column.",
                folder, csv, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle("Open Client Base");
        a.setHeaderText("Open Client Base");
        ButtonType answer = a.showAndWait().orElse(ButtonType.CANCEL);
        File start = last == null ? null : (Files.isDirectory(last) ? last : last.toAbsolutePath().getParent()).toFile();
        if (answer == folder) {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Open Client Base (a folder of account files)");
            if (start != null && start.isDirectory()) {
                dc.setInitialDirectory(start.getParentFile() != null ? start.getParentFile() : start);
            }
            File f = dc.showDialog(owner);
            return f == null ? null : f.toPath();
        }
        if (answer == csv) {
            FileChooser fc = new FileChooser();
            fc.setTitle("Open Client Base (one CSV with an account column)");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Client base (*.csv)", "*.csv"));
            if (start != null && start.isDirectory()) {
                fc.setInitialDirectory(start);
            }
            File f = fc.showOpenDialog(owner);
            return f == null ? null : f.toPath();
        }
        return null;
    }

    /** The base's snapshot: market.json in the folder, X.market.json or market.json beside X.csv, else the fallback. */
    static Path marketOf(Path accounts, Path fallback) {
        if (Files.isDirectory(accounts)) {
            Path m = accounts.resolve("market.json");
            if (Files.isRegularFile(m)) {
                return m;
            }
        } else {
            Path m = PortfolioFiles.companionMarket(accounts);
            if (m != null) {
                return m;
            }
        }
        return fallback;
    }

    static Path chooseMarket(Stage owner, Path accounts) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Market snapshot for " + accounts.getFileName());
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Market snapshot (*.json)", "*.json"));
        File f = fc.showOpenDialog(owner);
        return f == null ? null : f.toPath();
    }

    void choosePdf(ImpactService.Outcome o) {
        if (o == null) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Export Policy Impact PDF");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF (*.pdf)", "*.pdf"));
        fc.setInitialFileName(baseName(o) + "-impact.pdf");
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            exportPdf(o, f.toPath(), PdfReport.PageSize.A4);
        }
    }

    void chooseCsv(ImpactService.Outcome o) {
        if (o == null) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Export Per-Account CSV");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV (*.csv)", "*.csv"));
        fc.setInitialFileName(baseName(o) + "-impact.csv");
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            exportCsv(o, f.toPath());
        }
    }

    /** The policy-impact PDF of this run, as {@code impact --pdf} writes it. */
    Task<Path> exportPdf(ImpactService.Outcome o, Path file, PdfReport.PageSize size) {
        ImpactSummary s = o.result().summary();
        List<String> warnings = new ArrayList<>(o.result().warnings());
        String base = o.request().accounts().toAbsolutePath().getFileName().toString();
        return write(file, () -> ImpactPdf.write(s, base, o.asOf(), warnings, file, size));
    }

    /** The per-account CSV of this run, as {@code impact --csv} writes it. */
    Task<Path> exportCsv(ImpactService.Outcome o, Path file) {
        return write(file, () -> OutputTarget.of("CSV", file).write(out -> Files.copy(o.csv(), out), null));
    }

    private interface Writer {
        void write() throws IOException;
    }

    private Task<Path> write(Path file, Writer w) {
        Task<Path> t = new Task<>() {
            @Override
            protected Path call() throws IOException {
                w.write();
                return file;
            }
        };
        status.setText("Writing " + file.getFileName() + " …");
        t.setOnSucceeded(e -> status.setText("Written: " + file));
        t.setOnFailed(e -> {
            Throwable ex = t.getException();
            status.setText("");
            Alert a = new Alert(Alert.AlertType.ERROR, "Nothing was written (a file already there is unchanged): "
                    + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            a.initOwner(stage);
            a.setHeaderText("Export failed");
            a.show();
        });
        pool.execute(t);
        return t;
    }

    /**
     * Opens a mover's account as the book of the main window on the base's snapshot: its own file for a
     * folder, its rows of the CSV otherwise (read again from the base, as the run read them).
     */
    Task<BookRequest> openAccount(ImpactService.Request r, ImpactSummary.Mover m, Runnable opened) {
        Task<BookRequest> t = new Task<>() {
            @Override
            protected BookRequest call() throws InputException {
                AccountInput in = find(r.accounts(), m);
                if (in.badInput() != null) {
                    throw new InputException(in.sourceName(), 0, null, in.badInput());
                }
                Path own = Files.isDirectory(r.accounts()) ? Path.of(in.sourceName()) : null;
                if (own != null && Files.isRegularFile(own)) {
                    return new BookRequest.Files(own, r.market());
                }
                Loaded<MarketSnapshot> market = SnapshotJson.read(r.market());
                Loaded<Portfolio> book = PortfolioFiles.read(new TextSource(in.sourceName(), in.text()), market.value());
                List<String> warnings = new ArrayList<>(market.warnings());
                warnings.addAll(book.warnings());
                PortfolioValuation v = PortfolioValuation.of(book.value(), market.value());
                warnings.addAll(v.errors());
                return new BookRequest.Restored(new LoadedBook(book.value(), market.value(), v, warnings, null,
                        r.market()));
            }
        };
        status.setText("Opening " + m.account() + " …");
        t.setOnSucceeded(e -> {
            status.setText("Opened " + m.account() + " as the book of the main window");
            model.load(t.getValue());
            opened.run();
        });
        t.setOnFailed(e -> status.setText("Could not open " + m.account() + ": " + t.getException().getMessage()));
        pool.execute(t);
        return t;
    }

    private static AccountInput find(Path accounts, ImpactSummary.Mover m) throws InputException {
        try (ClientBaseFiles.Accounts base = ClientBaseFiles.open(accounts)) {
            while (base.hasNext()) {
                AccountInput a = base.next();
                if (a.index() == m.index()) {
                    if (!a.account().equals(m.account())) {
                        break;
                    }
                    return a;
                }
            }
        }
        throw new InputException(accounts.toString(), 0, null, "account " + m.account()
                + " is no longer where it was in the client base (changed since the run?)");
    }

    static String baseName(ImpactService.Outcome o) {
        String n = o.request().accounts().toAbsolutePath().getFileName().toString();
        return n.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary file of a run no longer on show; removed at exit otherwise
        }
    }
}

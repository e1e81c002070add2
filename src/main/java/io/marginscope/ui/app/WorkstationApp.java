package io.marginscope.ui.app;

import io.marginscope.io.SampleBooks;
import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;
import io.marginscope.ui.workbook.BookRequest;
import io.marginscope.ui.workbook.WorkbookViewModel;

/**
 * The JavaFX application. Opens on the portfolio given with {@code --portfolio} (and
 * {@code --market}, else the snapshot beside it), or on the default sample book; with
 * {@code --history H} it also opens that price history for the risk settings, without it the program's
 * own daily closes (read off the FX thread), so that the historical methods and the Backtest tab have a
 * history from the first start.
 */
public final class WorkstationApp extends Application {

    /** Starts the toolkit and blocks until the window closes. */
    public static void open(String[] args) {
        Application.launch(WorkstationApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        StartupProbe.mark("fxStart");
        WorkbookViewModel model = new WorkbookViewModel();
        MainWindow window = new MainWindow(stage, model, new RecentFiles(preferencesNode()));
        List<String> args = getParameters() == null ? List.of() : getParameters().getRaw();
        BookRequest request = initialRequest(args);
        Path history = historyArgument(args);
        model.currentProperty().addListener((o, was, now) -> StartupProbe.bookLoaded());
        window.risk().runProperty().addListener((o, was, now) -> {
            if (now != null) {
                StartupProbe.firstCompute();
            }
        });
        StartupProbe.mark("sceneBuilt");
        // The book is read, valued and its risk computed on worker threads; they start after the
        // first frame so that they do not compete with it for the CPU (the window shows the
        // empty state for that moment).
        StartupProbe.afterFirstPulse(stage.getScene(), () -> begin(window, model, request, history));
        stage.show();
        StartupProbe.mark("stageShown");
        window.sessions().offerRecovery();
    }

    /**
     * Loads the book and the price history: the one given, else the bundled closes. Both are read on worker
     * threads; a history opened later replaces the bundled one.
     */
    static void begin(MainWindow window, WorkbookViewModel model, BookRequest book, Path history) {
        model.load(book);
        if (history != null) {
            window.risk().openHistory(history);
        } else {
            window.risk().openBundledHistory();
        }
    }

    public static String preferencesNode() {
        return System.getProperty("marginscope.prefs", "io/marginscope/workstation");
    }

    /** The path after {@code --history}, or null. */
    static Path historyArgument(List<String> args) {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--history")) {
                return Path.of(args.get(i + 1));
            }
        }
        return null;
    }

    /** {@code --portfolio P [--market M]} or the default sample. */
    public static BookRequest initialRequest(List<String> args) {
        Path portfolio = null;
        Path market = null;
        for (int i = 0; i + 1 < args.size(); i++) {
            switch (args.get(i)) {
                case "--portfolio" -> portfolio = Path.of(args.get(++i));
                case "--market" -> market = Path.of(args.get(++i));
                default -> { }
            }
        }
        if (portfolio == null) {
            return new BookRequest.Sample(SampleBooks.DEFAULT);
        }
        if (market == null) {
            market = io.marginscope.io.PortfolioFiles.companionMarket(portfolio);
        }
        if (market == null) {
            throw new IllegalArgumentException("no market snapshot for " + portfolio + ": pass --market M.json");
        }
        return new BookRequest.Files(portfolio, market);
    }
}

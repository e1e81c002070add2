package io.marginscope.ui;

import io.marginscope.io.SampleBooks;
import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The JavaFX application. Opens on the portfolio given with {@code --portfolio} (and
 * {@code --market}, else the snapshot beside it), or on the default sample book.
 */
public final class WorkstationApp extends Application {

    /** Starts the toolkit and blocks until the window closes. */
    public static void open(String[] args) {
        Application.launch(WorkstationApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        WorkbookViewModel model = new WorkbookViewModel();
        new MainWindow(stage, model, new RecentFiles(preferencesNode()));
        model.load(initialRequest(getParameters() == null ? List.of() : getParameters().getRaw()));
        stage.show();
    }

    static String preferencesNode() {
        return System.getProperty("marginscope.prefs", "io/marginscope/workstation");
    }

    /** {@code --portfolio P [--market M]} or the default sample. */
    static BookRequest initialRequest(List<String> args) {
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

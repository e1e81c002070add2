package io.marginscope.ui.risk;

import io.marginscope.io.PriceHistoryFiles;
import javafx.concurrent.Service;
import javafx.concurrent.Task;

import java.nio.file.Path;
import io.marginscope.ui.workbook.LoadedHistory;

/**
 * Reads a price history file or folder, or the bundled closes, off the FX thread; a new request cancels the
 * one in flight.
 */
public final class PriceHistoryService extends Service<LoadedHistory> {

    private Path file;

    void submit(Path next) {
        this.file = next;
        restart();
    }

    /** Reads the program's own closes ({@link LoadedHistory#bundled()}). */
    void submitBundled() {
        submit(null);
    }

    @Override
    protected Task<LoadedHistory> createTask() {
        Path f = file;
        return new Task<>() {
            @Override
            protected LoadedHistory call() throws Exception {
                updateMessage(f == null ? "Reading the bundled price history …"
                        : "Reading price history " + f.getFileName() + " …");
                updateProgress(-1, 1);
                return f == null ? LoadedHistory.bundled() : new LoadedHistory(f, PriceHistoryFiles.read(f));
            }
        };
    }
}

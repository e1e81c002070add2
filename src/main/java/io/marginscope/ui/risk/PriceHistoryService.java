package io.marginscope.ui.risk;

import io.marginscope.io.PriceHistoryFiles;
import javafx.concurrent.Service;
import javafx.concurrent.Task;

import java.nio.file.Path;
import io.marginscope.ui.workbook.LoadedHistory;

/** Reads a price history file or folder off the FX thread; a new request cancels the one in flight. */
public final class PriceHistoryService extends Service<LoadedHistory> {

    private Path file;

    void submit(Path next) {
        this.file = next;
        restart();
    }

    @Override
    protected Task<LoadedHistory> createTask() {
        Path f = file;
        return new Task<>() {
            @Override
            protected LoadedHistory call() throws Exception {
                updateMessage("Reading price history " + f.getFileName() + " …");
                updateProgress(-1, 1);
                return new LoadedHistory(f, PriceHistoryFiles.read(f));
            }
        };
    }
}

package io.marginscope.cli;

import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.io.PriceHistoryFiles;
import io.marginscope.risk.PriceHistory;

import java.nio.file.Path;

/** The optional --history input. */
final class HistoryInput {

    private HistoryInput() {
    }

    /** The loaded history, or null when no path was given. */
    static Loaded<PriceHistory> load(Path path) throws InputException {
        return path == null ? null : PriceHistoryFiles.read(path);
    }
}

package io.marginscope.ui;

import javafx.concurrent.Service;
import javafx.concurrent.Task;

/**
 * Loads and values a book off the FX thread. One request at a time: a new request cancels the
 * one in flight (the latest wins).
 */
public final class BookService extends Service<LoadedBook> {

    private BookRequest request;

    void submit(BookRequest next) {
        this.request = next;
        restart();
    }

    @Override
    protected Task<LoadedBook> createTask() {
        BookRequest r = request;
        return new Task<>() {
            @Override
            protected LoadedBook call() throws Exception {
                updateMessage("Loading " + describe(r) + " …");
                updateProgress(-1, 1);
                LoadedBook out = r.load();
                updateMessage("");
                return out;
            }
        };
    }

    static String describe(BookRequest r) {
        return switch (r) {
            case BookRequest.Files f -> f.portfolio().getFileName().toString();
            case BookRequest.Sample s -> "sample " + s.name();
            case BookRequest.NewMarket n -> n.market().getFileName().toString();
            case BookRequest.Restored b -> "saved " + b.book().book().name();
        };
    }
}

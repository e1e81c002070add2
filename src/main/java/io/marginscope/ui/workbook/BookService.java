package io.marginscope.ui.workbook;

import javafx.concurrent.Service;
import javafx.concurrent.Task;

/**
 * Loads and values a book off the FX thread. One request at a time: a new request cancels the
 * one in flight (the latest wins). The value names the request it answers, so that the caller knows
 * whether a load or an edit (and which) landed.
 */
public final class BookService extends Service<BookService.Landed> {

    /** A request and the book it produced. */
    public record Landed(BookRequest request, LoadedBook book) {
    }

    private BookRequest request;

    void submit(BookRequest next) {
        this.request = next;
        restart();
    }

    @Override
    protected Task<Landed> createTask() {
        BookRequest r = request;
        return new Task<>() {
            @Override
            protected Landed call() throws Exception {
                updateMessage("Loading " + describe(r) + " …");
                updateProgress(-1, 1);
                LoadedBook out = r.load();
                updateMessage("");
                return new Landed(r, out);
            }
        };
    }

    static String describe(BookRequest r) {
        return switch (r) {
            case BookRequest.Files f -> f.portfolio().getFileName().toString();
            case BookRequest.Sample s -> "sample " + s.name();
            case BookRequest.NewMarket n -> n.market().getFileName().toString();
            case BookRequest.Restored b -> "saved " + b.book().book().name();
            case BookRequest.Edited e -> "edited " + e.next().name();
        };
    }
}

package io.marginscope.ui;

import io.marginscope.pricing.PositionValuation;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.function.Consumer;

/**
 * The state the main window binds to: the book on show, its rows, and the load in progress.
 * A failed load keeps the previous book and reports the error.
 */
public final class WorkbookViewModel {

    private final BookService service = new BookService();
    private final ReadOnlyObjectWrapper<LoadedBook> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ObservableList<PositionValuation> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private Consumer<Throwable> onError = e -> { };

    public WorkbookViewModel() {
        service.setOnSucceeded(e -> show(service.getValue()));
        service.setOnFailed(e -> {
            Throwable ex = service.getException();
            status.set("Not loaded: " + ex.getMessage());
            onError.accept(ex);
        });
        service.setOnCancelled(e -> status.set("Cancelled"));
    }

    void load(BookRequest request) {
        service.submit(request);
    }

    void cancel() {
        service.cancel();
    }

    void setOnError(Consumer<Throwable> handler) {
        this.onError = handler;
    }

    private void show(LoadedBook book) {
        current.set(book);
        rows.setAll(book.valuation().positions());
        int n = book.book().size();
        status.set(book.book().name() + ": " + n + " position" + (n == 1 ? "" : "s") + " valued as of "
                + book.market().asOf()
                + (book.warnings().isEmpty() ? "" : " — " + book.warnings().size() + " warning(s)"));
    }

    public BookService service() {
        return service;
    }

    public ReadOnlyObjectProperty<LoadedBook> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public LoadedBook current() {
        return current.get();
    }

    public ObservableList<PositionValuation> rows() {
        return rows;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}

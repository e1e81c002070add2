package io.marginscope.ui.workbook;

import io.marginscope.model.Portfolio;
import io.marginscope.pricing.PositionValuation;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The state the main window binds to: the book on show, its rows, and the load in progress.
 * A failed load keeps the previous book and reports the error.
 * <p>
 * The book can be edited as a what-if ({@link #edit}): the edited book is valued off the FX thread
 * and replaces the one on show; each edit can be undone and redone. Loading another book (or another
 * market for it) starts a new history. {@link #editedProperty()} tells whether the book on show differs
 * from the one loaded.
 */
public final class WorkbookViewModel {

    /** One step of the what-if history: what was done, and the book before it (or after it, for redo). */
    private record Step(String label, LoadedBook book) {
    }

    private final BookService service = new BookService();
    private final ReadOnlyObjectWrapper<LoadedBook> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ObservableList<PositionValuation> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper(this, "undoLabel", "");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper(this, "redoLabel", "");
    private final ReadOnlyBooleanWrapper edited = new ReadOnlyBooleanWrapper(this, "edited");
    private LoadedBook origin;
    private String pendingEdit;
    private Consumer<Throwable> onError = e -> { };

    public WorkbookViewModel() {
        service.setOnSucceeded(e -> landed(service.getValue()));
        service.setOnFailed(e -> {
            Throwable ex = service.getException();
            status.set("Not loaded: " + ex.getMessage());
            onError.accept(ex);
        });
        service.setOnCancelled(e -> status.set("Cancelled"));
    }

    public void load(BookRequest request) {
        service.submit(request);
    }

    public void cancel() {
        service.cancel();
    }

    public void setOnError(Consumer<Throwable> handler) {
        this.onError = handler;
    }

    /**
     * Replaces the positions of the book on show by {@code next} (same market), as one undoable step
     * named {@code label} ("Add btc-perp", "Trade +1 BTC-PERP"). Ignored when no book is open.
     */
    public void edit(String label, Portfolio next) {
        LoadedBook now = current.get();
        if (now == null) {
            return;
        }
        pendingEdit = label;
        service.submit(new BookRequest.Edited(now, next));
    }

    /** Takes back the last edit; false when there is none. */
    public boolean undo() {
        return step(undo, redo);
    }

    /** Does again the last edit taken back; false when there is none. */
    public boolean redo() {
        return step(redo, undo);
    }

    /** Back to the book as loaded (itself an undoable step). */
    public void revert() {
        if (origin != null && edited.get()) {
            push(undo, new Step("Revert to loaded book", current.get()));
            redo.clear();
            show(origin);
        }
    }

    private boolean step(Deque<Step> from, Deque<Step> to) {
        if (from.isEmpty()) {
            return false;
        }
        if (service.isRunning()) {
            service.cancel();
        }
        Step s = from.pop();
        to.push(new Step(s.label(), current.get()));
        show(s.book());
        return true;
    }

    private void push(Deque<Step> stack, Step s) {
        stack.push(s);
        if (stack.size() > 200) {
            stack.removeLast();
        }
    }

    private void landed(BookService.Landed l) {
        if (l.request() instanceof BookRequest.Edited e) {
            push(undo, new Step(pendingEdit == null ? "Edit" : pendingEdit, e.current()));
            redo.clear();
        } else {
            undo.clear();
            redo.clear();
            origin = l.book();
        }
        pendingEdit = null;
        show(l.book());
    }

    private void show(LoadedBook book) {
        // the history first, so that a listener of the book on show reads whether it is a what-if
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoLabel.set(undo.isEmpty() ? "" : undo.peek().label());
        redoLabel.set(redo.isEmpty() ? "" : redo.peek().label());
        // differs in content: an edit taken back by hand (add, then remove) is no longer a what-if
        edited.set(origin != null && book.book() != origin.book() && !book.book().equals(origin.book()));
        current.set(book);
        rows.setAll(book.valuation().positions());
        int n = book.book().size();
        status.set(book.book().name() + (edited.get() ? " (what-if)" : "") + ": " + n + " position"
                + (n == 1 ? "" : "s") + " valued as of " + book.market().asOf()
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

    /** The book as loaded from its file, sample or session, before any what-if edit. */
    public LoadedBook origin() {
        return origin;
    }

    public ObservableList<PositionValuation> rows() {
        return rows;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** What Undo would take back ("Add btc-perp"), empty when nothing. */
    public ReadOnlyStringProperty undoLabelProperty() {
        return undoLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoLabelProperty() {
        return redoLabel.getReadOnlyProperty();
    }

    /** True while the book on show differs from the one loaded (a what-if). */
    public ReadOnlyBooleanProperty editedProperty() {
        return edited.getReadOnlyProperty();
    }

    /** The book's name for a title, marked "(what-if)" while its positions differ from those loaded. */
    public String title(LoadedBook b) {
        return b.book().name() + (edited.get() ? " (what-if)" : "");
    }
}

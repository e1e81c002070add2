package io.marginscope.ui.sessions;

import io.marginscope.run.ComputeRun;
import io.marginscope.run.RunInputs;
import io.marginscope.store.Session;
import io.marginscope.store.SessionStore;
import io.marginscope.store.TimelinePoint;
import io.marginscope.store.Verification;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import io.marginscope.ui.workbook.BookRequest;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.margin.MarginViewModel;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.workbook.WorkbookViewModel;

/**
 * Saved sessions from the workstation: File > Save Session (a new session, or a new version of
 * the one open), File > Sessions… (the {@link SessionsWindow}), opening a session into the
 * workstation with a check that its stored results reproduce, autosave of the state on show every
 * {@code marginscope.autosaveSeconds} seconds (default 60; 0 turns it off), and the offer to
 * restore an autosave a crashed run left. All store work runs on the {@link StoreWorker}'s thread.
 */
public final class SessionActions {

    private final Stage stage;
    private final WorkbookViewModel model;
    private final MarginViewModel margin;
    private final RiskViewModel risk;
    private final StoreWorker worker = new StoreWorker();
    private final ReadOnlyObjectWrapper<Session> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final Timeline autosave;
    private SessionsWindow window;

    /** A session records the policy on show (the margin view model's) and reopens under it. */
    public SessionActions(Stage stage, WorkbookViewModel model, RiskViewModel risk, MarginViewModel margin) {
        this.stage = stage;
        this.model = model;
        this.risk = risk;
        this.margin = margin;
        double seconds = Double.parseDouble(System.getProperty("marginscope.autosaveSeconds", "60"));
        autosave = new Timeline(new KeyFrame(Duration.seconds(Math.max(seconds, 1)), e -> autosaveNow()));
        autosave.setCycleCount(Timeline.INDEFINITE);
        if (seconds > 0) {
            autosave.play();
        }
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> {
            autosave.stop();
            worker.close();
        });
        // after the main window's own title listener
        model.currentProperty().addListener((o, a, b) -> {
            // another book is no longer the open session: the next save asks for a name
            Session s = current.get();
            if (s != null && b != null && !sameBook(s, b)) {
                current.set(null);
            }
            javafx.application.Platform.runLater(this::updateTitle);
        });
    }

    public List<MenuItem> menuItems() {
        MenuItem save = new MenuItem("Save Session");
        save.setId("saveSessionItem");
        save.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
        save.setOnAction(e -> save());
        MenuItem sessions = new MenuItem("Sessions…");
        sessions.setId("sessionsItem");
        sessions.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+O"));
        sessions.setOnAction(e -> showWindow());
        return List.of(save, sessions);
    }

    /** Saves a new version of the open session, or asks a name for a new one. */
    void save() {
        if (current.get() != null) {
            save(current.get().name(), s -> { });
            return;
        }
        LoadedBook b = model.current();
        TextInputDialog d = new TextInputDialog((b == null ? "session" : b.book().name()) + " "
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        d.initOwner(stage);
        d.setTitle("Save Session");
        d.setHeaderText("Save what the workstation shows as a session");
        d.setContentText("Name:");
        d.showAndWait().filter(n -> !n.isBlank()).ifPresent(n -> save(n.strip(), s -> { }));
    }

    /** Saves the state on show under this name (a new version when it is the open session's). */
    public void save(String name, Consumer<Session> after) {
        SessionInputs.Snapshot snap = snapshot();
        if (snap == null) {
            return;
        }
        Session open = current.get();
        status.set("Saving session " + name + " …");
        worker.submit(store -> {
            RunInputs in = SessionInputs.of(snap);
            ComputeRun.Result run = ComputeRun.run(in);
            Session s = open != null && open.name().equals(name) ? open.withRun(run) : Session.of(name, run, "");
            return store.save(s);
        }, s -> {
            current.set(s);
            status.set("Saved " + s.name() + " (version " + s.version() + ")");
            updateTitle();
            if (window != null) {
                window.refresh();
            }
            after.accept(s);
        }, this::failed);
    }

    /**
     * Opens a stored session: the workstation shows its book, market, settings and history; then
     * its stored results are recomputed and compared ({@link SessionStore#verify}).
     */
    public void open(long id, Consumer<String> verdict) {
        status.set("Opening session " + id + " …");
        worker.submit(store -> {
            Session s = store.load(id);
            return new Object[] {s, SessionInputs.open(s.inputs())};
        }, pair -> {
            Session s = (Session) pair[0];
            show((SessionInputs.Opened) pair[1]);
            current.set(s);
            updateTitle();
            status.set("Opened " + s.name() + "; checking its stored results …");
            verify(s, verdict);
        }, this::failed);
    }

    private void verify(Session s, Consumer<String> verdict) {
        worker.submit(store -> SessionStore.verify(s), v -> {
            String text = describe(s, v);
            status.set(text);
            verdict.accept(text);
        }, this::failed);
    }

    static String describe(Session s, Verification v) {
        if (v.reproduces()) {
            return s.name() + ": the stored results reproduce exactly from the stored inputs";
        }
        if (!v.hashMatches() && v.storedHash() != null) {
            return s.name() + ": the stored inputs are not those the results were computed from";
        }
        return s.name() + ": the stored results do not reproduce (" + v.differences().size() + " numbers differ"
                + (v.differences().isEmpty() ? "" : ", e.g. " + v.differences().get(0)) + ")";
    }

    private void show(SessionInputs.Opened o) {
        risk.restore(o.parameters(), o.history());
        if (o.policy() != null) {
            margin.restorePolicy(o.policy());
        }
        model.load(new BookRequest.Restored(o.book()));
    }

    /** Records live observations into the open session (no new version); nothing when none is open. */
    public void appendTimeline(List<TimelinePoint> points) {
        Session s = current.get();
        if (s == null || points.isEmpty()) {
            return;
        }
        worker.submit(store -> {
            store.appendTimeline(s.id(), points);
            return points.size();
        }, n -> status.set("Recorded " + n + " live points into " + s.name()), this::failed);
    }

    /** Writes the state on show to the autosave slot (off the FX thread). */
    public void autosaveNow() {
        SessionInputs.Snapshot snap = snapshot();
        if (snap == null) {
            return;
        }
        Session open = current.get();
        worker.submit(store -> {
            RunInputs in = SessionInputs.of(snap);
            Session s = open == null
                    ? new Session(0, "autosave " + snap.book().book().name(), 0, null, in, null, null, "", List.of())
                    : new Session(open.id(), open.name(), open.version(), null, in, null, null, open.notes(), List.of());
            store.autosave(s);
            return s;
        }, s -> { }, e -> { });
    }

    /** On start: when a crashed run left an autosave, offers to restore it. */
    public void offerRecovery() {
        worker.submit(SessionStore::recover, found -> {
            if (found.isEmpty()) {
                return;
            }
            Session s = found.get();
            Alert a = new Alert(Alert.AlertType.CONFIRMATION,
                    "MarginScope did not close cleanly last time. Restore the state autosaved then ("
                            + s.name() + ")?", ButtonType.YES, ButtonType.NO);
            a.initOwner(stage);
            a.setHeaderText("Restore the autosave?");
            Optional<ButtonType> answer = a.showAndWait();
            if (answer.isPresent() && answer.get() == ButtonType.YES) {
                worker.submit(store -> SessionInputs.open(s.inputs()), o -> {
                    show(o);
                    status.set("Restored the autosave of " + s.name());
                }, this::failed);
            } else {
                worker.submit(store -> {
                    store.discardAutosave();
                    return true;
                }, x -> { }, this::failed);
            }
        }, this::failed);
    }

    public void showWindow() {
        if (window == null) {
            window = new SessionsWindow(stage, this);
        }
        window.show();
    }

    public SessionsWindow window() {
        return window;
    }

    public StoreWorker worker() {
        return worker;
    }

    ReadOnlyObjectProperty<Session> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    void failed(Throwable e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        status.set("Session error: " + text);
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.initOwner(stage);
        a.setHeaderText("Session store");
        a.show();
    }

    private static boolean sameBook(Session s, LoadedBook b) {
        String file = RunInputs.fileName(s.inputs().portfolio().name());
        int dot = file.lastIndexOf('.');
        return (dot < 0 ? file : file.substring(0, dot)).equals(b.book().name());
    }

    private SessionInputs.Snapshot snapshot() {
        LoadedBook b = model.current();
        if (b == null) {
            return null;
        }
        return new SessionInputs.Snapshot(b, risk.parameters(), risk.openedHistory(),
                margin.policyRef());
    }

    private void updateTitle() {
        LoadedBook b = model.current();
        Session s = current.get();
        stage.setTitle("MarginScope" + (b == null ? "" : " — " + model.title(b))
                + (s == null ? "" : " — session " + s.name() + " v" + s.version()));
    }
}

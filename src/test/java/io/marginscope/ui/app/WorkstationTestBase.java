package io.marginscope.ui.app;

import javafx.beans.value.ObservableBooleanValue;
import javafx.concurrent.Worker;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import io.marginscope.ui.workbook.BookRequest;
import io.marginscope.ui.workbook.WorkbookViewModel;

/**
 * The fixture the workstation's GUI tests share: the main window on a per-process preferences node, a book
 * loaded, exceptions of the FX thread cleared after each test, the preferences node removed after the class,
 * and the helpers to read on the FX thread and to wait for a settled run.
 *
 * <p>TestFX looks for {@code @Start} among the test class's own methods only, so each test class keeps a
 * {@code @Start} method that calls {@link #open}.
 */
@ExtendWith(ApplicationExtension.class)
public abstract class WorkstationTestBase {

    public static final Path SAMPLES = Path.of(System.getProperty("marginscope.projectDir", "."))
            .resolve("sample-portfolios");

    /** The node shared by the test classes that do not name their own. */
    public static final String SHARED_PREFS = "io/marginscope/test-" + ProcessHandle.current().pid();

    /** The preferences nodes the current test class has used; removed after it. */
    private static final Set<String> USED_PREFS = ConcurrentHashMap.newKeySet();

    protected Stage stage;
    protected MainWindow window;
    protected WorkbookViewModel model;

    /** Builds the workstation on the stage with this preferences node and loads the default sample book. */
    protected final void open(Stage stage, String prefs) {
        open(stage, prefs, WorkstationApp.initialRequest(List.of()));
    }

    /** Builds the workstation on the stage with this preferences node, calls {@link #opened}, loads the book. */
    protected final void open(Stage stage, String prefs, BookRequest book) {
        System.setProperty("marginscope.prefs", prefs);
        USED_PREFS.add(prefs);
        this.stage = stage;
        model = new WorkbookViewModel();
        window = new MainWindow(stage, model, new RecentFiles(WorkstationApp.preferencesNode()));
        opened();
        model.load(book);
        stage.show();
        stage.requestFocus();
    }

    /**
     * Builds the workstation as {@code bin/marginscope} with these arguments starts it: the book and the price
     * history of {@link WorkstationApp} (without {@code --history}, the bundled closes).
     */
    protected final void openAsTheProgram(Stage stage, String prefs, String... args) {
        System.setProperty("marginscope.prefs", prefs);
        USED_PREFS.add(prefs);
        this.stage = stage;
        model = new WorkbookViewModel();
        window = new MainWindow(stage, model, new RecentFiles(WorkstationApp.preferencesNode()));
        opened();
        List<String> a = List.of(args);
        WorkstationApp.begin(window, model, WorkstationApp.initialRequest(a), WorkstationApp.historyArgument(a));
        stage.show();
        stage.requestFocus();
    }

    /** Called once the window is built, before the book is loaded: where a test takes its view models. */
    protected void opened() {
    }

    /** A fresh data directory (sessions, autosave) and no periodic autosave; call before {@link #open}. */
    public static Path freshDataDir(String prefix) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        System.setProperty("marginscope.dataDir", dir.toString());
        System.setProperty("marginscope.autosaveSeconds", "0");
        return dir;
    }

    @AfterEach
    public void clearFxExceptions() {
        WaitForAsyncUtils.clearExceptions();
    }

    @AfterAll
    public static void forgetPreferences() throws Exception {
        for (String node : USED_PREFS) {
            if (Preferences.userRoot().nodeExists(node)) {
                Preferences.userRoot().node(node).removeNode();
            }
        }
        USED_PREFS.clear();
    }

    /** Reads on the FX thread, waiting up to 10 seconds. */
    public static <T> T fx(Supplier<T> read) {
        return fx(read, 10);
    }

    /** Reads on the FX thread, waiting up to this many seconds. */
    public static <T> T fx(Supplier<T> read, int seconds) {
        try {
            return WaitForAsyncUtils.asyncFx(read::get).get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Waits until the latest run matches, its service is not running and its inputs are not stale, then
     * for the FX events; returns that run.
     */
    public static <R> R settled(int seconds, Supplier<R> run, Worker<?> service, ObservableBooleanValue stale,
                         Predicate<R> done) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(() -> {
            R r = run.get();
            return r != null && done.test(r) && !service.isRunning() && !stale.get();
        }));
        WaitForAsyncUtils.waitForFxEvents();
        return fx(run);
    }
}

package io.marginscope.ui.sessions;

import io.marginscope.store.SessionStore;
import javafx.application.Platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The one thread that talks to the session store (SQLite: one writer, no JDBC on the FX thread).
 * The store opens on first use ({@link SessionStore#openDefault()}, which honours the
 * {@code marginscope.dataDir} property); results and errors come back on the FX thread.
 */
public final class StoreWorker implements AutoCloseable {

    /** A piece of work against the store. */
    public interface Job<T> {
        T run(SessionStore store) throws Exception;
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "session-store");
        t.setDaemon(true);
        return t;
    });
    private SessionStore store;

    public <T> void submit(Job<T> job, Consumer<T> onDone, Consumer<Throwable> onError) {
        if (thread.isShutdown()) {
            onError.accept(new IllegalStateException("the session store is closed"));
            return;
        }
        thread.execute(() -> {
            try {
                if (store == null) {
                    store = SessionStore.openDefault();
                }
                T value = job.run(store);
                Platform.runLater(() -> onDone.accept(value));
            } catch (Throwable e) {
                Platform.runLater(() -> onError.accept(e));
            }
        });
    }

    /** Closes the store (clearing this run's autosave: a clean exit has nothing to recover). */
    @Override
    public synchronized void close() {
        if (thread.isShutdown()) {
            return;
        }
        thread.execute(() -> {
            if (store != null) {
                store.close();
                store = null;
            }
        });
        thread.shutdown();
    }
}

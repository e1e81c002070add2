package io.marginscope.store;

/** The session store could not do what was asked (SQLite error, missing session, newer schema). */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

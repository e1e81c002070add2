package io.marginscope.store;

/** No session of that id in the store (never saved, or purged from the bin). */
public final class NoSuchSessionException extends StoreException {
    private static final long serialVersionUID = 1L;

    public NoSuchSessionException(long id) {
        super("no session " + id);
    }
}

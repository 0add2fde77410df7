package lineage.server.store;

/** A database failure; its message never reaches a client (the API answers 500 without details). */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
